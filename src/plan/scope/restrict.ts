/**
 * The planner restricted to a scope: only changes of what the scoped read covers, and the access
 * rows of those changes on the pairs it read. What the scope leaves out is neither created, updated
 * nor deleted (it may not have been read), so the universe of what exists after the plan and each
 * group's members after it are those of the restricted changes.
 */
import type { Live } from '../../model/live.js';
import type { Universe } from '../references.js';
import type { AccessChange, Change, MembershipChange } from '../types.js';
import type { ScopeFilter } from './types.js';

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
    case 'assignment':
      return scope.hasPair(change.assignment.accountId, change.assignment.permissionSet);
    // A revocation follows the access it ends (a pair of the scope); removing one needs the set's
    // inline policy, read with the sets whose definition changes.
    case 'session-revocation':
      return change.action === 'create' ? scope.hasPair(change.accountId, change.permissionSet) : scope.permissionSets.has(change.permissionSet);
  }
}

export function restrictChanges<C extends Change>(changes: readonly C[], scope: ScopeFilter | undefined): C[] {
  return scope === undefined ? [...changes] : changes.filter((c) => inScope(c, scope));
}

/** Names that exist after the restricted plan: creations outside the scope do not happen. */
export function restrictUniverse(universe: Universe, live: Live, scope: ScopeFilter | undefined): Universe {
  if (scope === undefined) return universe;
  const keep = (after: Set<string>, inLive: Record<string, unknown>, scoped: ReadonlySet<string>): Set<string> =>
    new Set([...after].filter((n) => n in inLive || scoped.has(n)));
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
    if (!(group in live.groups)) continue;
    const after = new Set(live.groups[group]?.members ?? []);
    for (const m of memberships) {
      if (m.group !== group) continue;
      if (m.action === 'create') after.add(m.user);
      else after.delete(m.user);
    }
    out.set(group, after);
  }
  return out;
}

export function restrictAccess(access: AccessChange[], scope: ScopeFilter | undefined): AccessChange[] {
  return scope === undefined ? access : access.filter((a) => scope.hasPair(a.accountId, a.permissionSet));
}
