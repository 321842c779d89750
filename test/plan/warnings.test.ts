import { describe, expect, it } from 'vitest';
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
  rule,
  STAGING,
  user,
} from './builders.js';

describe('warnings', () => {
  it('rename: a set deleted and one created with the same contents', () => {
    const ro = { description: 'Read', managedPolicies: [managedPolicy('ReadOnlyAccess')] };
    const d = desired({
      groups: [group('ops')],
      permissionSets: [permissionSet('ReadOnlyAccess', ro)],
      rules: [rule(0, { sets: ['ReadOnlyAccess'], groups: ['ops'], accounts: ['staging', 'prod-app'] })],
    });
    const l = live({
      groups: [liveGroup('ops')],
      permissionSets: [livePermissionSet('ReadOnly', { ...ro, provisioned: [STAGING, PROD_APP] })],
      assignments: [liveAssignment('ReadOnly', 'GROUP', 'ops', PROD_APP), liveAssignment('ReadOnly', 'GROUP', 'ops', STAGING)],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.changes.map((c) => `${c.kind} ${c.action}`)).toEqual([
      'permission-set create',
      'permission-set delete',
      'assignment create',
      'assignment create',
      'assignment delete',
      'assignment delete',
    ]);
    expect(plan.warnings.find((w) => w.code === 'rename')).toEqual({
      code: 'rename',
      subject: 'ReadOnly',
      message:
        "looks like a rename of ReadOnly to ReadOnlyAccess: AWS can't rename a permission set; this plan creates ReadOnlyAccess, moves 2 assignments, deletes ReadOnly",
    });
    // Each account loses its last ReadOnly assignment: its role goes, a new one with a new ARN comes.
    expect(plan.warnings.find((w) => w.code === 'role-recreated')?.message).toBe(
      'removing the last assignment of ReadOnly in 2 accounts: prod-app (222222222222), staging (444444444444) deletes its IAM role AWSReservedSSO_ReadOnly_…; an assignment made later creates a new role with a new ARN, so anything that refers to the old role ARN stops working',
    );
  });

  it('role-recreated only when the last assignment of the set in that account goes', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'USER', 'ann', STAGING), liveAssignment('RO', 'USER', 'bob', STAGING), liveAssignment('RO', 'USER', 'bob', PROD_APP)],
    });
    const w = buildPlan(d, l, { now: NOW }).plan.warnings.filter((x) => x.code === 'role-recreated');
    expect(w.map((x) => x.message)).toEqual([
      'removing the last assignment of RO in prod-app (222222222222) deletes its IAM role AWSReservedSSO_RO_…; an assignment made later creates a new role with a new ARN, so anything that refers to the old role ARN stops working',
    ]);
  });

  it('admin-grant for a new assignment of an administrator-level set, and for a set that becomes one', () => {
    const admin = permissionSet('Admin', { managedPolicies: [managedPolicy('AdministratorAccess')] });
    const star = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
    const d = desired({
      users: [user('ann')],
      permissionSets: [admin, permissionSet('Ops', { inlinePolicy: star }), permissionSet('Power', { managedPolicies: [managedPolicy('PowerUserAccess')] })],
      rules: [rule(0, { sets: ['Admin', 'Power'], users: ['ann'], accounts: ['staging'] })],
    });
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('Ops', { provisioned: [STAGING, PROD_APP] })] });
    const w = buildPlan(d, l, { now: NOW }).plan.warnings.filter((x) => x.code === 'admin-grant');
    expect(w.map((x) => x.message)).toEqual([
      'Admin is administrator-level (AWS managed policy AdministratorAccess); this plan grants it to user ann on staging (444444444444)',
      'Ops becomes administrator-level (inline policy allows "*"): everyone assigned to it gets administrator access in 2 accounts',
    ]);
  });

  it('reprovision says how many accounts an edit reaches, and names the accounts behind for drift', () => {
    const d = desired({ permissionSets: [permissionSet('A', { description: 'new' }), permissionSet('B')] });
    const l = live({
      permissionSets: [livePermissionSet('A', { provisioned: [STAGING, PROD_APP] }), livePermissionSet('B', { provisioned: [STAGING], outdated: [STAGING] })],
    });
    expect(buildPlan(d, l, { now: NOW }).plan.warnings.map((x) => x.message)).toEqual([
      'changing A re-provisions it to 2 accounts: everyone using it gets the new version',
      'B is out of date in 1 account (staging (444444444444)): this plan re-provisions it there',
    ]);
  });

  it('delegated administrator: changing a set provisioned to the management account is an error, explained', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('RO', { description: 'new' }), permissionSet('Other', { description: 'new' })],
      rules: [rule(0, { sets: ['Other'], users: ['ann'], accounts: ['management'] })],
    });
    const l = live({
      callerAccountId: '999999999999',
      users: [liveUser('ann')],
      permissionSets: [livePermissionSet('RO', { provisioned: [MGMT, STAGING] }), livePermissionSet('Other', { provisioned: [STAGING] })],
    });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics.map((x) => `${x.line}:${x.col} ${x.severity}: ${x.message}`)).toEqual([
      '11:3 error: permission set "RO" is provisioned to the management account management (111111111111), and this plan runs in delegated administrator account 999999999999: AWS refuses to change it from there. Run idc with credentials of the management account, or leave "RO" unchanged',
      '100:5 error: 1 assignment change of Other in the management account management (111111111111) cannot be made by delegated administrator account 999999999999: run idc with credentials of the management account, or stop assigning in the management account',
    ]);
    expect(plan.warnings.filter((w) => w.code === 'delegated-admin-management').map((w) => w.subject)).toEqual(['Other', 'RO']);
    const asManagement = buildPlan(d, { ...l, caller: { ...l.caller, accountId: MGMT } }, { now: NOW });
    expect(asManagement.diagnostics).toEqual([]);
  });

  it('expired-rule and unresolved-principal', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(3, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2026-01-31' })],
    });
    const l = live({
      users: [liveUser('ann')],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'USER', 'id:90676d2a-1', STAGING), liveAssignment('RO', 'USER', 'id:90676d2a-1', PROD_APP)],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.warnings).toEqual([
      {
        code: 'expired-rule',
        subject: 'assignments[3]',
        message: 'assignments[3] (line 130) expired on 2026-01-31 and grants nothing any more: remove it from access.yaml',
      },
      {
        code: 'unresolved-principal',
        subject: 'id:90676d2a-1',
        message:
          '2 assignments of a user that could not be found (id:90676d2a-1): probably deleted outside idc; left unchanged (remove them in the AWS console)',
      },
    ]);
  });
});
