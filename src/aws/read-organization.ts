/**
 * Reads the organization: accounts (one paginated ListAccounts), the root, the management account,
 * and only when the file needs them the OU tree (walked once, level by level) and account tags.
 */
import type { Account, OrganizationalUnit, Organization } from '../model/organization.js';
import type { Progress } from '../progress/progress.js';
import type { IdentityCenterGateway } from './gateway.js';
import pLimit from 'p-limit';
import { compareStrings, sortedRecord } from './normalise.js';
import type { ReadScope } from './read-scope.js';
import { count } from '../model/plural.js';

const byString = compareStrings;

export async function readOrganization(
  gateway: IdentityCenterGateway,
  scope: Pick<ReadScope, 'walkOuTree' | 'readAccountTags'>,
  progress: Progress,
  concurrency: number,
): Promise<Organization> {
  const phase = progress.phase('read accounts');
  const [org, listed, roots] = await Promise.all([
    gateway.describeOrganization(),
    gateway.listAccounts().then((a) => {
      phase.tick(a.length);
      return a;
    }),
    gateway.listRoots(),
  ]);
  const root = [...roots].sort((a, b) => byString(a.id, b.id))[0];
  if (!root) throw new Error('Could not read the organization: it has no root (organizations:ListRoots returned none)');

  const accounts = new Map<string, Account>();
  for (const a of [...listed].sort((x, y) => byString(x.id, y.id))) accounts.set(a.id, { id: a.id, name: a.name, status: a.status });

  let organizationalUnits: OrganizationalUnit[] | undefined;
  if (scope.walkOuTree) {
    organizationalUnits = await walkOuTree(gateway, root.id, accounts, concurrency);
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
 * ListAccountsForParent (which sets each account's parentId). Accounts that appear under a
 * parent but not in ListAccounts (a race with account creation) are ignored.
 */
async function walkOuTree(gateway: IdentityCenterGateway, rootId: string, accounts: Map<string, Account>, concurrency: number): Promise<OrganizationalUnit[]> {
  const ous: OrganizationalUnit[] = [];
  let level: { id: string; path: string }[] = [{ id: rootId, path: '' }];
  while (level.length > 0) {
    const children = await pLimit(concurrency).map(level, async (parent) => {
      const [units, accountIds] = await Promise.all([gateway.listOrganizationalUnitsForParent(parent.id), gateway.listAccountsForParent(parent.id)]);
      for (const id of accountIds) {
        const account = accounts.get(id);
        if (account) account.parentId = parent.id;
      }
      return units.map((u) => ({ id: u.id, name: u.name, path: `${parent.path}/${u.name}`, parentId: parent.id }));
    });
    const next = children.flat();
    ous.push(...next);
    level = next.map((u) => ({ id: u.id, path: u.path }));
  }
  return ous.sort((a, b) => byString(a.path, b.path) || byString(a.id, b.id));
}
