/** The expiry-only plan (the expire mode): the removals expiry causes, and nothing else. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { planHash } from '../../src/plan/hash.js';
import type { Plan } from '../../src/plan/types.js';
import { desired, group, live, liveAssignment, liveGroup, livePermissionSet, liveUser, NOW, permissionSet, PROD_APP, rule, STAGING, user } from './builders.js';

const lines = (plan: Plan): string[] =>
  plan.changes.map((c) =>
    c.kind === 'assignment'
      ? `${c.action} ${c.assignment.permissionSet} ${c.assignment.principalType} ${c.assignment.principal} ${c.assignment.accountId}`
      : `${c.action} ${c.kind}`,
  );

/** ann's RO on staging expired at 11:00 (NOW is 12:00); everything else is a pending edit or drift. */
function world() {
  const d = desired({
    users: [user('ann'), user('bob', { displayName: 'Bob (renamed)' }), user('cat')],
    groups: [group('ops', ['bob', 'cat'])],
    permissionSets: [permissionSet('RO'), permissionSet('Admin')],
    rules: [
      rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2026-03-15T11:00:00Z' }),
      rule(1, { sets: ['RO'], groups: ['ops'], accounts: ['prod-app'], expires: '2026-03-15' }), // ends at midnight: still granted
      rule(2, { sets: ['Admin'], users: ['bob'], accounts: ['staging'] }), // pending create
      rule(3, { sets: ['RO'], groups: ['ops'], accounts: ['staging'], expires: '2026-03-01' }), // expired, but rule 4 still grants it
      rule(4, { sets: ['RO'], groups: ['ops'], accounts: ['staging'] }),
    ],
  });
  const l = live({
    users: [liveUser('ann'), liveUser('bob'), liveUser('cat')],
    groups: [liveGroup('ops', ['bob'])], // cat joins in a pending edit
    permissionSets: [livePermissionSet('RO'), livePermissionSet('Admin')],
    assignments: [
      liveAssignment('RO', 'USER', 'ann', STAGING),
      liveAssignment('RO', 'GROUP', 'ops', PROD_APP),
      liveAssignment('RO', 'GROUP', 'ops', STAGING),
      liveAssignment('Admin', 'USER', 'cat', PROD_APP), // drift: no rule grants it, none ever did
    ],
  });
  return { d, l };
}

describe('expiry-only plan', () => {
  it('holds only the deletes of assignments whose every rule expired: no pending edit, no drift fix', () => {
    const { d, l } = world();
    const full = buildPlan(d, l, { now: NOW }).plan;
    expect(lines(full)).toEqual(
      expect.arrayContaining([
        `delete RO USER ann ${STAGING}`,
        `delete Admin USER cat ${PROD_APP}`,
        `create Admin USER bob ${STAGING}`,
        'update user',
        'create membership',
      ]),
    );

    const { plan, diagnostics } = buildPlan(d, l, { now: NOW, expiryOnly: true });
    expect(diagnostics).toEqual([]);
    expect(lines(plan)).toEqual([`delete RO USER ann ${STAGING}`]);
    expect(plan.counts).toEqual({ create: 0, update: 0, delete: 1 });
    expect(plan.hash).toBe(planHash({ ...plan }));
    expect(plan.hash).not.toBe(full.hash);
    expect(plan.accessChanges).toEqual([
      {
        kind: 'user',
        effect: 'lose',
        user: 'ann',
        permissionSet: 'RO',
        accountId: STAGING,
        accountName: 'staging',
        via: [{ because: ['assignments[0]: RO → user ann on account staging until 2026-03-15 11:00 UTC has expired'] }],
      },
    ]);
    expect(plan.warnings.map((w) => `${w.code} ${w.subject}`)).toEqual(['expired-rule assignments[0]', 'expired-rule assignments[3]']);
  });

  it('is empty before the instant a rule ends, and the same plan whatever else the file changes', () => {
    const { d, l } = world();
    expect(buildPlan(d, l, { now: new Date('2026-03-15T10:59:59Z'), expiryOnly: true }).plan.changes).toEqual([]);
    const calm = { ...d, users: { ...d.users, bob: user('bob') }, rules: d.rules.filter((r) => r.index !== 2) };
    expect(buildPlan(calm, l, { now: NOW, expiryOnly: true }).plan.hash).toBe(buildPlan(d, l, { now: NOW, expiryOnly: true }).plan.hash);
  });

  it('a group grant that expires takes access from the members the group has now, not the members a pending edit adds', () => {
    const { d, l } = world();
    const later = new Date('2026-03-16T00:00:00Z');
    const { plan } = buildPlan(d, l, { now: later, expiryOnly: true });
    expect(lines(plan)).toEqual([`delete RO GROUP ops ${PROD_APP}`, `delete RO USER ann ${STAGING}`]);
    const users = plan.accessChanges.filter((a) => a.kind === 'user').map((a) => (a.kind === 'user' ? `${a.user} ${a.accountId}` : ''));
    expect(users).toEqual([`ann ${STAGING}`, `bob ${PROD_APP}`]);
  });
});
