/**
 * Reads the organization: accounts (one paginated ListAccounts), the root, the management account,
 * and only when the file needs them the OU tree (walked once, level by level) and account tags.
 * With `accountsFromWalk`, a read that walks the tree takes the accounts from the walk instead
 * of ListAccounts: every account is directly under exactly one root or OU, and
 * ListAccountsForParent returns the same Account objects, so the walk lists them all.
 */
import type { Account, OrganizationalUnit, Organization } from '../model/organization.js';
import type { Progress } from '../progress/progress.js';
import type { IdentityCenterGateway, OrgAccountInfo } from './gateway.js';
import pLimit from 'p-limit';
import { compareStrings } from '../model/compare.js';
import { sortedRecord } from './normalise.js';
import type { ReadScope } from './read-scope.js';
import { count } from '../model/plural.js';

const byString = compareStrings;

export async function readOrganization(
  gateway: IdentityCenterGateway,
  scope: Pick<ReadScope, 'walkOuTree' | 'readAccountTags'> & { accountsFromWalk?: boolean },
  progress: Progress,
  concurrency: number,
): Promise<Organization> {
  const phase = progress.phase('read accounts');
  const fromWalk = scope.walkOuTree && scope.accountsFromWalk === true;
  const [org, listed, roots] = await Promise.all([
    gateway.describeOrganization(),
    fromWalk
      ? undefined
      : gateway.listAccounts().then((a) => {
          phase.tick(a.length);
          return a;
        }),
    gateway.listRoots(),
  ]);
  const root = [...roots].sort((a, b) => byString(a.id, b.id))[0];
  if (!root) throw new Error('Could not read the organization: it has no root (organizations:ListRoots returned none)');

  const accounts = new Map<string, Account>();
  const add = (list: readonly OrgAccountInfo[]): void => {
    for (const a of [...list].sort((x, y) => byString(x.id, y.id))) accounts.set(a.id, { id: a.id, name: a.name, status: a.status });
  };
  if (listed !== undefined) add(listed);

  let organizationalUnits: OrganizationalUnit[] | undefined;
  if (scope.walkOuTree) {
    const walked = await walkOuTree(gateway, root.id, concurrency);
    organizationalUnits = walked.ous;
    if (fromWalk) {
      add(walked.accounts);
      phase.tick(walked.accounts.length);
    }
    for (const [id, parentId] of walked.parentOf) {
      const account = accounts.get(id);
      if (account) account.parentId = parentId;
    }
  }

  if (scope.readAccountTags) {
    // Only active accounts can be assignment targets, so only theirs are read.
    const active = [...accounts.values()].filter((a) => a.status === 'ACTIVE');
    const tagsPhase = progress.phase('read account tags', active.length);
    await pLimit(concurrency).map(active, async (a) => {
      a.tags = sortedRecord(await gateway.listTagsForResource(a.id));
      tagsPhase.tick();
    });
    tagsPhase.end(count(active.length, 'account'));
  }

  const ouNote = organizationalUnits ? `, ${count(organizationalUnits.length, 'OU')}` : '';
  phase.end(`${count(accounts.size, 'account')}${ouNote}`);
  return {
    managementAccountId: org.managementAccountId,
    rootId: root.id,
    accounts: [...accounts.values()],
    ...(organizationalUnits ? { organizationalUnits } : {}),
  };
}

/**
 * Breadth-first from the root: per parent one ListOrganizationalUnitsForParent and one
 * ListAccountsForParent (which gives each account's parentId). When the accounts come from
 * ListAccounts, accounts that appear under a parent but not there (a race with account
 * creation) are ignored.
 */
async function walkOuTree(
  gateway: IdentityCenterGateway,
  rootId: string,
  concurrency: number,
): Promise<{ ous: OrganizationalUnit[]; accounts: OrgAccountInfo[]; parentOf: Map<string, string> }> {
  const ous: OrganizationalUnit[] = [];
  const accounts: OrgAccountInfo[] = [];
  const parentOf = new Map<string, string>();
  let level: { id: string; path: string }[] = [{ id: rootId, path: '' }];
  while (level.length > 0) {
    const children = await pLimit(concurrency).map(level, async (parent) => {
      const [units, under] = await Promise.all([gateway.listOrganizationalUnitsForParent(parent.id), gateway.listAccountsForParent(parent.id)]);
      for (const a of under) {
        accounts.push(a);
        parentOf.set(a.id, parent.id);
      }
      return units.map((u) => ({ id: u.id, name: u.name, path: `${parent.path}/${u.name}`, parentId: parent.id }));
    });
    const next = children.flat();
    ous.push(...next);
    level = next.map((u) => ({ id: u.id, path: u.path }));
  }
  return { ous: ous.sort((a, b) => byString(a.path, b.path) || byString(a.id, b.id)), accounts, parentOf };
}
