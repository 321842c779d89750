/**
 * The reviewer's view: who gains or loses which permission set on which account, and why, from
 * the assignment changes and from membership changes (a user added to a group gains what the group
 * has).
 *
 * Membership effects are computed on effective access: a user's access through every path (direct
 * assignments and every group) before and after the plan. A membership change shows a row only
 * where the user's effective access really changes: adding bob to `admins` when bob already has
 * ReadOnly on an account directly (or through another group) says nothing about ReadOnly there.
 */
import type { Assignment, LiveAssignment } from '../model/assignment.js';
import type { Live } from '../model/live.js';
import type { AccountIndex } from './accounts.js';
import { compareStrings, compareTuples } from './compare.js';
import type { AccessChange, AssignmentChange, MembershipChange } from './types.js';

export interface AccessInputs {
  live: Live;
  accounts: AccountIndex;
  assignments: AssignmentChange[];
  memberships: MembershipChange[];
  /** Members per group after the plan (resolved user names). */
  membersAfter: Map<string, Set<string>>;
  deletedUsers: Set<string>;
  deletedGroups: Set<string>;
  deletedSets: Set<string>;
}

const grantKey = (a: Assignment): string => `${a.permissionSet}|${a.accountId}`;
export const viaGroup = (group: string): string => `member of group ${group}`;

/** Principal (`USER|name`) → grant key → the assignment. */
function index(assignments: Iterable<Assignment>): Map<string, Map<string, Assignment>> {
  const out = new Map<string, Map<string, Assignment>>();
  for (const a of assignments) {
    const p = `${a.principalType}|${a.principal}`;
    const m = out.get(p) ?? new Map<string, Assignment>();
    m.set(grantKey(a), a);
    out.set(p, m);
  }
  return out;
}

function deleteReason(a: Assignment, inputs: AccessInputs): string {
  if (inputs.deletedSets.has(a.permissionSet)) return `permission set ${a.permissionSet} is deleted`;
  if (a.principalType === 'USER' && inputs.deletedUsers.has(a.principal)) return `user ${a.principal} is deleted`;
  if (a.principalType === 'GROUP' && inputs.deletedGroups.has(a.principal)) return `group ${a.principal} is deleted`;
  return 'no rule in access.yaml grants it';
}

/** Effective grants of a user through groups: grant key → (groups, assignment). */
function throughGroups(
  user: string,
  memberships: Map<string, Set<string>>,
  byPrincipal: Map<string, Map<string, Assignment>>,
): Map<string, { groups: string[]; a: Assignment }> {
  const out = new Map<string, { groups: string[]; a: Assignment }>();
  for (const [group, members] of memberships) {
    if (!members.has(user)) continue;
    for (const [k, a] of byPrincipal.get(`GROUP|${group}`) ?? []) {
      const e = out.get(k) ?? { groups: [], a };
      e.groups.push(group);
      out.set(k, e);
    }
  }
  return out;
}

export function accessChanges(inputs: AccessInputs): AccessChange[] {
  const { live, accounts } = inputs;
  const rows = new Map<string, AccessChange & { viaSet: Set<string> }>();
  const memberCount = (group: string): number =>
    inputs.deletedGroups.has(group)
      ? 0
      : (inputs.membersAfter.get(group)?.size ?? 0) + (live.groups[group]?.unresolvedMemberIds.length ?? 0);
  const row = (effect: 'gain' | 'lose', a: Assignment, via: string[]): void => {
    const key = `${effect}|${a.principalType}|${a.principal}|${grantKey(a)}`;
    let r = rows.get(key);
    if (r === undefined) {
      r = {
        effect,
        principalType: a.principalType,
        principal: a.principal,
        permissionSet: a.permissionSet,
        accountId: a.accountId,
        accountName: accounts.nameOf(a.accountId),
        via: [],
        viaSet: new Set(),
      };
      if (a.principalType === 'GROUP') r.memberCount = memberCount(a.principal);
      rows.set(key, r);
    }
    for (const v of via) r.viaSet.add(v);
  };

  for (const c of inputs.assignments) {
    if (c.action === 'create') row('gain', c.assignment, c.rules.map((r) => r.label));
    else row('lose', c.assignment, [deleteReason(c.assignment, inputs)]);
  }

  // Effective access of the users whose group memberships change.
  const affected = new Set<string>(inputs.memberships.map((m) => m.user));
  for (const g of inputs.deletedGroups) for (const u of live.groups[g]?.members ?? []) affected.add(u);
  for (const u of inputs.deletedUsers) affected.add(u);
  if (affected.size > 0) {
    const deleted = new Set(inputs.assignments.filter((c) => c.action === 'delete').map((c) => c.assignment));
    const deletedKeys = new Set([...deleted].map((a) => `${a.principalType}|${a.principal}|${grantKey(a)}`));
    const finalAssignments: Assignment[] = [
      ...live.assignments.filter((a: LiveAssignment) => !deletedKeys.has(`${a.principalType}|${a.principal}|${grantKey(a)}`)),
      ...inputs.assignments.filter((c) => c.action === 'create').map((c) => c.assignment),
    ];
    const before = index(live.assignments);
    const after = index(finalAssignments);
    const membersBefore = new Map(Object.entries(live.groups).map(([g, grp]) => [g, new Set(grp.members)]));
    const membersAfter = new Map([...inputs.membersAfter].filter(([g]) => !inputs.deletedGroups.has(g)));
    for (const user of [...affected].sort(compareStrings)) {
      const directBefore = before.get(`USER|${user}`) ?? new Map<string, Assignment>();
      const directAfter = inputs.deletedUsers.has(user) ? new Map<string, Assignment>() : (after.get(`USER|${user}`) ?? new Map());
      const groupsBefore = throughGroups(user, membersBefore, before);
      const groupsAfter = inputs.deletedUsers.has(user) ? new Map() : throughGroups(user, membersAfter, after);
      for (const [k, e] of groupsAfter) {
        if (directBefore.has(k) || groupsBefore.has(k)) continue;
        row('gain', { ...e.a, principalType: 'USER', principal: user }, e.groups.map(viaGroup));
      }
      for (const [k, e] of groupsBefore) {
        if (directAfter.has(k) || groupsAfter.has(k)) continue;
        row('lose', { ...e.a, principalType: 'USER', principal: user }, e.groups.map(viaGroup));
      }
    }
  }

  return [...rows.values()]
    .map(({ viaSet, ...r }) => ({ ...r, via: [...viaSet].sort(compareStrings) }))
    .sort((a, b) =>
      compareTuples(
        [a.accountId, a.permissionSet, a.principalType, a.principal, a.effect],
        [b.accountId, b.permissionSet, b.principalType, b.principal, b.effect],
      ),
    );
}
