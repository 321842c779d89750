/**
 * Effective access: every (user, permission set, account) a person holds through a direct
 * assignment or through any group they belong to, in one state of Identity Center (live, or live
 * with a plan applied).
 *
 * Only assignments idc reads count: the assignments of permission sets matching
 * `ownership.ignore.permission_sets` that the file never mentions are read by name only, so access
 * through them (e.g. Control Tower's sets) is in neither state and never shows as a change, even
 * when a user or group holding it is deleted.
 */
import type { Assignment } from '../model/assignment.js';
import type { Live } from '../model/live.js';
import { compareStrings } from './compare.js';

/** `set|account`. */
export type GrantKey = string;

export const grantKey = (a: Pick<Assignment, 'permissionSet' | 'accountId'>): GrantKey => `${a.permissionSet}|${a.accountId}`;
export const principalKey = (a: Pick<Assignment, 'principalType' | 'principal'>): string => `${a.principalType}|${a.principal}`;

export interface AccessState {
  /** Assignments per principal (`USER|name`, `GROUP|name`), by grant key. */
  grants: Map<string, Map<GrantKey, Assignment>>;
  /** Members (user names) per group that exists. */
  members: Map<string, Set<string>>;
  /** Users that do not exist in this state: they hold nothing. */
  gone: Set<string>;
}

/** How one user holds one (set, account). */
export interface Holding {
  permissionSet: string;
  accountId: string;
  direct: boolean;
  /** Groups it comes through, sorted. */
  groups: string[];
}

function indexGrants(assignments: Iterable<Assignment>): Map<string, Map<GrantKey, Assignment>> {
  const out = new Map<string, Map<GrantKey, Assignment>>();
  for (const a of assignments) {
    const m = out.get(principalKey(a)) ?? new Map<GrantKey, Assignment>();
    m.set(grantKey(a), a);
    out.set(principalKey(a), m);
  }
  return out;
}

export function liveAccessState(live: Live): AccessState {
  return {
    grants: indexGrants(live.assignments),
    members: new Map(Object.values(live.groups).map((g) => [g.displayName, new Set(g.members)])),
    gone: new Set(),
  };
}

export interface AppliedChanges {
  created: Assignment[];
  deleted: Assignment[];
  /** Members per group after the plan: every group that exists after it, and only those. */
  membersAfter: Map<string, Set<string>>;
  deletedUsers: Set<string>;
  deletedGroups: Set<string>;
}

/** The live state with the plan's assignment, membership, user and group changes applied. */
export function stateAfter(live: Live, c: AppliedChanges): AccessState {
  const deleted = new Set(c.deleted.map((a) => `${principalKey(a)}|${grantKey(a)}`));
  const kept = live.assignments.filter((a) => {
    // A deleted set's assignments are all among `deleted` (AWS refuses to delete a set that has any).
    if (deleted.has(`${principalKey(a)}|${grantKey(a)}`)) return false;
    // A deleted user or group holds nothing any more, even through assignments idc does not manage.
    return a.principalType === 'USER' ? !c.deletedUsers.has(a.principal) : !c.deletedGroups.has(a.principal);
  });
  // membersAfter holds only the groups that exist after the plan.
  const members = new Map([...c.membersAfter].map(([g, m]) => [g, new Set(m)]));
  return { grants: indexGrants([...kept, ...c.created]), members, gone: new Set(c.deletedUsers) };
}

/** Groups per user. */
function groupsByUser(state: AccessState): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [g, members] of state.members) {
    for (const u of members) {
      const list = out.get(u) ?? [];
      list.push(g);
      out.set(u, list);
    }
  }
  return out;
}

/** Every user's effective access in a state: user → grant key → holding. */
export function effectiveAccess(state: AccessState, users: Iterable<string>): Map<string, Map<GrantKey, Holding>> {
  const groupsOf = groupsByUser(state);
  const out = new Map<string, Map<GrantKey, Holding>>();
  for (const user of users) {
    const held = new Map<GrantKey, Holding>();
    out.set(user, held);
    if (state.gone.has(user)) continue;
    const add = (a: Assignment, group: string | undefined): void => {
      const k = grantKey(a);
      const h = held.get(k) ?? { permissionSet: a.permissionSet, accountId: a.accountId, direct: false, groups: [] };
      if (group === undefined) h.direct = true;
      else h.groups.push(group);
      held.set(k, h);
    };
    for (const a of state.grants.get(`USER|${user}`)?.values() ?? []) add(a, undefined);
    for (const g of groupsOf.get(user) ?? []) {
      for (const a of state.grants.get(`GROUP|${g}`)?.values() ?? []) add(a, g);
    }
    for (const h of held.values()) h.groups.sort(compareStrings);
  }
  return out;
}

/** Every user either state knows of: users, members and user principals of assignments. */
export function peopleOf(live: Live, states: readonly AccessState[]): string[] {
  const people = new Set<string>(Object.keys(live.users));
  for (const s of states) {
    for (const m of s.members.values()) for (const u of m) people.add(u);
    for (const [p] of s.grants) if (p.startsWith('USER|')) people.add(p.slice('USER|'.length));
  }
  return [...people].sort(compareStrings);
}
