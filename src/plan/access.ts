/**
 * The reviewer's view of a plan: whose effective access changes, through which path, and what each
 * group grant change does to its members.
 *
 * A person's effective access (see effective-access.ts) is compared before and after the plan. A
 * user row exists only where that set really changes: moving a grant from a user to a group they
 * belong to, removing someone from a group while a direct grant remains, or deleting one of two
 * groups that grant the same thing changes no one's access and shows no user row. Every group
 * assignment change gets a group row saying whose access it changes, and why not for the others.
 */
import { assignmentKey, grantKey, type Assignment } from '../model/assignment.js';
import type { Live } from '../model/live.js';
import type { AccountIndex } from './accounts.js';
import { compareTuples, sortedStrings } from '../model/compare.js';
import {
  candidateGrants,
  effectiveAccess,
  liveAccessState,
  stateAfter,
  type AccessState,
  type EffectiveAccess,
  touchedPeople,
  type Holding,
} from './effective-access.js';
import type { AccessChange, AccessPath, AssignmentChange, GroupAccessChange, UnchangedMember, UserAccessChange } from './types.js';
import { joinList, noun } from '../model/plural.js';
import { byName } from '../model/name-record.js';

export interface AccessInputs {
  live: Live;
  accounts: AccountIndex;
  assignments: AssignmentChange[];
  /** Members per group after the plan (resolved user names). */
  membersAfter: Map<string, Set<string>>;
  deletedUsers: Set<string>;
  deletedGroups: Set<string>;
  deletedSets: Set<string>;
  /** Grants that end because their rules expired, by `assignmentKey` (see expiry.ts). */
  expired?: ReadonlyMap<string, string[]>;
}

/** Why each assignment is created (rule labels) or deleted, by principal and grant. */
function assignmentReasons(inputs: AccessInputs): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of inputs.assignments) {
    const a = c.assignment;
    out.set(assignmentKey(a), c.action === 'create' ? c.rules.map((r) => r.label) : [deleteReason(a, inputs)]);
  }
  return out;
}

/** A deleted user's rows say so in `paths` and never read this, so only a deleted group is a reason here. */
function deleteReason(a: Assignment, inputs: AccessInputs): string {
  if (inputs.deletedSets.has(a.permissionSet)) return `permission set ${a.permissionSet} is deleted`;
  if (a.principalType === 'GROUP' && inputs.deletedGroups.has(a.principal)) return `group ${a.principal} is deleted`;
  return inputs.expired?.get(assignmentKey(a))?.join('; ') ?? 'no rule in access.yaml grants it';
}

/** The paths of a holding, each with why it comes (`other` is the state it is not in). */
function paths(user: string, h: Holding, other: AccessState, reasons: Map<string, string[]>, inputs: AccessInputs, effect: 'gain' | 'lose'): AccessPath[] {
  const because = (principal: Pick<Assignment, 'principalType' | 'principal'>): string[] =>
    reasons.get(assignmentKey({ ...principal, permissionSet: h.permissionSet, accountId: h.accountId })) ?? [];
  const out: AccessPath[] = [];
  if (effect === 'lose' && inputs.deletedUsers.has(user)) {
    if (h.direct) out.push({ because: [`user ${user} is deleted`] });
    for (const group of h.groups) out.push({ group, because: [`user ${user} is deleted`] });
    return out;
  }
  if (h.direct) out.push({ because: because({ principalType: 'USER', principal: user }) });
  for (const group of h.groups) {
    const why: string[] = [];
    if (effect === 'lose' && inputs.deletedGroups.has(group)) why.push(`group ${group} is deleted`);
    else {
      if (other.members.get(group)?.has(user) !== true) why.push(`${effect === 'gain' ? 'added to' : 'removed from'} group ${group}`);
      why.push(...because({ principalType: 'GROUP', principal: group }));
    }
    out.push({ group, because: why });
  }
  return out;
}

function userRows(people: string[], views: [EffectiveAccess, EffectiveAccess], states: [AccessState, AccessState], inputs: AccessInputs): UserAccessChange[] {
  const reasons = assignmentReasons(inputs);
  const rows: UserAccessChange[] = [];
  const row = (effect: 'gain' | 'lose', user: string, h: Holding, other: AccessState): void => {
    rows.push({
      kind: 'user',
      effect,
      user,
      permissionSet: h.permissionSet,
      accountId: h.accountId,
      accountName: inputs.accounts.nameOf(h.accountId),
      via: paths(user, h, other, reasons, inputs, effect),
    });
  };
  for (const user of people) {
    for (const k of candidateGrants(user, states, views)) {
      const had = views[0].holding(user, k);
      const has = views[1].holding(user, k);
      if (had === undefined && has !== undefined) row('gain', user, has, states[0]);
      if (had !== undefined && has === undefined) row('lose', user, had, states[1]);
    }
  }
  return rows;
}

/** `directly`, `through group ops`, `directly and through groups a, b`. */
function howHeld(h: Holding): string {
  const parts: string[] = [];
  if (h.direct) parts.push('directly');
  if (h.groups.length > 0) parts.push(`through ${noun(h.groups.length, 'group')} ${joinList(h.groups)}`);
  return parts.join(' and ');
}

/** Group grants (`group|set|account`) that one state has and the other lacks. */
function groupGrantsOnlyIn(a: AccessState, b: AccessState): Assignment[] {
  const out: Assignment[] = [];
  for (const [p, grants] of a.grants) {
    if (!p.startsWith('GROUP|')) continue;
    const other = b.grants.get(p);
    for (const [k, g] of grants) if (other?.has(k) !== true) out.push(g);
  }
  return out;
}

/**
 * A row for every group grant that comes or goes: an assignment created or deleted, or a group
 * deleted with its assignments. Each says whose effective access it changes, and why not for the
 * other members.
 */
function groupRows(views: [EffectiveAccess, EffectiveAccess], states: [AccessState, AccessState], inputs: AccessInputs): GroupAccessChange[] {
  const reasons = assignmentReasons(inputs);
  const rows: GroupAccessChange[] = [];
  const row = (a: Assignment, gain: boolean): void => {
    const k = grantKey(a);
    // A gain reaches the members after the plan; a loss is felt by the members before it.
    const state = gain ? states[1] : states[0];
    const members = sortedStrings(state.members.get(a.principal) ?? []).filter((u) => !state.gone.has(u));
    const unresolved = byName(inputs.live.groups, a.principal)?.unresolvedMemberIds.length ?? 0;
    const changesAccessOf: string[] = [];
    const unchanged: UnchangedMember[] = [];
    for (const user of members) {
      const kept = gain ? views[0].holding(user, k) : views[1].holding(user, k);
      if (kept === undefined) changesAccessOf.push(user);
      else unchanged.push({ user, because: `${gain ? 'already has it' : 'keeps it'} ${howHeld(kept)}` });
    }
    const because = reasons.get(assignmentKey(a)) ?? (inputs.deletedGroups.has(a.principal) ? [`group ${a.principal} is deleted`] : []);
    rows.push({
      kind: 'group',
      effect: gain ? 'gain' : 'lose',
      group: a.principal,
      memberCount: members.length + unresolved,
      permissionSet: a.permissionSet,
      accountId: a.accountId,
      accountName: inputs.accounts.nameOf(a.accountId),
      because,
      changesAccessOf,
      unchanged,
      unresolvedMembers: unresolved,
    });
  };
  for (const a of groupGrantsOnlyIn(states[1], states[0])) row(a, true);
  for (const a of groupGrantsOnlyIn(states[0], states[1])) row(a, false);
  return rows;
}

export function accessChanges(inputs: AccessInputs): AccessChange[] {
  const { live } = inputs;
  const before = liveAccessState(live);
  const after = stateAfter(live, {
    created: inputs.assignments.filter((c) => c.action === 'create').map((c) => c.assignment),
    deleted: inputs.assignments.filter((c) => c.action === 'delete').map((c) => c.assignment),
    membersAfter: inputs.membersAfter,
    deletedUsers: inputs.deletedUsers,
    deletedGroups: inputs.deletedGroups,
  });
  const people = touchedPeople(before, after);
  const views: [EffectiveAccess, EffectiveAccess] = [effectiveAccess(before), effectiveAccess(after)];
  const states: [AccessState, AccessState] = [before, after];
  const users = userRows(people, views, states, inputs).sort((x, y) =>
    compareTuples([x.user, x.accountId, x.permissionSet, x.effect], [y.user, y.accountId, y.permissionSet, y.effect]),
  );
  const groups = groupRows(views, states, inputs).sort((x, y) =>
    compareTuples([x.group, x.accountId, x.permissionSet, x.effect], [y.group, y.accountId, y.permissionSet, y.effect]),
  );
  return [...users, ...groups];
}
