/**
 * Issue 14: the report's rows are exactly every person's effective access, from the file and
 * from AWS.
 *
 * Random small worlds (live memberships and assignments, with a group and a permission set the
 * file does not own) and random files (members, rules on accounts, an OU or all accounts) go
 * through the real `buildReport`. An independent brute force written here, from the world and the
 * rules alone, loops over every (user, set, account) and says how each is held in AWS and in the
 * file, through which paths, by which rules, and whether the next apply removes an aws-only path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AssignmentRule } from '../../src/model/desired.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { buildReport } from '../../src/report/build-report.js';
import { NO_FILTERS } from '../../src/report/filter.js';
import type { ReportRow } from '../../src/report/types.js';
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
  organization,
  permissionSet,
  PROD_APP,
  PROD_DATA,
  rule,
  STAGING,
  user,
} from '../plan/builders.js';

const USERS = ['u0', 'u1', 'u2', 'u3'];
const GROUPS = ['g0', 'g1', 'g2'];
const SETS = ['s0', 's1', 's2'];
/** Matches ownership.ignore (builders' defaults): the file never owns them. */
const IGNORED_GROUP = 'AWSControlTowerOps';
const IGNORED_SET = 'AWSControlTowerAdmin';
const ACCOUNTS: Record<string, string> = { 'prod-app': PROD_APP, 'prod-data': PROD_DATA, staging: STAGING, 'legacy-prod': LEGACY };
const NAMES: Record<string, string> = Object.fromEntries(Object.entries(ACCOUNTS).map(([n, id]) => [id, n]));
const PROD_OU = [PROD_APP, PROD_DATA, LEGACY];
const ALL = Object.values(ACCOUNTS);

type P = { type: 'USER' | 'GROUP'; name: string };
type Target = { kind: 'account'; name: string } | { kind: 'ou' } | { kind: 'all' };

const principal = (names: readonly string[], groups: readonly string[]): fc.Arbitrary<P> =>
  fc.oneof(
    fc.constantFrom(...names).map((name): P => ({ type: 'USER', name })),
    fc.constantFrom(...groups).map((name): P => ({ type: 'GROUP', name })),
  );

const worldArb = fc.record({
  liveMembers: fc.tuple(...[...GROUPS, IGNORED_GROUP].map(() => fc.subarray(USERS))),
  fileMembers: fc.tuple(...GROUPS.map(() => fc.subarray(USERS))),
  assignmentsManaged: fc.constantFrom(true, true, false),
  liveAssignments: fc.uniqueArray(
    fc.record({ p: principal(USERS, [...GROUPS, IGNORED_GROUP]), set: fc.constantFrom(...SETS, IGNORED_SET), account: fc.constantFrom(...ALL) }),
    { maxLength: 10, selector: (t) => `${t.p.type}|${t.p.name}|${t.set}|${t.account}` },
  ),
  rules: fc.array(
    fc.record({
      sets: fc.subarray(SETS, { minLength: 1, maxLength: 2 }),
      principals: fc.array(principal(USERS, GROUPS), { minLength: 1, maxLength: 2 }),
      target: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...Object.keys(ACCOUNTS)).map((name): Target => ({ kind: 'account', name })) },
        { weight: 1, arbitrary: fc.constant<Target>({ kind: 'ou' }) },
        { weight: 1, arbitrary: fc.constant<Target>({ kind: 'all' }) },
      ),
    }),
    { maxLength: 6 },
  ),
});
type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function rulesOf(w: World): AssignmentRule[] {
  return w.rules.map((r, index) =>
    rule(index, {
      sets: r.sets,
      users: [...new Set(r.principals.filter((p) => p.type === 'USER').map((p) => p.name))],
      groups: [...new Set(r.principals.filter((p) => p.type === 'GROUP').map((p) => p.name))],
      ...(r.target.kind === 'account' ? { accounts: [r.target.name] } : r.target.kind === 'ou' ? { ous: ['/Workloads/Prod'] } : { all: true }),
    }),
  );
}

function inputs(w: World) {
  const d = desired({
    users: USERS.map((u) => user(u)),
    groups: GROUPS.map((g, i) => group(g, w.fileMembers[i])),
    permissionSets: SETS.map((s) => permissionSet(s)),
    rules: rulesOf(w),
    ownership: { assignments: w.assignmentsManaged ? 'managed' : 'referenced' },
  });
  const l = live({
    users: USERS.map((u) => liveUser(u)),
    groups: [...GROUPS, IGNORED_GROUP].map((g, i) => liveGroup(g, w.liveMembers[i])),
    permissionSets: [...SETS, IGNORED_SET].map((s) => livePermissionSet(s)),
    assignments: w.liveAssignments.map((t) => liveAssignment(t.set, t.p.type, t.p.name, t.account)),
  });
  return { d, l };
}

/** The brute force: every (user, set, account), each path checked by hand. */
function expectedRows(w: World, offline: boolean): unknown[] {
  const fileGrants = new Map<string, number[]>(); // `TYPE|name|set|account` → rule indexes
  w.rules.forEach((r, index) => {
    const accounts = r.target.kind === 'account' ? [ACCOUNTS[r.target.name] as string] : r.target.kind === 'ou' ? PROD_OU : ALL;
    for (const s of r.sets)
      for (const p of r.principals)
        for (const a of accounts) {
          const k = `${p.type}|${p.name}|${s}|${a}`;
          const list = fileGrants.get(k) ?? [];
          if (!list.includes(index)) list.push(index);
          fileGrants.set(k, list);
        }
  });
  const awsGrants = new Set(w.liveAssignments.map((t) => `${t.p.type}|${t.p.name}|${t.set}|${t.account}`));
  const liveMembers = (g: string): string[] => w.liveMembers[[...GROUPS, IGNORED_GROUP].indexOf(g)] ?? [];
  // The file owns g0..g2 (internal, managed); the ignored group keeps its AWS members.
  const fileMembers = (g: string): string[] => (GROUPS.includes(g) ? (w.fileMembers[GROUPS.indexOf(g)] ?? []) : liveMembers(g));
  /** The next apply deletes an assignment no rule produces unless ignored or assignments are referenced. */
  const assignmentRemoved = (type: string, name: string, set: string): boolean =>
    w.assignmentsManaged && set !== IGNORED_SET && !(type === 'GROUP' && name === IGNORED_GROUP);
  const rows: unknown[] = [];
  for (const u of USERS)
    for (const a of ALL)
      for (const s of [...SETS, IGNORED_SET].sort()) {
        const paths: unknown[] = [];
        let anyAws = false;
        let anyFile = false;
        const add = (via: 'direct' | 'group', g: string | undefined, aws: boolean, file: boolean, removed: () => boolean, rules: number[]): void => {
          if (!aws && !file) return;
          anyAws ||= aws;
          anyFile ||= file;
          const source = offline ? 'file' : aws && file ? 'both' : aws ? 'aws-only' : 'file-only';
          paths.push({
            via,
            ...(g !== undefined ? { group: g } : {}),
            source,
            ...(source === 'aws-only' ? { drift: removed() } : {}),
            rules: file ? rules : [],
          });
        };
        const direct = `USER|${u}|${s}|${a}`;
        add(
          'direct',
          undefined,
          !offline && awsGrants.has(direct),
          fileGrants.has(direct),
          () => assignmentRemoved('USER', u, s),
          fileGrants.get(direct) ?? [],
        );
        for (const g of [...GROUPS, IGNORED_GROUP].sort()) {
          const k = `GROUP|${g}|${s}|${a}`;
          const aws = !offline && awsGrants.has(k) && liveMembers(g).includes(u);
          const file = fileGrants.has(k) && fileMembers(g).includes(u);
          const removed = (): boolean => (!fileGrants.has(k) && assignmentRemoved('GROUP', g, s)) || !fileMembers(g).includes(u);
          add('group', g, aws, file, removed, fileGrants.get(k) ?? []);
        }
        if (paths.length === 0) continue;
        const source = offline ? 'file' : anyAws && anyFile ? 'both' : anyAws ? 'aws-only' : 'file-only';
        rows.push({ user: u, accountId: a, accountName: NAMES[a], permissionSet: s, source, paths });
      }
  return rows;
}

const comparable = (rows: readonly ReportRow[]): unknown[] =>
  rows.map((r) => ({ ...r, paths: r.paths.map((p) => ({ ...p, rules: p.rules.map((x) => x.index) })) }));

describe('idc report rows against a brute force', () => {
  it('AWS and file: every held (person, account, set) once, with exactly its paths, sources, drift and rules', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const { d, l } = inputs(w);
        const { plan } = buildPlan(d, l, { now: NOW });
        const { report } = buildReport({ desired: d, aws: { live: l, plan }, filters: NO_FILTERS, now: NOW }, NOW);
        expect(comparable(report.rows)).toEqual(expectedRows(w, false));
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 200) },
    );
  });

  it('offline: the file’s access alone, with the organization read', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const { d } = inputs(w);
        const { report } = buildReport({ desired: d, organization: { organization: organization() }, filters: NO_FILTERS, now: NOW }, NOW);
        expect(comparable(report.rows)).toEqual(expectedRows(w, true));
      }),
      { numRuns: Number(process.env['FUZZ_RUNS'] ?? 200) },
    );
  });
});
