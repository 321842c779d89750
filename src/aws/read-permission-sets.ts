/**
 * Reads permission sets and their assignments, one pipeline per set (so the shared rate limiter
 * always has work queued):
 *   DescribePermissionSet → (tags, inline policy, managed, customer managed, boundary) ∥
 *   (ListAccountsForProvisionedPermissionSet, and again for LATEST_PERMISSION_SET_NOT_PROVISIONED)
 *   → ListAccountAssignments per provisioned account (not for a set read as its `definition` only).
 * Never accounts × sets: only the pairs where the set is provisioned are listed.
 * A set read as its name only whose name `knownNames` (the name cache, see src/cache/name-cache.ts)
 * already gives costs no call beyond ListPermissionSets.
 */
import type { PrincipalType } from '../model/assignment.js';
import type { LivePermissionSet } from '../model/permission-set.js';
import type { Progress } from '../progress/progress.js';
import type { IdentityCenterGateway } from './gateway.js';
import pLimit from 'p-limit';
import { compareStrings, sortedStrings } from '../model/compare.js';
import { sortedRecord } from './normalise.js';
import type { ReadScope } from './read-scope.js';
import { compareCustomerRefs, remembersPermissionSetNames } from './sdk-sso-admin-permission-sets.js';
import { count } from '../model/plural.js';
import { DEFAULT_SESSION_DURATION } from '../config/normalise.js';
import { splitRevocations } from '../model/session-revocation.js';
import { nameRecord } from '../model/name-record.js';

export interface RawAssignment {
  permissionSetArn: string;
  permissionSet: string;
  accountId: string;
  principalType: PrincipalType;
  principalId: string;
}

export interface PermissionSetsRead {
  permissionSets: Record<string, LivePermissionSet>;
  assignments: RawAssignment[];
}

/** What a set read by name only has: nothing of its configuration, provisioning or assignments. */
const notRead = (): Pick<LivePermissionSet, 'managedPolicies' | 'customerManagedPolicies' | 'tags' | 'provisionedAccountIds' | 'outdatedAccountIds'> => ({
  managedPolicies: [],
  customerManagedPolicies: [],
  tags: nameRecord(),
  provisionedAccountIds: [],
  outdatedAccountIds: [],
});

export async function readPermissionSets(
  gateway: IdentityCenterGateway,
  instanceArn: string,
  scope: Pick<ReadScope, 'permissionSetScope' | 'readOutdatedOf'>,
  progress: Progress,
  concurrency: number,
  knownNames: ReadonlyMap<string, string> = new Map(),
): Promise<PermissionSetsRead> {
  const listPhase = progress.phase('read permission sets');
  const arns = await gateway.listPermissionSets(instanceArn);
  listPhase.setTotal(arns.length);
  const assignmentsPhase = progress.phase('read assignments', 0);
  let pairs = 0;
  let skipped = 0;
  let cached = 0;
  const assignments: RawAssignment[] = [];

  const sets = await pLimit(concurrency).map([...arns].sort(compareStrings), async (arn): Promise<LivePermissionSet> => {
    const known = knownNames.get(arn);
    if (known !== undefined && scope.permissionSetScope(known) === 'name-only') {
      if (remembersPermissionSetNames(gateway)) gateway.rememberPermissionSetName(arn, known);
      skipped++;
      cached++;
      listPhase.tick();
      // Its attributes are not read: the plan never looks at a name-only set's configuration (it
      // is ignored, or outside a scoped plan's scope); AWS's default session duration stands in.
      return { arn, name: known, sessionDuration: DEFAULT_SESSION_DURATION, ...notRead() };
    }
    const record = await gateway.describePermissionSet(instanceArn, arn);
    const base = {
      arn,
      name: record.name,
      sessionDuration: record.sessionDuration,
      ...(record.description !== undefined ? { description: record.description } : {}),
      ...(record.relayState !== undefined ? { relayState: record.relayState } : {}),
    };
    const how = scope.permissionSetScope(record.name);
    if (how === 'name-only') {
      skipped++;
      listPhase.tick();
      return { ...base, ...notRead() };
    }

    const details = Promise.all([
      gateway.listTagsForPermissionSet(instanceArn, arn),
      gateway.getInlinePolicy(instanceArn, arn),
      gateway.listManagedPolicies(instanceArn, arn),
      gateway.listCustomerManagedPolicies(instanceArn, arn),
      gateway.getPermissionsBoundary(instanceArn, arn),
    ]).then((d) => {
      listPhase.tick();
      return d;
    });
    const provisioning = Promise.all([
      gateway.listAccountsForProvisionedPermissionSet(instanceArn, arn),
      scope.readOutdatedOf(record.name) ? gateway.listAccountsForProvisionedPermissionSet(instanceArn, arn, true) : Promise.resolve([]),
    ]).then(async ([provisioned, outdated]) => {
      const accountIds = sortedStrings([...provisioned, ...outdated]);
      if (how === 'definition') return { provisionedAccountIds: accountIds, outdatedAccountIds: sortedStrings(outdated) };
      pairs += accountIds.length;
      assignmentsPhase.setTotal(pairs);
      await pLimit(concurrency).map(accountIds, async (accountId) => {
        for (const a of await gateway.listAccountAssignments(instanceArn, accountId, arn)) {
          assignments.push({ permissionSetArn: arn, permissionSet: record.name, accountId, ...a });
        }
        assignmentsPhase.tick();
      });
      return { provisionedAccountIds: accountIds, outdatedAccountIds: sortedStrings(outdated) };
    });

    const [[tags, inlinePolicy, managed, customer, boundary], accounts] = await Promise.all([details, provisioning]);
    // idc's own revocation statements are not part of the set's configuration (see session-revocation.ts).
    const policy = splitRevocations(inlinePolicy);
    return {
      ...base,
      managedPolicies: sortedStrings(managed),
      customerManagedPolicies: [...customer].sort(compareCustomerRefs),
      ...(policy.rest !== undefined && policy.rest !== '' ? { inlinePolicy: policy.rest } : {}),
      ...(policy.revocations.length > 0 ? { sessionRevocations: policy.revocations } : {}),
      ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
      tags: sortedRecord(tags),
      ...accounts,
    };
  });

  const fromCache = cached > 0 ? `; ${cached} of the names from the cache` : '';
  const ignored = skipped > 0 ? ` (${skipped} ignored: name only${fromCache})` : '';
  listPhase.end(`${count(sets.length, 'permission set')}${ignored}`);
  assignmentsPhase.end(`${count(assignments.length, 'assignment')} in ${count(pairs, 'account × permission set pair')}`);
  const permissionSets = nameRecord<LivePermissionSet>();
  for (const ps of [...sets].sort((a, b) => compareStrings(a.name, b.name))) permissionSets[ps.name] = ps;
  return { permissionSets, assignments };
}
