/**
 * The plan's safety verdict (`safety.max_deletes`, `safety.protected`, the caller's own access):
 * each refusal's code, message and whether force overrides it, on hand-made changes.
 */
import { describe, expect, it } from 'vitest';
import type { Desired } from '../../src/model/desired.js';
import type { Live } from '../../src/model/live.js';
import { AccountIndex } from '../../src/plan/accounts.js';
import { blockingRefusals, parseSsoCaller, refusalLine, safetyVerdict } from '../../src/plan/safety/verdict.js';
import type { Change, SafetyRefusal } from '../../src/plan/types.js';
import {
  assignmentChange,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  makeDesired,
  makeLive,
  makePlan,
  MANAGEMENT,
  PROD,
  user,
} from '../apply/fixtures.js';

const admin = livePermissionSet('AdminAccess', { provisionedAccountIds: [MANAGEMENT] });
const readOnly = livePermissionSet('Read_Only', { provisionedAccountIds: [MANAGEMENT, PROD] });
const SSO_ARN = `arn:aws:sts::${MANAGEMENT}:assumed-role/AWSReservedSSO_AdminAccess_0123abcdef012345/jonathan`;

function world(arn = SSO_ARN) {
  return makeLive({
    caller: { accountId: MANAGEMENT, arn },
    users: { jonathan: liveUser('jonathan'), bob: liveUser('bob'), breakglass: liveUser('breakglass') },
    groups: { admins: liveGroup('admins', ['jonathan']), ops: liveGroup('ops', ['bob']) },
    permissionSets: { AdminAccess: admin, Read_Only: readOnly },
    assignments: [
      liveAssignment(admin, 'GROUP', 'admins', MANAGEMENT),
      liveAssignment(admin, 'USER', 'breakglass', MANAGEMENT),
      liveAssignment(readOnly, 'GROUP', 'ops', MANAGEMENT),
      liveAssignment(readOnly, 'GROUP', 'ops', PROD),
    ],
  });
}

const deleteAssignment = (set: string, type: 'USER' | 'GROUP', who: string, account: string) => assignmentChange('delete', set, type, who, account);

function verdictOf(changes: Change[], desired: Desired = makeDesired(), live: Live = world()) {
  const accounts = new AccountIndex(live.organization, desired.accountAliases);
  const universe = {
    usersAfter: new Set(Object.keys(live.users)),
    groupsAfter: new Set(Object.keys(live.groups)),
    setsAfter: new Set(Object.keys(live.permissionSets)),
  };
  return safetyVerdict({ desired, live, accounts, universe, changes, accountNames: makePlan(changes).accountNames });
}
const refusals = (changes: Change[], desired?: Desired, live?: Live): SafetyRefusal[] => verdictOf(changes, desired, live).verdict.refusals;
const messages = (changes: Change[], desired?: Desired, live?: Live): string[] => refusals(changes, desired, live).map((r) => r.message);

const HOW_MAX = 'check that every deletion is intended, then raise safety.max_deletes or apply with force';

describe('safety verdict: max_deletes', () => {
  const changes: Change[] = [
    deleteAssignment('Read_Only', 'GROUP', 'ops', MANAGEMENT),
    deleteAssignment('Read_Only', 'GROUP', 'ops', PROD),
    { kind: 'membership', action: 'delete', group: 'ops', user: 'bob' },
  ];

  it('counts every deletion against a count; force overrides it; the refusal points at safety.max_deletes', () => {
    const desired = makeDesired({ maxDeletes: { kind: 'count', value: 2 } });
    desired.positions['safety.max_deletes'] = { file: 'access.yaml', line: 4, col: 16 };
    const { verdict } = verdictOf(changes, desired);
    expect(verdict).toEqual({
      safe: false,
      refusals: [
        {
          code: 'max-deletes-exceeded',
          message: `plan deletes 3 objects; safety.max_deletes is 2: ${HOW_MAX}`,
          forceOverrides: true,
          pos: { file: 'access.yaml', line: 4, col: 16 },
        },
      ],
    });
    expect(verdict.refusals.map(refusalLine)).toEqual([`access.yaml:4:16: plan deletes 3 objects; safety.max_deletes is 2: ${HOW_MAX}`]);
    expect(verdictOf(changes.slice(0, 2), desired).verdict).toEqual({ safe: true, refusals: [] });
  });

  it('compares a percentage with the live objects of each kind', () => {
    const desired = makeDesired({ maxDeletes: { kind: 'percent', value: 25 } });
    expect(messages(changes, desired)).toEqual([
      `plan deletes 1 of 2 group memberships (50%); safety.max_deletes is 25%: ${HOW_MAX}`,
      `plan deletes 2 of 4 assignments (50%); safety.max_deletes is 25%: ${HOW_MAX}`,
    ]);
    expect(refusals(changes, desired).every((r) => r.code === 'max-deletes-exceeded' && r.forceOverrides)).toBe(true);
    expect(messages(changes.slice(0, 1), desired)).toEqual([]);
  });
});

describe('safety verdict: protected', () => {
  it('refuses to delete a protected assignment, resolving aliases and account names; force overrides it', () => {
    const desired = makeDesired({ protected: [{ permissionSet: 'AdminAccess', users: ['breakglass'], groups: [], accounts: ['mgmt'] }] }, { mgmt: MANAGEMENT });
    expect(refusals([deleteAssignment('AdminAccess', 'USER', 'breakglass', MANAGEMENT)], desired)).toEqual([
      {
        code: 'protected-assignment-removed',
        message:
          'plan deletes protected assignment AdminAccess → user breakglass on management (111122223333): keep the rule that grants it in access.yaml, or apply with force',
        forceOverrides: true,
        pos: { file: 'access.yaml', line: 10, col: 5 },
      },
    ]);
  });

  it('refuses when a protected assignment neither exists nor is created', () => {
    const desired = makeDesired({
      protected: [{ permissionSet: 'AdminAccess', users: ['breakglass'], groups: ['admins'], accounts: ['prod', MANAGEMENT] }],
    });
    const created = [assignmentChange('create', 'AdminAccess', 'USER', 'breakglass', PROD)];
    expect(refusals(created, desired)).toEqual([
      {
        code: 'protected-assignment-missing',
        message:
          'protected assignment AdminAccess → group admins on prod (444455556666) does not exist and the plan does not create it: add a rule that grants it to access.yaml, or apply with force',
        forceOverrides: true,
        pos: { file: 'access.yaml', line: 10, col: 5 },
      },
    ]);
  });

  it('reports an account that does not resolve as an error at its line and column, with did-you-mean, not as a refusal', () => {
    const desired = makeDesired({ protected: [{ permissionSet: 'AdminAccess', users: ['breakglass'], groups: [], accounts: [MANAGEMENT, 'managment'] }] });
    desired.positions['safety.protected[0]'] = { file: 'access.yaml', line: 10, col: 5 };
    desired.positions['safety.protected[0].accounts[1]'] = { file: 'access.yaml', line: 12, col: 30 };
    const { verdict, diagnostics } = verdictOf([deleteAssignment('Read_Only', 'GROUP', 'ops', PROD)], desired);
    expect(verdict).toEqual({ safe: true, refusals: [] });
    expect(diagnostics).toEqual([
      {
        file: 'access.yaml',
        line: 12,
        col: 30,
        severity: 'error',
        message:
          'safety.protected: account "managment" is not an account ID, an alias under accounts:, or the name of an account in the organization (did you mean "management"?)',
      },
    ]);
    // Also in a plan without changes: the file is wrong whatever the plan.
    expect(verdictOf([], desired).diagnostics).toHaveLength(1);
  });
  it('reports names that will not exist (only AWS knows them: referenced, external) as errors at their position', () => {
    const desired = makeDesired({
      protected: [
        { permissionSet: 'AdminAccess', users: ['breakglas'], groups: ['ops'], accounts: [MANAGEMENT] },
        { permissionSet: 'ReadOnly', users: ['breakglass'], groups: [], accounts: [MANAGEMENT] },
      ],
    });
    // One item `permission_sets: [AdminAccess, ReadOnly]`: both entries share its position.
    desired.safety.protected[1]!.pos = desired.safety.protected[0]!.pos;
    Object.assign(desired.positions, {
      'safety.protected[0]': { file: 'access.yaml', line: 10, col: 5 },
      'safety.protected[0].permission_sets[0]': { file: 'access.yaml', line: 10, col: 24 },
      'safety.protected[0].permission_sets[1]': { file: 'access.yaml', line: 10, col: 37 },
      'safety.protected[0].users[0]': { file: 'access.yaml', line: 11, col: 15 },
    });
    const { diagnostics } = verdictOf([deleteAssignment('Read_Only', 'GROUP', 'ops', PROD)], desired);
    expect(diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`)).toEqual([
      '11:15: safety.protected: user "breakglas" does not exist in the identity store (did you mean "breakglass"?)',
      '10:37: safety.protected: permission set "ReadOnly" does not exist in Identity Center (did you mean "Read_Only"?)',
    ]);
  });
});

describe("safety verdict: the caller's own access", () => {
  it('parses Identity Center sessions, set names with underscores included', () => {
    expect(parseSsoCaller(SSO_ARN)).toEqual({ accountId: MANAGEMENT, permissionSet: 'AdminAccess', userName: 'jonathan' });
    expect(parseSsoCaller(`arn:aws:sts::${PROD}:assumed-role/AWSReservedSSO_Read_Only_0123456789abcdef/bob@example.com`)).toEqual({
      accountId: PROD,
      permissionSet: 'Read_Only',
      userName: 'bob@example.com',
    });
    expect(parseSsoCaller(`arn:aws:sts::${PROD}:assumed-role/github-deploy/run-1`)).toBeUndefined();
  });

  it('refuses deleting the group assignment that gives the caller access, and force does not override it', () => {
    expect(refusals([deleteAssignment('AdminAccess', 'GROUP', 'admins', MANAGEMENT)])).toEqual([
      {
        code: 'own-access-removed',
        message:
          'plan removes the access of the credentials running apply (user jonathan, AdminAccess on management (111122223333)): ' +
          "it deletes assignment AdminAccess → group admins: run apply with other credentials, or keep jonathan's AdminAccess access to 111122223333 in access.yaml",
        forceOverrides: false,
      },
    ]);
  });

  it('refuses removing the caller from the only group, deleting the user, the set or the group', () => {
    const first = (changes: Change[]) => messages(changes)[0];
    expect(first([{ kind: 'membership', action: 'delete', group: 'admins', user: 'jonathan' }])).toContain('it removes jonathan from group admins:');
    expect(first([{ kind: 'user', action: 'delete', userName: 'jonathan', before: user('jonathan'), fields: [] }])).toContain('it deletes user jonathan:');
    expect(first([{ kind: 'permission-set', action: 'delete', name: 'AdminAccess', before: admin, fields: [] }])).toContain(
      'it deletes permission set AdminAccess:',
    );
    expect(first([{ kind: 'group', action: 'delete', displayName: 'admins', before: { displayName: 'admins' }, fields: [] }])).toContain(
      'it deletes group admins:',
    );
  });

  it('allows a plan that keeps another path to the same access', () => {
    expect(
      messages([assignmentChange('create', 'AdminAccess', 'USER', 'jonathan', MANAGEMENT), deleteAssignment('AdminAccess', 'GROUP', 'admins', MANAGEMENT)]),
    ).toEqual([]);
    expect(
      messages([
        { kind: 'membership', action: 'create', group: 'ops', user: 'jonathan' },
        assignmentChange('create', 'AdminAccess', 'GROUP', 'ops', MANAGEMENT),
        { kind: 'membership', action: 'delete', group: 'admins', user: 'jonathan' },
      ]),
    ).toEqual([]);
    // Other accounts and other sets are not the caller's access.
    expect(messages([deleteAssignment('AdminAccess', 'GROUP', 'admins', PROD)])).toEqual([]);
  });

  it('ignores credentials that are not an Identity Center session', () => {
    const live = world(`arn:aws:sts::${MANAGEMENT}:assumed-role/github-deploy/run-1`);
    expect(messages([deleteAssignment('AdminAccess', 'GROUP', 'admins', MANAGEMENT)], makeDesired(), live)).toEqual([]);
  });
});

describe('safety verdict: together', () => {
  const desired = makeDesired({
    maxDeletes: { kind: 'count', value: 0 },
    protected: [{ permissionSet: 'AdminAccess', users: [], groups: ['admins'], accounts: [MANAGEMENT] }],
  });
  const changes = [deleteAssignment('AdminAccess', 'GROUP', 'admins', MANAGEMENT)];

  it('lists every refusal, sorted by code', () => {
    expect(refusals(changes, desired).map((r) => [r.code, r.forceOverrides])).toEqual([
      ['max-deletes-exceeded', true],
      ['own-access-removed', false],
      ['protected-assignment-removed', true],
    ]);
  });

  it('with force, only what force cannot override still refuses', () => {
    const { verdict } = verdictOf(changes, desired);
    expect(blockingRefusals(verdict, false)).toHaveLength(3);
    expect(blockingRefusals(verdict, true).map((r) => r.code)).toEqual(['own-access-removed']);
    const other = verdictOf(changes, desired, world(`arn:aws:sts::${MANAGEMENT}:assumed-role/github-deploy/run-1`)).verdict;
    expect(blockingRefusals(other, true)).toEqual([]);
    expect(blockingRefusals(other, false)).toHaveLength(2);
  });

  it('a plan without changes is safe: apply has nothing to refuse', () => {
    const missing = makeDesired({ protected: [{ permissionSet: 'AdminAccess', users: ['bob'], groups: [], accounts: [PROD] }] });
    expect(verdictOf([], missing).verdict).toEqual({ safe: true, refusals: [] });
    expect(verdictOf([deleteAssignment('Read_Only', 'GROUP', 'ops', PROD)], missing).verdict.safe).toBe(false);
  });
});
