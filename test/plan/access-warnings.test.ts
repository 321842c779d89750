/** Issue 9: the warnings that read the access changes name the people who really gain or lose. */
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
  NOW,
  permissionSet,
  PROD_APP,
  rule,
  STAGING,
  user,
} from './builders.js';

const ADMIN = { managedPolicies: [managedPolicy('AdministratorAccess')] };
const warnings = (d: ReturnType<typeof desired>, l: ReturnType<typeof live>, code: string): string[] =>
  buildPlan(d, l, { now: NOW })
    .plan.warnings.filter((w) => w.code === code)
    .map((w) => w.message);

describe('admin-grant names the people who gain administrator access', () => {
  it('lists who gains it, never who loses it', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('admins', ['bob'])],
      permissionSets: [permissionSet('Admin', ADMIN)],
      rules: [rule(0, { sets: ['Admin'], groups: ['admins'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('admins', ['ann'])],
      permissionSets: [livePermissionSet('Admin', ADMIN)],
      assignments: [liveAssignment('Admin', 'GROUP', 'admins', STAGING)],
    });
    expect(warnings(d, l, 'admin-grant')).toEqual([
      'Admin is administrator-level (AWS managed policy AdministratorAccess); this plan grants it to user bob on staging (444444444444)',
    ]);
  });

  it('says nothing when administrator access only moves from a user to a group they are in', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('admins', ['ann'])],
      permissionSets: [permissionSet('Admin', ADMIN)],
      rules: [rule(0, { sets: ['Admin'], groups: ['admins'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann')],
      permissionSets: [livePermissionSet('Admin', ADMIN)],
      assignments: [liveAssignment('Admin', 'USER', 'ann', STAGING)],
    });
    expect(warnings(d, l, 'admin-grant')).toEqual([]);
  });

  it('names a group that gets it with no one gaining it yet: whoever joins later does', () => {
    const d = desired({
      groups: [group('break-glass')],
      permissionSets: [permissionSet('Admin', ADMIN)],
      rules: [rule(0, { sets: ['Admin'], groups: ['break-glass'], accounts: ['prod-app'] })],
    });
    const l = live({ permissionSets: [livePermissionSet('Admin', ADMIN)] });
    expect(warnings(d, l, 'admin-grant')).toEqual([
      'Admin is administrator-level (AWS managed policy AdministratorAccess); this plan grants it to group break-glass on prod-app (222222222222)',
    ]);
  });
});

describe('role-recreated only where the role really goes away', () => {
  it('not when another principal keeps an assignment of the set in that account, nor when the grant moves', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['ops'], accounts: ['prod-app'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [livePermissionSet('RO')],
      // prod-app: ann's direct grant moves to the group (a create and a delete); staging: bob's goes.
      assignments: [liveAssignment('RO', 'USER', 'ann', PROD_APP), liveAssignment('RO', 'USER', 'bob', STAGING)],
    });
    const w = warnings(d, l, 'role-recreated');
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('removing the last assignment of RO in staging (444444444444)');
  });
});
