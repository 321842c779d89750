/**
 * The planner restricted to a scope: only changes of what the scoped read covers, and the access
 * rows of those changes on the pairs it read. What the scope leaves out is neither created, updated
 * nor deleted (it may not have been read), so the universe of what exists after the plan and each
 * group's members after it are those of the restricted changes.
 */
import type { Live } from '../../model/live.js';
import type { Universe } from '../references.js';
import type { AccessChange, Change } from '../types.js';
import type { ScopeFilter } from './types.js';

export function inScope(change: Change, scope: ScopeFilter): boolean {
  switch (change.kind) {
    case 'user':
      return scope.users.has(change.userName);
    case 'group':
      return scope.groups.has(change.displayName);
    case 'membership':
      return scope.groups.has(change.group);
    case 'permission-set':
      return scope.permissionSets.has(change.name);
    case 'provision':
      return scope.permissionSets.has(change.permissionSet);
    case 'assignment':
      return scope.hasPair(change.assignment.accountId, change.assignment.permissionSet);
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

/** Members after the restricted plan: a group outside the scope keeps the members it has. */
export function restrictMembersAfter(
  membersAfter: Map<string, Set<string>>,
  live: Live,
  scope: ScopeFilter | undefined,
): Map<string, Set<string>> {
  if (scope === undefined) return membersAfter;
  const out = new Map<string, Set<string>>();
  for (const [group, members] of membersAfter) {
    if (scope.groups.has(group)) out.set(group, members);
    else if (group in live.groups) out.set(group, new Set(live.groups[group]?.members ?? []));
  }
  return out;
}

export function restrictAccess(access: AccessChange[], scope: ScopeFilter | undefined): AccessChange[] {
  return scope === undefined ? access : access.filter((a) => scope.hasPair(a.accountId, a.permissionSet));
}
