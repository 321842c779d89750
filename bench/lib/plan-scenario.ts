/**
 * The world of `bench:plan`: 1,000 accounts in 20 OUs, 200 permission sets, 5,000 users, 500
 * groups, 30,000 assignments, and an access.yaml whose rules produce almost all of them.
 *
 * Rules: per OU 15 rules of one permission set for two principals (12 with two groups, 3 with two
 * users) over the OU's accounts, plus one rule granting three sets to ten groups on the management
 * account: 999 × 15 × 2 + 30 = 30,000 assignments in 14,988 (account, set) pairs.
 *
 * Drift, so the plan has work of every kind: 1 in 100 desired assignments missing live (creates),
 * as many live assignments no rule produces (deletes, so the world holds exactly 30,000), 5 permission set descriptions changed, 10 users
 * only in the file (creates, with memberships) and 5 only live (deletes).
 */
import { generateWorld, type World, type WorldAssignment } from '../../emulator/index.js';
import { accessYaml, membersByGroup, type BenchRule } from './access-yaml.js';
import type { ReadWorld } from './call-budget.js';
import { refreshInputsOf, type RefreshInputs } from './refresh.js';

export const PLAN_SIZE = { accounts: 1000, permissionSets: 200, users: 5000, groups: 500 } as const;
const RULES_PER_OU = 15;

export interface PlanScenario {
  world: World;
  yaml: string;
  /** For `minimumReadCalls`, with the exact page counts of this world. */
  read: ReadWorld;
  refresh: RefreshInputs;
  expected: { desiredAssignments: number; liveAssignments: number; creates: number; deletes: number };
  /** What access.yaml grants, in world terms (set ARNs, principal IDs) and its members by group name (bench:report; not sent to the parent). */
  file: { assignments: WorldAssignment[]; members: Map<string, string[]> };
}

const key = (a: WorldAssignment): string => `${a.accountId}|${a.permissionSet}|${a.principalType}|${a.principalId}`;
const pages = (n: number, size: number): number => Math.max(1, Math.ceil(n / size));

export function planScenario(region: string): PlanScenario {
  const world = generateWorld({ ...PLAN_SIZE, assignments: 0 });
  const users = world.users ?? [];
  const groups = world.groups ?? [];
  const sets = world.permissionSets ?? [];
  const ous = world.organization.organizationalUnits ?? [];
  const mgmt = world.organization.managementAccountId;
  const at = <T>(xs: readonly T[], i: number): T => {
    const x = xs[((i % xs.length) + xs.length) % xs.length];
    if (x === undefined) throw new Error('empty list');
    return x;
  };
  const accountsOf = new Map<string, string[]>();
  for (const a of world.organization.accounts) {
    if (a.parent === undefined) continue;
    accountsOf.set(a.parent, [...(accountsOf.get(a.parent) ?? []), a.id]);
  }

  // Desired assignments, rule by rule.
  const rules: BenchRule[] = [];
  const desired = new Map<string, WorldAssignment>();
  const grant = (accounts: readonly string[], setIdx: number[], principals: { type: 'USER' | 'GROUP'; idx: number }[]): void => {
    for (const accountId of accounts)
      for (const s of setIdx)
        for (const p of principals) {
          const principalId = p.type === 'USER' ? at(users, p.idx).id : at(groups, p.idx).id;
          const a: WorldAssignment = { accountId, permissionSet: at(sets, s).arn ?? '', principalType: p.type, principalId };
          desired.set(key(a), a);
        }
  };
  ous.forEach((ou, o) => {
    for (let k = 0; k < RULES_PER_OU; k++) {
      const idx = o * RULES_PER_OU + k;
      const byUsers = k % 5 === 4;
      const principals = [0, 1].map((d) => ({ type: byUsers ? ('USER' as const) : ('GROUP' as const), idx: idx * 2 + d }));
      rules.push({
        permissionSets: [at(sets, idx).name],
        ...(byUsers ? { users: principals.map((p) => at(users, p.idx).userName) } : { groups: principals.map((p) => at(groups, p.idx).displayName) }),
        organizationalUnits: [`/${ou.name}`],
      });
      grant(accountsOf.get(ou.id) ?? [], [idx], principals);
    }
  });
  const mgmtSets = [0, 1, 2];
  const mgmtGroups = Array.from({ length: 10 }, (_, i) => groups.length - 10 + i);
  rules.push({ permissionSets: mgmtSets.map((s) => at(sets, s).name), groups: mgmtGroups.map((g) => at(groups, g).displayName), accounts: ['management'] });
  grant(
    [mgmt],
    mgmtSets,
    mgmtGroups.map((idx) => ({ type: 'GROUP' as const, idx })),
  );

  // Live: the desired ones minus 1 in 100, plus as many that no rule produces.
  const live: WorldAssignment[] = [];
  let i = 0;
  for (const a of desired.values()) if (i++ % 100 !== 50) live.push(a);
  const creates = desired.size - live.length;
  const targets = world.organization.accounts.filter((a) => a.id !== mgmt);
  let deletes = 0;
  for (let e = 0; deletes < creates; e++) {
    const a: WorldAssignment = {
      accountId: at(targets, e * 7).id,
      permissionSet: at(sets, e * 13).arn ?? '',
      principalType: 'USER',
      principalId: at(users, 2500 + e * 37).id,
    };
    if (desired.has(key(a))) continue;
    live.push(a);
    deletes++;
  }
  world.assignments = live;

  // Identities: 5 live users the file drops, 10 users only in the file (members of group 0).
  const members = membersByGroup(world);
  const dropped = new Set(users.slice(-5).map((u) => u.userName));
  for (const [g, m] of members)
    members.set(
      g,
      m.filter((u) => !dropped.has(u)),
    );
  const added = Array.from({ length: 10 }, (_, n) => ({
    id: '',
    userName: `newuser${String(n).padStart(3, '0')}`,
    displayName: `New User ${n}`,
    givenName: 'New',
    familyName: `User ${n}`,
    emails: [{ value: `newuser${n}@example.com`, type: 'work', primary: true }],
  }));
  const group0 = at(groups, 0).displayName;
  members.set(group0, [...(members.get(group0) ?? []), ...added.map((u) => u.userName)]);
  const fileSets = sets.map((s, n) => (n >= sets.length - 5 ? { ...s, description: `${s.description ?? ''} (edited)` } : s));

  const yaml = accessYaml({
    world,
    region,
    users: [...users.filter((u) => !dropped.has(u.userName)), ...added],
    members,
    permissionSets: fileSets,
    rules,
  });

  // Exact page counts of this world, for the call formula.
  const pairCount = new Map<string, number>();
  const setAccounts = new Map<string, Set<string>>();
  for (const a of live) {
    const pair = `${a.accountId}|${a.permissionSet}`;
    pairCount.set(pair, (pairCount.get(pair) ?? 0) + 1);
    setAccounts.set(a.permissionSet, (setAccounts.get(a.permissionSet) ?? new Set()).add(a.accountId));
  }
  const memberCount = new Map<string, number>();
  for (const m of world.memberships ?? []) memberCount.set(m.groupId, (memberCount.get(m.groupId) ?? 0) + 1);
  const parents = [world.organization.rootId, ...ous.map((o) => o.id)];
  const accountsUnder = (p: string): number => world.organization.accounts.filter((a) => (a.parent ?? world.organization.rootId) === p).length;
  const read: ReadWorld = {
    accounts: world.organization.accounts.length,
    organizationalUnits: ous.length,
    permissionSets: sets.length,
    provisionedPairs: pairCount.size,
    users: users.length,
    groups: groups.length,
    walkOuTree: true,
    pages: {
      listOrganizationalUnitsForParent: parents.reduce((n, p) => n + pages(ous.filter((o) => o.parent === p).length, 20), 0),
      listAccountsForParent: parents.reduce((n, p) => n + pages(accountsUnder(p), 20), 0),
      groupMemberships: groups.reduce((n, g) => n + pages(memberCount.get(g.id) ?? 0, 100), 0),
      provisionedAccounts: sets.reduce((n, s) => n + pages(setAccounts.get(s.arn ?? '')?.size ?? 0, 100), 0),
      outdatedAccounts: sets.length,
      accountAssignments: [...pairCount.values()].reduce((n, c) => n + pages(c, 100), 0),
    },
  };
  return {
    world,
    yaml,
    read,
    refresh: refreshInputsOf(world),
    expected: { desiredAssignments: desired.size, liveAssignments: live.length, creates, deletes },
    file: { assignments: [...desired.values()], members },
  };
}
