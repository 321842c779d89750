/**
 * The delegated administrator refusal, the cases guards.test.ts does not show: deletions (no
 * position in the file), tag-only edits, new sets, and where the error points when a set's
 * assignment changes in the management account mix deletions and rule-made creations.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desired, live, liveAssignment, livePermissionSet, liveUser, MGMT, NOW, permissionSet, PROD_DATA, rule, STAGING, user } from './builders.js';

const caller = PROD_DATA;
const at = (ds: { line: number; col: number; severity: string; message: string }[]): string[] => ds.map((d) => `${d.line}:${d.col} ${d.severity} ${d.message}`);
const setRefused = (name: string): string =>
  `permission set "${name}" is provisioned to the management account management (111111111111), and this plan runs in delegated administrator account 333333333333: AWS refuses to change it from there. Run idc with credentials of the management account, or leave "${name}" unchanged`;
const assignmentsRefused = (n: number, name: string): string =>
  `${n} assignment ${n === 1 ? 'change' : 'changes'} of ${name} in the management account management (111111111111) cannot be made by delegated administrator account 333333333333: run idc with credentials of the management account, or stop assigning in the management account`;

describe('permission sets provisioned to the management account', () => {
  it('deleting one is refused, at the top of the file (the set is no longer in it)', () => {
    const l = live({ permissionSets: [livePermissionSet('Old', { provisioned: [MGMT] })], callerAccountId: caller });
    const { plan, diagnostics } = buildPlan(desired(), l, { now: NOW });
    expect(at(diagnostics)).toEqual([`1:1 error ${setRefused('Old')}`]);
    expect(plan.warnings).toEqual([{ code: 'delegated-admin-management', subject: 'Old', message: setRefused('Old') }]);
  });

  it('a tag-only edit (nothing to re-provision) is refused too, at the set', () => {
    const d = desired({ permissionSets: [permissionSet('RO', { tags: { team: 'app' } })] });
    const l = live({ permissionSets: [livePermissionSet('RO', { provisioned: [MGMT] })], callerAccountId: caller });
    expect(at(buildPlan(d, l, { now: NOW }).diagnostics)).toEqual([`10:3 error ${setRefused('RO')}`]);
  });

  it('creating a set is no problem for a delegated administrator', () => {
    const d = desired({ permissionSets: [permissionSet('New')] });
    const { plan, diagnostics } = buildPlan(d, live({ callerAccountId: caller }), { now: NOW });
    expect(diagnostics).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.changes.map((c) => `${c.kind} ${c.action}`)).toEqual(['permission-set create']);
  });
});

describe('assignments in the management account', () => {
  it('an assignment change in another account is no problem', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann')],
      permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] })],
      assignments: [liveAssignment('RO', 'USER', 'ann', PROD_DATA)],
      callerAccountId: caller,
    });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(plan.changes.filter((c) => c.kind === 'assignment').map((c) => `${c.action} ${c.kind === 'assignment' ? c.assignment.accountId : ''}`)).toEqual([
      `create ${STAGING}`,
      `delete ${PROD_DATA}`,
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('removing one (no rule to point at) is refused at the top of the file', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')] });
    const l = live({
      users: [liveUser('ann')],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'USER', 'ann', MGMT)],
      callerAccountId: caller,
    });
    expect(at(buildPlan(d, l, { now: NOW }).diagnostics)).toEqual([`1:1 error ${assignmentsRefused(1, 'RO')}`]);
  });

  it.each([
    ['the removed principal sorts first', 'aaron', 'bob'],
    ['the removed principal sorts last', 'zed', 'bob'],
  ])('removals and creations of one set are one error, at the rule that creates (%s)', (_, removed, added) => {
    const d = desired({
      users: [user(removed), user(added)],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: [added], accounts: ['management'] })],
    });
    const l = live({
      users: [liveUser(removed), liveUser(added)],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'USER', removed, MGMT)],
      callerAccountId: caller,
    });
    expect(at(buildPlan(d, l, { now: NOW }).diagnostics)).toEqual([`100:5 error ${assignmentsRefused(2, 'RO')}`]);
  });
});
