/**
 * The planner restricted to a scope: only changes of what the scoped read covers, and the access
 * rows of those changes: every row on the pairs read in full, and elsewhere the rows of the
 * principals whose every assignment was read (a member who gains or loses access through a group
 * whose members change; a deleted user). What the scope leaves out is neither created, updated
 * nor deleted (it may not have been read), so the universe of what exists after the plan and each
 * group's members after it are those of the restricted changes.
 */
import type { Live } from '../../model/live.js';
import type { Universe } from '../references.js';
import type { AccessChange, Change, MembershipChange } from '../types.js';
import type { ScopeFilter } from './types.js';
import { byName, hasName } from '../../model/name-record.js';

export function inScope(change: Change, scope: ScopeFilter): boolean {
  switch (change.kind) {
    case 'user':
      return scope.users.has(change.userName);
    case 'group':
      return scope.groups.has(change.displayName);
    case 'membership':
      // The read lists every group of a user in scope, and every member of a group in scope.
      return scope.groups.has(change.group) || scope.users.has(change.user);
    case 'permission-set':
      return scope.permissionSets.has(change.name);
    case 'provision':
      return scope.permissionSets.has(change.permissionSet);
    case 'assignment': {
      const a = change.assignment;
      return scope.hasPair(a.accountId, a.permissionSet) || scope.hasPrincipal(a.principalType, a.principal);
    }
    // A revocation follows the access it ends (a pair of the scope, or a user whose assignments and
    // groups were read everywhere); removing one needs the set's inline policy, read with the sets
    // whose definition changes.
    case 'session-revocation':
      return change.action === 'create'
        ? scope.hasPair(change.accountId, change.permissionSet) || scope.hasPrincipal('USER', change.user)
        : scope.permissionSets.has(change.permissionSet);
  }
}

export function restrictChanges<C extends Change>(changes: readonly C[], scope: ScopeFilter | undefined): C[] {
  return scope === undefined ? [...changes] : changes.filter((c) => inScope(c, scope));
}

/** Names that exist after the restricted plan: creations outside the scope do not happen. */
export function restrictUniverse(universe: Universe, live: Live, scope: ScopeFilter | undefined): Universe {
  if (scope === undefined) return universe;
  const keep = (after: Set<string>, inLive: Record<string, unknown>, scoped: ReadonlySet<string>): Set<string> =>
    new Set([...after].filter((n) => hasName(inLive, n) || scoped.has(n)));
  return {
    usersAfter: keep(universe.usersAfter, live.users, scope.users),
    groupsAfter: keep(universe.groupsAfter, live.groups, scope.groups),
    setsAfter: keep(universe.setsAfter, live.permissionSets, scope.permissionSets),
  };
}

/** Memberships in scope, less those of a user or group whose creation is outside it. */
export function restrictMemberships(changes: readonly MembershipChange[], scope: ScopeFilter | undefined, after: Universe): MembershipChange[] {
  return restrictChanges(changes, scope).filter((c) => c.action === 'delete' || (after.usersAfter.has(c.user) && after.groupsAfter.has(c.group)));
}

/**
 * Members after the restricted plan: a group in scope gets what the file says; any other keeps
 * the members it has, changed only by the restricted memberships (of users in scope).
 */
export function restrictMembersAfter(
  membersAfter: Map<string, Set<string>>,
  live: Live,
  scope: ScopeFilter | undefined,
  memberships: readonly MembershipChange[],
): Map<string, Set<string>> {
  if (scope === undefined) return membersAfter;
  const out = new Map<string, Set<string>>();
  for (const [group, members] of membersAfter) {
    if (scope.groups.has(group)) {
      out.set(group, members);
      continue;
    }
    if (!hasName(live.groups, group)) continue;
    const after = new Set(byName(live.groups, group)?.members ?? []);
    for (const m of memberships) {
      if (m.group !== group) continue;
      if (m.action === 'create') after.add(m.user);
      else after.delete(m.user);
    }
    out.set(group, after);
  }
  return out;
}

/**
 * Access rows in scope: every row of a pair read in full; elsewhere a user row of a principal in
 * scope (its direct assignments and those of all its groups were read, so its effective access is
 * known) and a group row of a group in scope.
 */
export function restrictAccess(access: AccessChange[], scope: ScopeFilter | undefined): AccessChange[] {
  if (scope === undefined) return access;
  return access.filter(
    (a) => scope.hasPair(a.accountId, a.permissionSet) || (a.kind === 'user' ? scope.hasPrincipal('USER', a.user) : scope.hasPrincipal('GROUP', a.group)),
  );
}

/**
 * Live with only the assignments in scope, for the warnings: a scoped read does not see the
 * others (an assignment of a deleted principal outside the scope is not warned about, as the
 * full plan restricted to the scope does not).
 */
export function restrictLive(live: Live, scope: ScopeFilter | undefined): Live {
  if (scope === undefined) return live;
  return {
    ...live,
    assignments: live.assignments.filter((a) => scope.hasPair(a.accountId, a.permissionSet) || scope.hasPrincipal(a.principalType, a.principal)),
  };
}
