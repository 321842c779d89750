/**
 * Issue 9: the access section is exactly the change of every person's effective access.
 *
 * Random small worlds (users, groups, memberships, permission sets, live assignments) and random
 * edits of the desired state (grants moved between a user and a group, memberships added and
 * removed, users, groups and sets deleted, duplicate grants, rules moved to other accounts) are
 * planned with the real `buildPlan`. An independent brute force, written here from the live world
 * and the desired state alone (it never looks at the plan's changes), computes each person's
 * effective access before and after; the plan's user rows must be exactly its differences, each
 * with exactly the paths it comes or goes through, and the group rows exactly the group grants
 * that change, each naming exactly the members whose access changes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssignmentRule } from '../../src/model/desired.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import {
  desired,
  group,
  LEGACY,
  live,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  NOW,
  permissionSet,
  PROD_APP,
  PROD_DATA,
  rule,
  STAGING,
  user,
  type RuleSpec,
} from './builders.js';

const USERS = ['u0', 'u1', 'u2', 'u3'];
const GROUPS = ['g0', 'g1', 'g2'];
const SETS = ['s0', 's1', 's2'];
const NEW_USER = 'u9';
const NEW_GROUP = 'g9';
/** A group matching ownership.ignore.groups: idc never changes its members or assignments. */
const IGNORED = 'AWSControlTowerOps';
/** The active accounts a rule can target, by name, and what each kind of target reaches. */
const ACCOUNTS: Record<string, string> = { 'prod-app': PROD_APP, 'prod-data': PROD_DATA, staging: STAGING, 'legacy-prod': LEGACY };
const ACCOUNT_NAMES = Object.keys(ACCOUNTS);
const PROD_OU = [PROD_APP, PROD_DATA, LEGACY]; // /Workloads/Prod and its child /Workloads/Prod/Data
const ALL = Object.values(ACCOUNTS); // every active account but the management account

type Principal = { type: 'USER' | 'GROUP'; name: string };
type Triple = { p: Principal; set: string; account: string };
type Target = { kind: 'account'; name: string } | { kind: 'ou' } | { kind: 'all' };

const principalArb = fc.oneof(
  fc.constantFrom(...USERS).map((name): Principal => ({ type: 'USER', name })),
  fc.constantFrom(...GROUPS).map((name): Principal => ({ type: 'GROUP', name })),
);
const livePrincipalArb = fc.oneof({ weight: 7, arbitrary: principalArb }, { weight: 1, arbitrary: fc.constant<Principal>({ type: 'GROUP', name: IGNORED }) });
const tripleArb = fc.record({ p: livePrincipalArb, set: fc.constantFrom(...SETS), account: fc.constantFrom(...ALL) });
const targetArb: fc.Arbitrary<Target> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ACCOUNT_NAMES).map((name): Target => ({ kind: 'account', name })) },
  { weight: 1, arbitrary: fc.constant<Target>({ kind: 'ou' }) },
  { weight: 1, arbitrary: fc.constant<Target>({ kind: 'all' }) },
);
const fateArb = fc.constantFrom('keep', 'keep', 'move', 'move', 'drop', 'dup', 'retarget');

const worldArb = fc.record({
  liveMembers: fc.tuple(...GROUPS.map(() => fc.subarray(USERS))),
  ignoredMembers: fc.subarray(USERS),
  /** ownership.assignments: managed (live assignments no rule produces are deleted) or not. */
  assignmentsManaged: fc.constantFrom(true, true, true, false),
  liveAssignments: fc.uniqueArray(tripleArb, { maxLength: 9, selector: (t) => `${t.p.type}|${t.p.name}|${t.set}|${t.account}` }),
  deletedUsers: fc.subarray(USERS, { maxLength: 2 }),
  deletedGroups: fc.subarray(GROUPS, { maxLength: 1 }),
  deletedSets: fc.subarray(SETS, { maxLength: 1 }),
  newUser: fc.boolean(),
  newGroup: fc.boolean(),
  memberFlips: fc.array(fc.tuple(fc.constantFrom(...GROUPS, NEW_GROUP), fc.constantFrom(...USERS, NEW_USER)), { maxLength: 4 }),
  fates: fc.array(fateArb, { minLength: 9, maxLength: 9 }),
  retargets: fc.array(targetArb, { minLength: 9, maxLength: 9 }),
  extraRules: fc.array(fc.record({ p: principalArb, set: fc.constantFrom(...SETS), target: targetArb }), { maxLength: 3 }),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

/** The desired end state the test builds: what the brute force reads. */
interface DesiredState {
  users: string[];
  members: Map<string, Set<string>>;
  sets: string[];
  grants: { p: Principal; set: string; target: Target }[];
}

function desiredState(w: World): DesiredState {
  const users = [...USERS.filter((u) => !w.deletedUsers.includes(u)), ...(w.newUser ? [NEW_USER] : [])];
  const groups = [...GROUPS.filter((g) => !w.deletedGroups.includes(g)), ...(w.newGroup ? [NEW_GROUP] : [])];
  const sets = SETS.filter((s) => !w.deletedSets.includes(s));
  const members = new Map<string, Set<string>>();
  groups.forEach((g) => members.set(g, new Set((w.liveMembers[GROUPS.indexOf(g)] ?? []).filter((u) => users.includes(u)))));
  for (const [g, u] of w.memberFlips) {
    const m = members.get(g);
    if (m === undefined || !users.includes(u)) continue;
    if (m.has(u)) m.delete(u);
    else m.add(u);
  }
  const exists = (p: Principal): boolean => (p.type === 'USER' ? users.includes(p.name) : members.has(p.name));
  const grants: DesiredState['grants'] = [];
  const accountTarget = (id: string): Target => ({ kind: 'account', name: ACCOUNT_NAMES.find((n) => ACCOUNTS[n] === id) as string });
  w.liveAssignments.forEach((a, i) => {
    if (a.p.name === IGNORED || !exists(a.p) || !sets.includes(a.set)) return;
    const here = accountTarget(a.account);
    const fate = w.fates[i] ?? 'keep';
    if (fate === 'drop') return;
    if (fate === 'keep') grants.push({ p: a.p, set: a.set, target: here });
    if (fate === 'dup') grants.push({ p: a.p, set: a.set, target: here }, { p: a.p, set: a.set, target: w.retargets[i] ?? here });
    if (fate === 'retarget') grants.push({ p: a.p, set: a.set, target: w.retargets[i] ?? here });
    if (fate === 'move' && a.p.type === 'USER') {
      // To a group that has the user (the first one), else the user stays direct.
      const to = [...members].find(([, m]) => m.has(a.p.name))?.[0];
      grants.push({ p: to === undefined ? a.p : { type: 'GROUP', name: to }, set: a.set, target: here });
    }
    if (fate === 'move' && a.p.type === 'GROUP') {
      for (const u of members.get(a.p.name) ?? []) grants.push({ p: { type: 'USER', name: u }, set: a.set, target: here });
    }
  });
  for (const r of w.extraRules) if (exists(r.p) && sets.includes(r.set)) grants.push(r);
  return { users, members, sets, grants };
}

function toRule(index: number, g: DesiredState['grants'][number]): AssignmentRule {
  const spec: RuleSpec = { sets: [g.set] };
  if (g.p.type === 'USER') spec.users = [g.p.name];
  else spec.groups = [g.p.name];
  if (g.target.kind === 'account') spec.accounts = [g.target.name];
  else if (g.target.kind === 'ou') spec.ous = ['/Workloads/Prod'];
  else spec.all = true;
  return rule(index, spec);
}

// ---- The brute force: effective access from scratch. ------------------------------------------

type Access = Map<string, Map<string, Set<string>>>; // user → "set|account" → paths ("direct" or group)

function reach(target: Target): string[] {
  if (target.kind === 'account') return [ACCOUNTS[target.name] as string];
  return target.kind === 'ou' ? PROD_OU : ALL;
}

function bruteForce(people: string[], members: Map<string, Set<string>>, triples: Triple[]): Access {
  const out: Access = new Map();
  for (const person of people) {
    const held = new Map<string, Set<string>>();
    for (const t of triples) {
      const path = t.p.type === 'USER' ? (t.p.name === person ? 'direct' : undefined) : members.get(t.p.name)?.has(person) ? t.p.name : undefined;
      if (path === undefined) continue;
      const k = `${t.set}|${t.account}`;
      held.set(k, (held.get(k) ?? new Set()).add(path));
    }
    out.set(person, held);
  }
  return out;
}

function expected(w: World, d: DesiredState): { users: string[]; groups: string[] } {
  const liveMembers = new Map(GROUPS.map((g, i) => [g, new Set(w.liveMembers[i])]));
  liveMembers.set(IGNORED, new Set(w.ignoredMembers));
  const people = [...new Set([...USERS, ...d.users])];
  const liveTriples: Triple[] = w.liveAssignments;
  // After: what the rules give, plus what idc leaves alone (the ignored group's assignments, and
  // every live assignment when assignments are not managed), unless its user, group or set is gone.
  const membersAfter = new Map([...d.members, [IGNORED, new Set([...w.ignoredMembers].filter((u) => d.users.includes(u)))]]);
  const survives = (t: Triple): boolean => d.sets.includes(t.set) && (t.p.type === 'USER' ? d.users.includes(t.p.name) : membersAfter.has(t.p.name));
  const kept = liveTriples.filter((t) => survives(t) && (t.p.name === IGNORED || !w.assignmentsManaged));
  const afterTriples: Triple[] = [...kept, ...d.grants.flatMap((g) => reach(g.target).map((account) => ({ p: g.p, set: g.set, account })))];
  const before = bruteForce(people, liveMembers, liveTriples);
  const after = bruteForce(
    people.filter((p) => d.users.includes(p)),
    membersAfter,
    afterTriples,
  );
  const paths = (s: Set<string>): string => [...s].sort((a, b) => (a === 'direct' ? -1 : b === 'direct' ? 1 : a < b ? -1 : 1)).join(',');
  const users: string[] = [];
  for (const person of people) {
    const b = before.get(person) ?? new Map<string, Set<string>>();
    const a = after.get(person) ?? new Map<string, Set<string>>();
    for (const [k, via] of a) if (!b.has(k)) users.push(`${person} gain ${k} via ${paths(via)}`);
    for (const [k, via] of b) if (!a.has(k)) users.push(`${person} lose ${k} via ${paths(via)}`);
  }
  // Group grants that change: before and after, per group.
  const key = (t: Triple): string => `${t.p.name}|${t.set}|${t.account}`;
  const groupBefore = new Set(liveTriples.filter((t) => t.p.type === 'GROUP').map(key));
  const groupAfter = new Set(afterTriples.filter((t) => t.p.type === 'GROUP').map(key));
  const groups: string[] = [];
  const line = (k: string, effect: 'gain' | 'lose'): string => {
    const [g, set, account] = k.split('|') as [string, string, string];
    const grant = `${set}|${account}`;
    const ms = [...((effect === 'gain' ? membersAfter : liveMembers).get(g) ?? [])];
    const changed = ms.filter((m) => (effect === 'gain' ? !before.get(m)?.has(grant) : !after.get(m)?.has(grant))).sort();
    return `${g} ${effect} ${grant} members ${ms.length} changes ${changed.join(',')}`;
  };
  for (const k of groupAfter) if (!groupBefore.has(k)) groups.push(line(k, 'gain'));
  for (const k of groupBefore) if (!groupAfter.has(k)) groups.push(line(k, 'lose'));
  return { users: users.sort(), groups: groups.sort() };
}

// ---- The plan, through the real planner. ------------------------------------------------------

function planned(w: World, d: DesiredState) {
  const want = desired({
    users: d.users.map((u) => user(u)),
    groups: [...d.members].map(([g, m]) => group(g, [...m])),
    permissionSets: d.sets.map((s) => permissionSet(s)),
    rules: d.grants.map((g, i) => toRule(i, g)),
    ownership: { assignments: w.assignmentsManaged ? 'managed' : 'referenced' },
  });
  const have = live({
    users: USERS.map((u) => liveUser(u)),
    groups: [...GROUPS.map((g, i) => liveGroup(g, w.liveMembers[i])), liveGroup(IGNORED, w.ignoredMembers)],
    permissionSets: SETS.map((s) => livePermissionSet(s)),
    assignments: w.liveAssignments.map((t) => liveAssignment(t.set, t.p.type, t.p.name, t.account)),
  });
  return buildPlan(want, have, { now: NOW });
}

describe('access changes equal the change of every person’s effective access (property)', () => {
  it('for random worlds and random edits of access.yaml', () => {
    let withRows = 0;
    let groupOnly = 0;
    let keptByMembers = 0;
    let multiPath = 0;
    fc.assert(
      fc.property(worldArb, (w) => {
        const d = desiredState(w);
        const { plan, diagnostics } = planned(w, d);
        expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
        const want = expected(w, d);
        const users = plan.accessChanges
          .flatMap((a) =>
            a.kind === 'user' ? [`${a.user} ${a.effect} ${a.permissionSet}|${a.accountId} via ${a.via.map((p) => p.group ?? 'direct').join(',')}`] : [],
          )
          .sort();
        const groups = plan.accessChanges
          .flatMap((a) =>
            a.kind === 'group'
              ? [`${a.group} ${a.effect} ${a.permissionSet}|${a.accountId} members ${a.memberCount} changes ${a.changesAccessOf.join(',')}`]
              : [],
          )
          .sort();
        expect(users).toEqual(want.users);
        expect(groups).toEqual(want.groups);
        // Every named member of a changed group grant is either changed or explained.
        for (const a of plan.accessChanges) {
          if (a.kind === 'group') expect(a.changesAccessOf.length + a.unchanged.length).toBe(a.memberCount);
        }
        keptByMembers += plan.accessChanges.filter((a) => a.kind === 'group' && a.changesAccessOf.length === 0 && a.unchanged.length > 0).length;
        multiPath += plan.accessChanges.filter((a) => a.kind === 'user' && a.via.length > 1).length;
        if (want.users.length > 0) withRows++;
        else if (want.groups.length > 0) groupOnly++;
      }),
      { numRuns: 500 },
    );
    // The generator must reach the interesting cases, not only empty plans.
    expect(withRows).toBeGreaterThan(250);
    expect(groupOnly).toBeGreaterThan(0);
    expect(keptByMembers).toBeGreaterThan(50);
    expect(multiPath).toBeGreaterThan(50);
    console.log(
      `RESULT runs=500 with_user_rows=${withRows} group_rows_only=${groupOnly} group_rows_changing_no_member=${keptByMembers} user_rows_with_several_paths=${multiPath}`,
    );
  });
});
