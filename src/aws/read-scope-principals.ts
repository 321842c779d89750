/**
 * The principals of a scoped read whose every assignment is in scope, and their assignments,
 * read per principal (`ListAccountAssignmentsForPrincipal`: one paginated call per principal, in
 * every account) instead of reading each of their (account, permission set) pairs in full:
 *   - deleted users, and groups whose definition or members differ (the scope request);
 *   - users whose memberships change: a member a group in scope gains or loses, a user in scope
 *     whose groups in the file differ from its groups in AWS (or that is deleted or created);
 *   - every group of those users, before and after (so that wherever they hold access, directly
 *     or through a group, all of it is known and their access rows are exact).
 * On a pair where none of their assignments changes, no other principal's assignment or access
 * can change because of the scope, so the pair is not read in full. A pair where one of their
 * assignments changes (drift, a deleted user's or group's assignments) is read in full by the
 * caller: its group rows name every member who gains or loses access, and whether the role goes.
 *
 * The API lists only what exists: it cannot see assignments of a principal deleted outside idc
 * (identity-center-facts.md), which is why a principal is read this way only when it exists, and
 * pairs are still read in full wherever an assignment changes. It must be called from the
 * management account: from another, the read says so and the plan is full.
 */
import type { Desired } from '../model/desired.js';
import type { Organization } from '../model/organization.js';
import { expandRules } from '../plan/expand.js';
import { sortedPairs, type ScopePair, type ScopePrincipals } from '../plan/scope/types.js';
import type { ScopeRequest } from '../plan/scope/compute-scope.js';
import { sortedStrings } from '../model/compare.js';
import pLimit from 'p-limit';
import type { GroupRecord, IdentityCenterGateway } from './gateway.js';
import type { IdentityIndex } from './read-identities.js';
import { readAssignmentsByPrincipal, type Principal } from './read-assignments-by-principal.js';
import type { RawAssignment } from './read-permission-sets.js';
import { byName, hasName } from '../model/name-record.js';
import { assignmentKey, principalKey } from '../model/assignment.js';

export interface PrincipalsReadInputs {
  instanceArn: string;
  identityStoreId: string;
  head: Desired;
  request: ScopeRequest;
  organization: Organization;
  now: Date;
  /** Users read so far (by name, with IDs); the members of the principal groups are read into it. */
  identities: IdentityIndex;
  /** Every group of the identity store (by name and ID). */
  groups: readonly GroupRecord[];
  /** Permission set names by ARN. */
  setNames: ReadonlyMap<string, string>;
  concurrency: number;
  /** Whether the caller may call ListAccountAssignmentsForPrincipal (the management account only). */
  byPrincipal: boolean;
}

export interface PrincipalsRead {
  principals: ScopePrincipals;
  /** Every assignment of the principals (each of them exists). */
  assignments: RawAssignment[];
  /** Pairs where an assignment of a principal changes (or of a deleted one exists): read them in full. */
  changedPairs: ScopePair[];
}

/** The file's groups, by member. */
function groupsInFile(head: Desired): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [name, g] of Object.entries(head.groups)) {
    for (const m of g.members) out.set(m, (out.get(m) ?? new Set()).add(name));
  }
  return out;
}

/** Undefined when principals must be read per principal and the caller may not. */
export async function readScopePrincipals(gateway: IdentityCenterGateway, inputs: PrincipalsReadInputs): Promise<PrincipalsRead | undefined> {
  const { head, request, identities, concurrency } = inputs;
  const limit = pLimit(concurrency);
  const groupByName = new Map(inputs.groups.filter((g) => g.displayName !== '').map((g) => [g.displayName, g]));
  const groupNameById = new Map(inputs.groups.map((g) => [g.groupId, g.displayName]));
  const fileGroupsOf = groupsInFile(head);
  /** Reads the members of these groups (into `identities`; once per group). */
  const readMembers = async (names: Iterable<string>): Promise<void> => {
    for (const name of names) {
      const record = groupByName.get(name);
      if (record !== undefined) identities.addGroup(record);
    }
    await identities.readMemberships(gateway, inputs.identityStoreId, concurrency, () => undefined);
  };

  // The users' groups in AWS, read once per user.
  const liveGroupsOf = new Map<string, Set<string>>();
  const readGroupsOf = (names: readonly string[]): Promise<unknown> =>
    limit.map(
      names.filter((n) => !liveGroupsOf.has(n)),
      async (name) => {
        const id = identities.users.get(name)?.userId;
        const groups = new Set<string>();
        liveGroupsOf.set(name, groups);
        if (id === undefined) return;
        for (const groupId of await gateway.listGroupMembershipsForMember(inputs.identityStoreId, id)) {
          const group = groupNameById.get(groupId);
          if (group !== undefined) groups.add(group);
        }
      },
    );

  const principalUsers = new Set(request.principals.filter((p) => p.principalType === 'USER').map((p) => p.name));
  const scopeGroups = request.principals.filter((p) => p.principalType === 'GROUP').map((p) => p.name);

  // A user in scope whose groups in the file differ from those in AWS (its memberships change).
  await readGroupsOf(request.users);
  for (const name of request.users) {
    const inFile = fileGroupsOf.get(name) ?? new Set<string>();
    const inLive = liveGroupsOf.get(name) ?? new Set<string>();
    if (!hasName(head.users, name) || inFile.size !== inLive.size || [...inFile].some((g) => !inLive.has(g))) principalUsers.add(name);
  }
  // A member that a group in scope gains or loses. A deleted group loses them all, but its pairs
  // are all read in full (below), which shows every member's loss: its members need not be read.
  await readMembers(scopeGroups);
  for (const name of scopeGroups) {
    const live = identities.groups.get(name)?.members;
    const desired = byName(head.groups, name)?.members;
    if (live === undefined || desired === undefined) continue;
    for (const m of desired) if (!live.includes(m)) principalUsers.add(m);
    for (const m of live) if (!desired.includes(m)) principalUsers.add(m);
  }

  // Every group of those users, before and after.
  const users = sortedStrings(principalUsers);
  await readGroupsOf(users);
  const principalGroups = new Set(scopeGroups);
  for (const name of users) {
    for (const g of liveGroupsOf.get(name) ?? []) principalGroups.add(g);
    for (const g of fileGroupsOf.get(name) ?? []) principalGroups.add(g);
  }
  const groups = sortedStrings(principalGroups);
  // Members of those groups, and of every group of a user in scope (its memberships are in scope).
  const ofUsersInScope = request.users.flatMap((n) => [...(liveGroupsOf.get(n) ?? []), ...(fileGroupsOf.get(n) ?? [])]);
  await readMembers([...groups, ...ofUsersInScope]);

  const toRead: Principal[] = [];
  const nameOf = new Map<string, string>();
  for (const name of users) {
    const id = identities.users.get(name)?.userId;
    if (id === undefined) continue;
    toRead.push({ principalType: 'USER', principalId: id });
    nameOf.set(principalKey({ principalType: 'USER', principal: id }), name);
  }
  for (const name of groups) {
    const id = groupByName.get(name)?.groupId;
    if (id === undefined) continue;
    toRead.push({ principalType: 'GROUP', principalId: id });
    nameOf.set(principalKey({ principalType: 'GROUP', principal: id }), name);
  }
  if (toRead.length > 0 && !inputs.byPrincipal) return undefined;
  const assignments = await readAssignmentsByPrincipal(gateway, inputs.instanceArn, toRead, inputs.setNames, concurrency);

  // Where their assignments change: what the file gives them against what they hold.
  const nameOfHolder = (a: RawAssignment): string => nameOf.get(principalKey({ principalType: a.principalType, principal: a.principalId })) as string;
  const held = new Map<string, ScopePair>();
  for (const a of assignments) {
    const key = assignmentKey({ principalType: a.principalType, principal: nameOfHolder(a), accountId: a.accountId, permissionSet: a.permissionSet });
    held.set(key, { accountId: a.accountId, permissionSet: a.permissionSet });
  }
  const wanted = new Map<string, ScopePair>();
  for (const { assignment: x } of expandRules(head, inputs.organization, inputs.now).assignments.values()) {
    if (!(x.principalType === 'USER' ? principalUsers : principalGroups).has(x.principal)) continue;
    wanted.set(assignmentKey(x), { accountId: x.accountId, permissionSet: x.permissionSet });
  }
  const changedPairs: ScopePair[] = [];
  for (const [k, p] of held) if (!wanted.has(k)) changedPairs.push(p);
  for (const [k, p] of wanted) if (!held.has(k)) changedPairs.push(p);
  // Every pair of a user or group the plan deletes (its assignments go, or its access does where
  // idc leaves them, e.g. on an ignored permission set).
  const deleted = new Set(
    request.principals
      .filter((p) => !hasName(p.principalType === 'USER' ? head.users : head.groups, p.name))
      .map((p) => principalKey({ principalType: p.principalType, principal: p.name })),
  );
  for (const a of assignments) {
    if (deleted.has(principalKey({ principalType: a.principalType, principal: nameOfHolder(a) })))
      changedPairs.push({ accountId: a.accountId, permissionSet: a.permissionSet });
  }

  return {
    principals: { users, groups },
    assignments,
    changedPairs: sortedPairs(changedPairs),
  };
}
