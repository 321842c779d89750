/** The expiry-only plan leaves out every other removal the full plan has: users, groups, sets, memberships. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desired, group, live, liveAssignment, liveGroup, livePermissionSet, liveUser, NOW, permissionSet, rule, STAGING, user } from './builders.js';

describe('expiry-only plan beside pending removals', () => {
  it('deletes only the expired assignment, not the user, group, membership or set the file removes', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops', [])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2026-03-15T11:00:00Z' })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('old')],
      groups: [liveGroup('ops', ['ann']), liveGroup('legacy')],
      permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] }), livePermissionSet('Gone')],
      assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)],
    });
    const full = buildPlan(d, l, { now: NOW }).plan;
    expect(full.changes.map((c) => `${c.action} ${c.kind}`)).toEqual([
      'delete user',
      'delete group',
      'delete membership',
      'delete permission-set',
      'delete assignment',
    ]);
    const only = buildPlan(d, l, { now: NOW, expiryOnly: true }).plan;
    expect(
      only.changes.map((c) =>
        c.kind === 'assignment' ? `${c.action} ${c.assignment.permissionSet} ${c.assignment.principal} ${c.assignment.accountId}` : c.kind,
      ),
    ).toEqual([`delete RO ann ${STAGING}`]);
    expect(only.counts).toEqual({ create: 0, update: 0, delete: 1 });
  });
});
