/**
 * Warnings a reviewer relies on, at the cases that tell a right answer from a near miss: what is
 * and is not a rename, how many assignments a rename moves, who an admin-grant names, and the order
 * warnings are shown in.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { PlanWarning } from '../../src/plan/types.js';
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
  PROD_DATA,
  permissionSet,
  STAGING,
  rule,
  user,
} from './builders.js';

type D = ReturnType<typeof desired>;
type L = ReturnType<typeof live>;
const warnings = (d: D, l: L, code?: PlanWarning['code']): string[] =>
  buildPlan(d, l, { now: NOW })
    .plan.warnings.filter((w) => code === undefined || w.code === code)
    .map((w) => `${w.code}: ${w.message}`);

const ro = { description: 'Read', managedPolicies: [managedPolicy('ReadOnlyAccess')] };
const rw = { description: 'Write', managedPolicies: [managedPolicy('PowerUserAccess')] };
const admin = { description: 'Admin', managedPolicies: [managedPolicy('AdministratorAccess'), managedPolicy('IAMFullAccess')] };

describe('the rename warning', () => {
  it('is not shown for a set edited to what a new set holds, nor for a new set unlike the deleted one', () => {
    // Edit keeps its name: Edited goes from ro to rw; New is created with ro contents. No set is deleted.
    const d = desired({ permissionSets: [permissionSet('Edited', rw), permissionSet('New', ro)] });
    const l = live({ permissionSets: [livePermissionSet('Edited', ro)] });
    expect(warnings(d, l, 'rename')).toEqual([]);
    // Gone (ro) deleted, Fresh (rw) created: different contents, no rename.
    const d2 = desired({ permissionSets: [permissionSet('Fresh', rw)] });
    const l2 = live({ permissionSets: [livePermissionSet('Gone', ro)] });
    expect(warnings(d2, l2, 'rename')).toEqual([]);
  });

  it('pairs a deleted set with a created one, not with a set edited to the same contents', () => {
    // Aaa is edited to ro (sorts before the created Zzz); Old (ro) is deleted; Zzz (ro) is created.
    const d = desired({ permissionSets: [permissionSet('Aaa', ro), permissionSet('Zzz', ro)] });
    const l = live({ permissionSets: [livePermissionSet('Aaa', rw), livePermissionSet('Old', ro)] });
    expect(warnings(d, l, 'rename')).toEqual([
      "rename: looks like a rename of Old to Zzz: AWS can't rename a permission set; this plan creates Zzz, moves 0 assignments, deletes Old",
    ]);
  });

  it('uses a created set for one rename only', () => {
    const d = desired({ permissionSets: [permissionSet('New', ro)] });
    const l = live({ permissionSets: [livePermissionSet('Old1', ro), livePermissionSet('Old2', ro)] });
    expect(warnings(d, l, 'rename')).toEqual([
      "rename: looks like a rename of Old1 to New: AWS can't rename a permission set; this plan creates New, moves 0 assignments, deletes Old1",
    ]);
  });

  it('counts as moved only what the new set gives to the same principal on the same account', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      permissionSets: [permissionSet('New', ro), permissionSet('Other', rw)],
      rules: [rule(0, { sets: ['New'], users: ['ann'], accounts: ['staging'] }), rule(1, { sets: ['Other'], users: ['bob'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      permissionSets: [livePermissionSet('Old', { ...ro, provisioned: [STAGING] })],
      assignments: [liveAssignment('Old', 'USER', 'ann', STAGING), liveAssignment('Old', 'USER', 'bob', STAGING)],
    });
    expect(warnings(d, l, 'rename')).toEqual([
      "rename: looks like a rename of Old to New: AWS can't rename a permission set; this plan creates New, moves 1 assignment, deletes Old (and 1 assignment of Old that no rule gives to New)",
    ]);
  });
});

describe('the admin-grant warning', () => {
  it('gives every reason, and names a group only while it has no members', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('empty'), group('full', ['ann'])],
      permissionSets: [permissionSet('Admin', admin)],
      rules: [rule(0, { sets: ['Admin'], groups: ['empty', 'full'], accounts: ['staging'] })],
    });
    const l = live({ users: [liveUser('ann')], groups: [liveGroup('empty'), liveGroup('full', ['ann'])], permissionSets: [livePermissionSet('Admin', admin)] });
    expect(warnings(d, l, 'admin-grant')).toEqual([
      'admin-grant: Admin is administrator-level (AWS managed policy AdministratorAccess, AWS managed policy IAMFullAccess); this plan grants it to user ann on staging (444444444444), group empty on staging (444444444444)',
    ]);
  });

  it('says how many accounts get administrator access when a set becomes administrator-level, and not for a new set', () => {
    const d = desired({ permissionSets: [permissionSet('Ops', admin), permissionSet('Brand', admin)] });
    const l = live({ permissionSets: [livePermissionSet('Ops', { ...rw, provisioned: [STAGING, MGMT] })] });
    expect(warnings(d, l, 'admin-grant')).toEqual([
      'admin-grant: Ops becomes administrator-level (AWS managed policy AdministratorAccess, AWS managed policy IAMFullAccess): everyone assigned to it gets administrator access in 2 accounts',
    ]);
  });
});

describe('the order of warnings', () => {
  it('the delegated-admin refusal comes before an admin grant', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('Admin', admin)],
      rules: [rule(0, { sets: ['Admin'], users: ['ann'], accounts: ['management', 'staging'] })],
    });
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('Admin', admin)], callerAccountId: PROD_DATA });
    expect(buildPlan(d, l, { now: NOW }).plan.warnings.map((w) => w.code)).toEqual(['delegated-admin-management', 'admin-grant']);
  });
});

describe('unresolved principals', () => {
  it("counts a lost user's assignments across accounts, in the plural", () => {
    const l = live({
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'USER', 'id:u-gone', STAGING), liveAssignment('RO', 'USER', 'id:u-gone', MGMT)],
    });
    const d = desired({ permissionSets: [permissionSet('RO')], ownership: { assignments: 'managed' } });
    expect(warnings(d, l, 'unresolved-principal')).toEqual([
      'unresolved-principal: 2 assignments of a user that could not be found (id:u-gone): probably deleted outside idc; left unchanged (remove them in the AWS console)',
    ]);
  });
});
