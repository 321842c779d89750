/** Warning texts a reviewer reads, at the edges of their wording: list lengths, plurals, groups. */
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
  STAGING,
  rule,
  user,
} from './builders.js';

const admin = { managedPolicies: [managedPolicy('AdministratorAccess')] };

function adminGrantTo(names: string[]): string[] {
  const d = desired({
    users: names.map((n) => user(n)),
    permissionSets: [permissionSet('Admin', admin)],
    rules: [rule(0, { sets: ['Admin'], users: names, accounts: ['staging'] })],
  });
  const l = live({ users: names.map((n) => liveUser(n)), permissionSets: [livePermissionSet('Admin', admin)] });
  return buildPlan(d, l, { now: NOW })
    .plan.warnings.filter((w) => w.code === 'admin-grant')
    .map((w) => w.message);
}

describe('lists in warnings', () => {
  it('name up to five grants, then say how many more', () => {
    const five = ['ann', 'bob', 'cid', 'dan', 'eve'];
    const on = ' on staging (444444444444)';
    expect(adminGrantTo(five)).toEqual([
      `Admin is administrator-level (AWS managed policy AdministratorAccess); this plan grants it to ${five.map((n) => `user ${n}${on}`).join(', ')}`,
    ]);
    expect(adminGrantTo([...five, 'fay', 'gus'])).toEqual([
      `Admin is administrator-level (AWS managed policy AdministratorAccess); this plan grants it to ${five.map((n) => `user ${n}${on}`).join(', ')} and 2 more`,
    ]);
  });
});

describe('unresolved-principal', () => {
  it('says "group" for a group that could not be found, and is silent once its assignments are deleted with their set', () => {
    const l = live({
      permissionSets: [livePermissionSet('RO'), livePermissionSet('Old')],
      assignments: [liveAssignment('RO', 'GROUP', 'id:g-gone', STAGING), liveAssignment('Old', 'GROUP', 'id:g-lost', STAGING)],
    });
    const { plan } = buildPlan(desired({ permissionSets: [permissionSet('RO')] }), l, { now: NOW });
    expect(plan.warnings.filter((w) => w.code === 'unresolved-principal').map((w) => w.message)).toEqual([
      '1 assignment of a group that could not be found (id:g-gone): probably deleted outside idc; left unchanged (remove them in the AWS console)',
    ]);
  });
});

describe('group descriptions', () => {
  it('no description and an empty one are the same; a changed one is an update', () => {
    const l = live({ users: [liveUser('ann')], groups: [liveGroup('ops', [], ''), liveGroup('dev', [], 'Developers')] });
    const d = desired({ users: [user('ann')], groups: [group('ops'), group('dev', [], 'Devs')] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.changes.map((c) => (c.kind === 'group' ? `${c.action} ${c.displayName} ${c.fields.join(',')}` : c.kind))).toEqual(['update dev description']);
  });
});

describe('the rename warning', () => {
  it('counts assignments the new set does not take over, in the singular too', () => {
    const ro = { description: 'Read', managedPolicies: [managedPolicy('ReadOnlyAccess')] };
    const d = desired({
      users: [user('ann'), user('bob')],
      permissionSets: [permissionSet('ReadOnlyAccess', ro)],
      rules: [rule(0, { sets: ['ReadOnlyAccess'], users: ['ann'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      permissionSets: [livePermissionSet('ReadOnly', { ...ro, provisioned: [STAGING] })],
      assignments: [liveAssignment('ReadOnly', 'USER', 'ann', STAGING), liveAssignment('ReadOnly', 'USER', 'bob', STAGING)],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.warnings.find((w) => w.code === 'rename')?.message).toBe(
      "looks like a rename of ReadOnly to ReadOnlyAccess: AWS can't rename a permission set; this plan creates ReadOnlyAccess, moves 1 assignment, deletes ReadOnly (and 1 assignment of ReadOnly that no rule gives to ReadOnlyAccess)",
    );
  });

  it('is not shown when the new set differs', () => {
    const d = desired({ permissionSets: [permissionSet('ReadOnlyAccess', { description: 'Read' })] });
    const l = live({ permissionSets: [livePermissionSet('ReadOnly', { description: 'Other' })] });
    expect(buildPlan(d, l, { now: NOW }).plan.warnings.map((w) => w.code)).not.toContain('rename');
  });
});
