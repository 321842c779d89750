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
import { assignmentKey, grantKey, principalKey, type Assignment, type GrantKey } from '../model/assignment.js';
import type { Live } from '../model/live.js';
import { compareStrings } from '../model/compare.js';

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

/** The state given by these assignments and group members (user names per group that exists). */
export function accessStateOf(assignments: Iterable<Assignment>, members: Map<string, Set<string>>): AccessState {
  return { grants: indexGrants(assignments), members, gone: new Set() };
}

export function liveAccessState(live: Live): AccessState {
  return accessStateOf(live.assignments, new Map(Object.values(live.groups).map((g) => [g.displayName, new Set(g.members)])));
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
  const deleted = new Set(c.deleted.map(assignmentKey));
  const kept = live.assignments.filter((a) => {
    // A deleted set's assignments are all among `deleted` (AWS refuses to delete a set that has any).
    if (deleted.has(assignmentKey(a))) return false;
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

export interface EffectiveAccess {
  /** How a user holds one (set, account) in the state, if at all. */
  holding(user: string, key: GrantKey): Holding | undefined;
  /** The groups a user is a member of in the state. */
  groupsOf(user: string): readonly string[];
}

/** Effective access in a state, computed per (user, grant) on demand. */
export function effectiveAccess(state: AccessState): EffectiveAccess {
  const groups = groupsByUser(state);
  const groupsOf = (user: string): readonly string[] => groups.get(user) ?? [];
  const holding = (user: string, key: GrantKey): Holding | undefined => {
    if (state.gone.has(user)) return undefined;
    const direct = state.grants.get(`USER|${user}`)?.get(key);
    const through = groupsOf(user).filter((g) => state.grants.get(`GROUP|${g}`)?.has(key) === true);
    const any = direct ?? (through[0] === undefined ? undefined : state.grants.get(`GROUP|${through[0]}`)?.get(key));
    if (any === undefined) return undefined;
    return { permissionSet: any.permissionSet, accountId: any.accountId, direct: direct !== undefined, groups: through.sort(compareStrings) };
  };
  return { holding, groupsOf };
}

/**
 * The grants whose holding may differ for a user between two states: those of their own
 * assignments that differ, all of a group they join or leave, those that differ of a group they
 * stay in, and everything they held when they are gone. Any other grant is held the same way.
 */
export function candidateGrants(user: string, states: readonly [AccessState, AccessState], views: readonly [EffectiveAccess, EffectiveAccess]): Set<GrantKey> {
  const [b, a] = states;
  const keys = new Set<GrantKey>();
  const addAll = (s: AccessState, p: string): void => {
    for (const k of s.grants.get(p)?.keys() ?? []) keys.add(k);
  };
  const addDiff = (p: string): void => {
    const x = b.grants.get(p);
    const y = a.grants.get(p);
    for (const k of x?.keys() ?? []) if (y?.has(k) !== true) keys.add(k);
    for (const k of y?.keys() ?? []) if (x?.has(k) !== true) keys.add(k);
  };
  const groupsBefore = new Set(views[0].groupsOf(user));
  const groupsAfter = new Set(views[1].groupsOf(user));
  if (a.gone.has(user)) {
    addAll(b, `USER|${user}`);
    for (const g of groupsBefore) addAll(b, `GROUP|${g}`);
    return keys;
  }
  addDiff(`USER|${user}`);
  for (const g of groupsBefore) {
    if (groupsAfter.has(g)) addDiff(`GROUP|${g}`);
    else addAll(b, `GROUP|${g}`);
  }
  for (const g of groupsAfter) if (!groupsBefore.has(g)) addAll(a, `GROUP|${g}`);
  return keys;
}

function sameKeys(a: Map<string, unknown> | undefined, b: Map<string, unknown> | undefined): boolean {
  if ((a?.size ?? 0) !== (b?.size ?? 0)) return false;
  for (const k of a?.keys() ?? []) if (b?.has(k) !== true) return false;
  return true;
}

/**
 * The only people whose effective access can differ between two states, sorted: users gone in the
 * second, users whose own assignments differ, users who join or leave a group, and every member
 * of a group whose assignments differ. Everyone else holds the same assignments
 * through the same groups. Saves computing the access of thousands of untouched people.
 */
export function touchedPeople(before: AccessState, after: AccessState): string[] {
  const out = new Set<string>([...before.gone, ...after.gone]);
  for (const p of new Set([...before.grants.keys(), ...after.grants.keys()])) {
    if (sameKeys(before.grants.get(p), after.grants.get(p))) continue;
    if (p.startsWith('USER|')) out.add(p.slice('USER|'.length));
    else {
      const g = p.slice('GROUP|'.length);
      for (const u of before.members.get(g) ?? []) out.add(u); // members who join are added below
    }
  }
  for (const g of new Set([...before.members.keys(), ...after.members.keys()])) {
    const b = before.members.get(g) ?? new Set<string>();
    const a = after.members.get(g) ?? new Set<string>();
    for (const u of b) if (!a.has(u)) out.add(u);
    for (const u of a) if (!b.has(u)) out.add(u);
  }
  return [...out].sort(compareStrings);
}
