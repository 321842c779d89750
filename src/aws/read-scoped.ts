/**
 * The scoped read of a pull request's plan: the organization (to expand both versions' rules; a
 * walk of the OU tree lists the accounts too, so ListAccounts is skipped then), every user and
 * group by name (two lists; none when the restricted plan cannot need them), every permission set by name (name only, except the sets whose
 * definition differs: their definition and provisioned accounts, and for a set the head deletes
 * all its assignments), then the assignments of the principals in scope, per principal (deleted
 * users, groups that differ, users whose memberships change and their groups: see
 * read-scope-principals.ts), then in full only the (account, permission set) pairs whose desired
 * assignments differ or where an assignment of those principals changes, and the members of the
 * groups that matter there.
 * Returns the scope it read (see `src/plan/scope/`), or why the plan must be full.
 */
import type { Desired } from '../model/desired.js';
import type { InstanceRef, Live } from '../model/live.js';
import type { LiveGroup } from '../model/identity.js';
import type { Progress } from '../progress/progress.js';
import { expandRules } from '../plan/expand.js';
import { computeScope, fullReadReason } from '../plan/scope/compute-scope.js';
import { pairKey, sortedPairs, type FullRead, type ScopedRead, type ScopePair } from '../plan/scope/types.js';
import { canCountCalls, countingGateway, diffCounts } from './call-counts.js';
import type { GroupRecord, IdentityCenterGateway, UserRecord } from './gateway.js';
import { identityStoreNeeded } from './scoped-identity-need.js';
import { readScopePrincipals } from './read-scope-principals.js';
import pLimit from 'p-limit';
import { DEFAULT_READ_CONCURRENCY, liveFrom } from './read-live.js';
import { IdentityIndex } from './read-identities.js';
import { readOrganization } from './read-organization.js';
import { readPermissionSets, type RawAssignment } from './read-permission-sets.js';
import { readScope } from './read-scope.js';
import { count } from '../model/plural.js';
import { byName, hasName, nameRecord } from '../model/name-record.js';

export interface ScopedReadOptions {
  progress: Progress;
  instance: InstanceRef;
  /** "Today", for rules with `expires` (as the planner uses it). */
  now: Date;
  /** What the base is, for people (`<sha>:access.yaml`, a file path). */
  baseLabel: string;
  concurrency?: number;
  /** Permission set names already known, ARN → name (the name cache; see readLive). */
  knownNames?: ReadonlyMap<string, string>;
}

export type ScopedReadResult = { kind: 'scoped'; live: Live; scope: ScopedRead } | FullRead;

export async function readScoped(gateway: IdentityCenterGateway, base: Desired, head: Desired, options: ScopedReadOptions): Promise<ScopedReadResult> {
  const early = fullReadReason(base, head);
  if (early !== undefined) return { kind: 'full', reason: early };
  const counted = canCountCalls(gateway) ? gateway : countingGateway(gateway);
  const before = counted.callCounts();
  const { progress, instance } = options;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_READ_CONCURRENCY);
  const headScope = readScope(head);
  const baseScope = readScope(base);

  const [caller, organization] = await Promise.all([
    counted.callerIdentity(),
    readOrganization(
      counted,
      {
        walkOuTree: headScope.walkOuTree || baseScope.walkOuTree,
        readAccountTags: headScope.readAccountTags || baseScope.readAccountTags,
        accountsFromWalk: true,
      },
      progress,
      concurrency,
    ),
  ]);
  const decision = computeScope(base, head, organization, options.now, options.baseLabel);
  if (decision.kind === 'full') return decision;
  const request = decision.request;
  const scopeSets = new Set(request.permissionSets);
  // A set the head deletes loses every assignment (its pairs are in scope: read with it, in full).
  // A set the head still defines is only updated and re-provisioned: no assignment of it changes
  // because of its definition, so its definition and provisioned accounts are enough (its pairs
  // are in scope only when a rule or principal puts them there).
  const deletedSets = new Set(request.permissionSets.filter((name) => !hasName(head.permissionSets, name)));

  // Users and groups by name (two lists), while the sets are read; skipped when the restricted
  // plan provably needs none of them (see scoped-identity-need.ts).
  const identityStore = identityStoreNeeded(head, request, deletedSets.size > 0)
    ? Promise.all([counted.listUsers(instance.identityStoreId), counted.listGroups(instance.identityStoreId)])
    : Promise.resolve([[], []] as [UserRecord[], GroupRecord[]]);
  // Sets: by name; the definition of those whose definition differs.
  const [[users, groups], sets] = await Promise.all([
    identityStore,
    readPermissionSets(
      counted,
      instance.instanceArn,
      {
        permissionSetScope: (name) => (deletedSets.has(name) ? 'full' : scopeSets.has(name) ? 'definition' : 'name-only'),
        readOutdatedOf: (name) => scopeSets.has(name) && headScope.readOutdatedOf(name),
      },
      progress,
      concurrency,
      options.knownNames,
    ),
  ]);
  const arnOf = new Map(Object.values(sets.permissionSets).map((s) => [s.name, s.arn]));
  const nameOf = new Map(Object.values(sets.permissionSets).map((s) => [s.arn, s.name]));

  const identities = new IdentityIndex();
  for (const u of users) identities.addUser(u);
  const groupNameById = new Map(groups.map((g) => [g.groupId, g.displayName]));

  // The principals whose every assignment is in scope, read per principal; a pair where one of
  // their assignments changes is read in full (read-scope-principals.ts). The API answers only
  // the management account (identity-center-facts.md).
  const wantsPrincipals = request.principals.length > 0 || request.users.length > 0;
  const principals = wantsPrincipals
    ? await readScopePrincipals(counted, {
        instanceArn: instance.instanceArn,
        identityStoreId: instance.identityStoreId,
        head,
        request,
        organization,
        now: options.now,
        identities,
        groups,
        setNames: nameOf,
        concurrency,
        byPrincipal: caller.accountId === organization.managementAccountId,
      })
    : { principals: { users: [], groups: [] }, assignments: [], changedPairs: [] };
  if (principals === undefined) {
    return {
      kind: 'full',
      reason: `the change touches users or groups, whose assignments a scoped plan reads with ListAccountAssignmentsForPrincipal, which only the management account may call (this runs in ${caller.accountId})`,
    };
  }

  // Every provisioned pair of a deleted set was read with it; the other pairs now.
  const readPairs = new Set<string>();
  const provisionedPairs: ScopePair[] = [];
  for (const name of deletedSets) {
    for (const accountId of byName(sets.permissionSets, name)?.provisionedAccountIds ?? []) {
      readPairs.add(pairKey(accountId, name));
      provisionedPairs.push({ accountId, permissionSet: name });
    }
  }
  const pairs = sortedPairs([...request.pairs, ...principals.changedPairs, ...provisionedPairs]);
  const inPairs = new Set(pairs.map((p) => pairKey(p.accountId, p.permissionSet)));
  // The principals' assignments elsewhere; on the pairs read in full, the full read has them.
  const raw: RawAssignment[] = [...sets.assignments, ...principals.assignments.filter((a) => !inPairs.has(pairKey(a.accountId, a.permissionSet)))];
  const toRead = pairs.filter((p) => !readPairs.has(pairKey(p.accountId, p.permissionSet)) && arnOf.has(p.permissionSet));
  const phase = progress.phase('read assignments in scope', toRead.length);
  await pLimit(concurrency).map(toRead, async (p) => {
    const arn = arnOf.get(p.permissionSet) as string;
    for (const a of await counted.listAccountAssignments(instance.instanceArn, p.accountId, arn)) {
      raw.push({ permissionSetArn: arn, permissionSet: p.permissionSet, accountId: p.accountId, ...a });
    }
    phase.tick();
  });
  phase.end(count(toRead.length, 'account × permission set pair'));

  // Members of every group holding an assignment on a pair read in full (those of the principal
  // groups were read with them); other groups are listed by name only (the restricted plan never
  // changes their members). What the head's rules grant there counts too: a new grant shows its
  // members' access.
  const needMembers = new Set<string>();
  for (const a of raw) if (a.principalType === 'GROUP') needMembers.add(groupNameById.get(a.principalId) ?? '');
  for (const { assignment } of expandRules(head, organization, options.now).assignments.values()) {
    if (assignment.principalType === 'GROUP' && inPairs.has(pairKey(assignment.accountId, assignment.permissionSet))) needMembers.add(assignment.principal);
  }
  for (const g of groups) if (needMembers.has(g.displayName)) identities.addGroup(g);
  await identities.readMemberships(counted, instance.identityStoreId, concurrency, () => undefined);
  for (const g of groups) {
    if (g.displayName === '' || identities.groups.has(g.displayName)) continue;
    const listed: LiveGroup = {
      groupId: g.groupId,
      displayName: g.displayName,
      ...(g.description !== undefined ? { description: g.description } : {}),
      members: [],
      membershipIds: nameRecord(),
      unresolvedMemberIds: [],
    };
    identities.groups.set(g.displayName, listed);
    identities.groupNameById.set(g.groupId, g.displayName);
  }

  const live = liveFrom({
    instance,
    caller,
    organization,
    identities,
    permissionSets: sets.permissionSets,
    assignments: raw,
    readCalls: diffCounts(before, counted.callCounts()),
  });
  const scope: ScopedRead = {
    kind: 'scoped',
    base: request.base,
    permissionSets: request.permissionSets,
    users: request.users,
    groups: request.groups,
    pairs,
    principals: principals.principals,
  };
  return { kind: 'scoped', live, scope };
}
