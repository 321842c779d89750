/**
 * The guards a reviewer relies on, each tested by what the plan shows: what idc must leave alone
 * (ownership.ignore), the warnings that point at dangerous changes, the delegated-admin refusal,
 * OU targets, and the rule labels a reviewer reads. Found by mutation testing (`npm run mutation`):
 * each of these could be broken without any other test failing.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/plan/types.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import {
  desired,
  group,
  live,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  managedPolicy,
  MGMT,
  NOW,
  permissionSet,
  PROD_APP,
  PROD_DATA,
  LEGACY,
  rule,
  STAGING,
  user,
} from './builders.js';

const summary = (changes: Change[]): string[] =>
  changes.map((c) => {
    switch (c.kind) {
      case 'user':
        return `user ${c.action} ${c.userName}`;
      case 'group':
        return `group ${c.action} ${c.displayName}`;
      case 'membership':
        return `membership ${c.action} ${c.group}/${c.user}`;
      case 'permission-set':
        return `permission-set ${c.action} ${c.name}`;
      case 'provision':
        return `provision ${c.permissionSet} ${c.accountIds.join(',')}`;
      case 'session-revocation':
        return `session-revocation ${c.action} ${c.permissionSet} ${c.accountId} ${c.user}`;
      case 'assignment':
        return `assignment ${c.action} ${c.assignment.permissionSet} ${c.assignment.principalType} ${c.assignment.principal} ${c.assignment.accountId}`;
    }
  });

describe('ownership.ignore.users', () => {
  const ignoreRobots = { ignore: { users: ['robot-*'], groups: [], permissionSets: [] } };

  it('keeps an ignored user in a managed group the file does not list them in', () => {
    const d = desired({ users: [user('ann')], groups: [group('ops', ['ann'])], ownership: ignoreRobots });
    const l = live({ users: [liveUser('ann'), liveUser('robot-ci'), liveUser('bob')], groups: [liveGroup('ops', ['ann', 'bob', 'robot-ci'])] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(summary(plan.changes)).toEqual(['user delete bob', 'membership delete ops/bob']);
  });

  it('neither deletes nor edits an ignored user, and says so where the file names one', () => {
    const d = desired({ users: [user('ann'), user('robot-build', { displayName: 'Renamed' })], ownership: ignoreRobots });
    const l = live({ users: [liveUser('ann'), liveUser('robot-build'), liveUser('robot-ci')] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(plan.changes).toEqual([]);
    expect(diagnostics).toEqual([
      { file: 'access.yaml', line: 11, col: 3, severity: 'warning', message: 'user "robot-build" matches ownership.ignore.users: idc leaves it alone' },
    ]);
  });

  it('an ignored user the file names but AWS lacks is not created, and cannot be a member', () => {
    const d = desired({ users: [user('robot-new')], groups: [group('ops', ['robot-new'])], ownership: ignoreRobots });
    const l = live({ groups: [liveGroup('ops')] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(plan.changes).toEqual([]);
    expect(diagnostics.map((x) => `${x.line}:${x.col} ${x.severity} ${x.message}`)).toEqual([
      '10:3 warning user "robot-new" matches ownership.ignore.users: idc leaves it alone',
      '12:7 error member "robot-new" of group "ops" is not a user in the identity store',
    ]);
  });

  it('keeps direct assignments of an ignored user', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')], ownership: ignoreRobots });
    const l = live({
      users: [liveUser('ann'), liveUser('robot-ci')],
      permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] })],
      assignments: [liveAssignment('RO', 'USER', 'robot-ci', STAGING), liveAssignment('RO', 'USER', 'ann', STAGING)],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(summary(plan.changes)).toEqual(['assignment delete RO USER ann 444444444444']);
  });
});

describe('ownership.ignore.groups', () => {
  it('leaves an ignored group, its members and its assignments alone', () => {
    const d = desired({ users: [user('ann')], groups: [group('AWSControlTowerAdmins', [], 'edited')], permissionSets: [permissionSet('RO')] });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('AWSControlTowerAdmins', ['ann'], 'CT'), liveGroup('AWSControlTowerAuditors', ['ann'])],
      permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] })],
      assignments: [liveAssignment('RO', 'GROUP', 'AWSControlTowerAuditors', STAGING)],
    });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(plan.changes).toEqual([]);
    expect(diagnostics.map((x) => x.message)).toEqual(['group "AWSControlTowerAdmins" matches ownership.ignore.groups: idc leaves it alone']);
  });
});

describe('ownership.ignore.permission_sets', () => {
  const ct = { description: 'Control Tower', managedPolicies: [managedPolicy('AdministratorAccess')] };

  it('never edits, re-provisions or deletes an ignored set such as AWSControlTower*', () => {
    const d = desired({ permissionSets: [permissionSet('AWSControlTowerAdmin', { ...ct, description: 'edited', sessionDuration: 'PT8H' })] });
    const l = live({
      permissionSets: [
        livePermissionSet('AWSControlTowerAdmin', { ...ct, provisioned: [MGMT, STAGING], outdated: [STAGING] }),
        livePermissionSet('AWSServiceCatalogEndUserAccess', { provisioned: [STAGING] }),
      ],
    });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(diagnostics).toEqual([
      {
        file: 'access.yaml',
        line: 10,
        col: 3,
        severity: 'warning',
        message: 'permission set "AWSControlTowerAdmin" matches ownership.ignore.permission_sets: idc leaves it alone',
      },
    ]);
  });

  it('an ignored set the file names but AWS lacks is not created, and rules using it are refused', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('AWSControlTowerNew')],
      rules: [rule(0, { sets: ['AWSControlTowerNew'], users: ['ann'], accounts: ['staging'] })],
    });
    const { plan, diagnostics } = buildPlan(d, live({ users: [liveUser('ann')] }), { now: NOW });
    expect(plan.changes).toEqual([]);
    expect(diagnostics.map((x) => x.severity)).toContain('error');
  });

  it('keeps assignments of an ignored set that no rule produces', () => {
    const l = live({
      users: [liveUser('ann')],
      permissionSets: [livePermissionSet('AWSControlTowerAdmin', { provisioned: [STAGING] })],
      assignments: [liveAssignment('AWSControlTowerAdmin', 'USER', 'ann', STAGING)],
    });
    const { plan } = buildPlan(desired({ users: [user('ann')] }), l, { now: NOW });
    expect(plan.changes).toEqual([]);
  });
});

describe('the admin-grant warning', () => {
  const admin = permissionSet('Admin', { managedPolicies: [managedPolicy('AdministratorAccess')] });
  const liveAdmin = livePermissionSet('Admin', { managedPolicies: [managedPolicy('AdministratorAccess')], provisioned: [STAGING] });

  it('names the people who gain admin, never those who lose it', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      permissionSets: [admin],
      rules: [rule(0, { sets: ['Admin'], users: ['bob'], accounts: ['staging'] })],
    });
    const l = live({ users: [liveUser('ann'), liveUser('bob')], permissionSets: [liveAdmin], assignments: [liveAssignment('Admin', 'USER', 'ann', STAGING)] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.warnings.filter((w) => w.code === 'admin-grant').map((w) => w.message)).toEqual([
      'Admin is administrator-level (AWS managed policy AdministratorAccess); this plan grants it to user bob on staging (444444444444)',
    ]);
  });

  it('is silent when people only lose admin', () => {
    const d = desired({ users: [user('ann')], permissionSets: [admin] });
    const l = live({ users: [liveUser('ann')], permissionSets: [liveAdmin], assignments: [liveAssignment('Admin', 'USER', 'ann', STAGING)] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.warnings.map((w) => w.code)).not.toContain('admin-grant');
  });

  it('names a grant to an empty group (whoever joins later gets admin), not one to a group whose members are named', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops', ['ann']), group('breakglass')],
      permissionSets: [admin],
      rules: [rule(0, { sets: ['Admin'], groups: ['ops', 'breakglass'], accounts: ['staging'] })],
    });
    const l = live({ users: [liveUser('ann')], groups: [liveGroup('ops', ['ann']), liveGroup('breakglass')], permissionSets: [liveAdmin] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.warnings.filter((w) => w.code === 'admin-grant').map((w) => w.message)).toEqual([
      'Admin is administrator-level (AWS managed policy AdministratorAccess); this plan grants it to user ann on staging (444444444444), group breakglass on staging (444444444444)',
    ]);
  });

  it('a set edited to become admin-level warns with how many accounts have it; one already admin does not', () => {
    const d = desired({
      permissionSets: [permissionSet('Ops', { managedPolicies: [managedPolicy('IAMFullAccess')] }), permissionSet('Admin', { ...admin, description: 'x' })],
    });
    const l = live({
      permissionSets: [livePermissionSet('Ops', { provisioned: [STAGING, PROD_APP] }), liveAdmin],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.warnings.filter((w) => w.code === 'admin-grant').map((w) => w.message)).toEqual([
      'Ops becomes administrator-level (AWS managed policy IAMFullAccess): everyone assigned to it gets administrator access in 2 accounts',
    ]);
  });
});

describe('the role-recreated warning', () => {
  it('only for the account where the last assignment of the set goes, not where another one stays', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['bob'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      permissionSets: [livePermissionSet('RO', { provisioned: [STAGING, PROD_APP] })],
      assignments: [liveAssignment('RO', 'USER', 'ann', STAGING), liveAssignment('RO', 'USER', 'bob', STAGING), liveAssignment('RO', 'USER', 'ann', PROD_APP)],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(summary(plan.changes)).toEqual(['assignment delete RO USER ann 222222222222', 'assignment delete RO USER ann 444444444444']);
    expect(plan.warnings.filter((w) => w.code === 'role-recreated').map((w) => w.message)).toEqual([
      'removing the last assignment of RO in prod-app (222222222222) deletes its IAM role AWSReservedSSO_RO_…; an assignment made later creates a new role with a new ARN, so anything that refers to the old role ARN stops working',
    ]);
  });

  it('not when an assignment of the same set is created in that account', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['bob'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] })],
      assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(summary(plan.changes)).toEqual(['assignment create RO USER bob 444444444444', 'assignment delete RO USER ann 444444444444']);
    expect(plan.warnings.map((w) => w.code)).not.toContain('role-recreated');
  });
});

describe('the delegated administrator refusal', () => {
  const delegatedCaller = PROD_DATA;

  it('is an error at the rule for an assignment change in the management account', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['management'] })],
    });
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')], callerAccountId: delegatedCaller });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    const message =
      '1 assignment change of RO in the management account management (111111111111) cannot be made by delegated administrator account 333333333333: run idc with credentials of the management account, or stop assigning in the management account';
    expect(diagnostics).toEqual([{ file: 'access.yaml', line: 100, col: 5, severity: 'error', message }]);
    expect(plan.warnings).toEqual([{ code: 'delegated-admin-management', subject: 'RO', message }]);
  });

  it('is an error at the set for an edit of a set provisioned to the management account', () => {
    const d = desired({ permissionSets: [permissionSet('RO', { description: 'new' })] });
    const l = live({ permissionSets: [livePermissionSet('RO', { provisioned: [MGMT] })], callerAccountId: delegatedCaller });
    const { diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics.map((x) => `${x.line}:${x.col} ${x.severity} ${x.message}`)).toEqual([
      '10:3 error permission set "RO" is provisioned to the management account management (111111111111), and this plan runs in delegated administrator account 333333333333: AWS refuses to change it from there. Run idc with credentials of the management account, or leave "RO" unchanged',
    ]);
  });

  it('is an error for a drifted set provisioned to the management account (re-provisioning it is refused)', () => {
    const d = desired({ permissionSets: [permissionSet('RO')] });
    const l = live({ permissionSets: [livePermissionSet('RO', { provisioned: [MGMT, STAGING], outdated: [STAGING] })], callerAccountId: delegatedCaller });
    const { diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics.map((x) => `${x.line}:${x.col} ${x.severity}`)).toEqual(['10:3 error']);
  });

  it('says nothing when the set is not in the management account, or when the management account plans', () => {
    const d = desired({ permissionSets: [permissionSet('RO', { description: 'new' })] });
    const elsewhere = live({ permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] })], callerAccountId: delegatedCaller });
    expect(buildPlan(d, elsewhere, { now: NOW }).diagnostics).toEqual([]);
    const fromMgmt = live({ permissionSets: [livePermissionSet('RO', { provisioned: [MGMT] })] });
    expect(buildPlan(d, fromMgmt, { now: NOW }).diagnostics).toEqual([]);
  });
});

describe('OU targets', () => {
  const everyone = (ous: string[]) => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')], rules: [rule(0, { sets: ['RO'], users: ['ann'], ous })] });
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    return { accounts: plan.changes.flatMap((c) => (c.kind === 'assignment' ? [c.assignment.accountId] : [])), diagnostics };
  };
  // OU targets never include the management account.
  const active = [PROD_APP, PROD_DATA, STAGING, LEGACY].sort();

  it('"/" and the root ID "r-…" are every active account but the management account', () => {
    expect(everyone(['/']).accounts.sort()).toEqual(active);
    expect(everyone(['r-root']).accounts.sort()).toEqual(active);
  });

  it('a path without a leading "/" or with a trailing one names the same OU, nested OUs included', () => {
    for (const ref of ['Workloads/Prod', '/Workloads/Prod/', ' Workloads/Prod// ', 'ou-prod']) {
      expect(everyone([ref]).accounts.sort(), ref).toEqual([PROD_APP, PROD_DATA, LEGACY].sort());
    }
  });

  it('an unknown OU is an error that suggests the path meant', () => {
    expect(everyone(['Workloads/Prd']).diagnostics.map((x) => `${x.line}:${x.col} ${x.severity} ${x.message}`)).toEqual([
      '105:20 error organizational unit "Workloads/Prd" is not in the organization (did you mean "/Workloads/Prod"?)',
    ]);
    expect(everyone(['ou-nope']).diagnostics.map((x) => x.message)).toEqual([
      expect.stringMatching(/^organizational unit "ou-nope" is not in the organization/),
    ]);
  });

  it('cannot resolve an OU when the OU tree was not read, but still resolves the root', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], ous: ['/Workloads', '/'] })],
    });
    const org = { ...live().organization };
    delete org.organizationalUnits;
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')], organization: org });
    const { diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics.map((x) => x.message)).toEqual(['organizational unit "/Workloads" cannot be resolved: the OU tree was not read']);
  });
});

describe('rule labels', () => {
  const labelOf = (spec: Parameters<typeof rule>[1]): string => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops')],
      permissionSets: [permissionSet('RO'), permissionSet('Dev')],
      rules: [rule(2, spec)],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops')],
      permissionSets: [livePermissionSet('RO'), livePermissionSet('Dev')],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    const first = plan.changes.find((c) => c.kind === 'assignment');
    return first?.kind === 'assignment' ? (first.rules[0]?.label ?? '') : '';
  };

  it('say who, what and where, with the exceptions and the end date', () => {
    expect(labelOf({ sets: ['RO'], users: ['ann'], all: true, exclude: ['management', 'legacy-prod'], expires: '2026-12-31' })).toBe(
      'assignments[2]: RO → user ann on all accounts except management, legacy-prod until 2026-12-31',
    );
    expect(
      labelOf({ sets: ['RO', 'Dev'], users: ['ann', 'bob'], groups: ['ops'], accounts: ['staging'], ous: ['/Workloads/Prod'], tags: { env: 'prod' } }),
    ).toBe('assignments[2]: RO, Dev → users ann, bob, group ops on account staging and OU /Workloads/Prod and accounts tagged env=prod');
  });

  it('shorten lists longer than three', () => {
    expect(labelOf({ sets: ['RO'], users: ['ann'], accounts: ['staging', 'prod-app', 'prod-data', 'legacy-prod', 'management'] })).toBe(
      'assignments[2]: RO → user ann on accounts staging, prod-app, prod-data +2 more',
    );
    expect(labelOf({ sets: ['RO'], users: ['ann'], accounts: ['staging', 'prod-app', 'prod-data'] })).toBe(
      'assignments[2]: RO → user ann on accounts staging, prod-app, prod-data',
    );
  });

  it('use the plural for several groups, OUs and tags', () => {
    expect(labelOf({ sets: ['RO'], groups: ['ops', 'ops'], ous: ['/Workloads/Prod', '/Workloads/Staging'], tags: { env: 'prod', team: 'app' } })).toBe(
      'assignments[2]: RO → groups ops, ops on OUs /Workloads/Prod, /Workloads/Staging and accounts tagged env=prod, team=app',
    );
  });
});
