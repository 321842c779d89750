import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { isEmptyPlan, planHash } from '../../src/plan/hash.js';
import type { Desired } from '../../src/model/desired.js';
import type { Live } from '../../src/model/live.js';
import { desired, group, live, liveAssignment, liveGroup, livePermissionSet, liveUser, NOW, permissionSet, PROD_APP, rule, STAGING, user } from './builders.js';

/** Reverses the insertion order of a record's keys (what the loader or reader might produce). */
function reversed<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).reverse());
}

function scenario(reverse: boolean): { d: Desired; l: Live } {
  const rev = <T>(xs: T[]): T[] => (reverse ? [...xs].reverse() : xs);
  const d0 = desired({
    users: [user('zed'), user('ann'), user('Bob')],
    groups: [group('ops', ['zed', 'ann']), group('admins', ['Bob'])],
    permissionSets: [permissionSet('RO'), permissionSet('Admin'), permissionSet('b-lower')],
    rules: [
      rule(0, { sets: ['RO', 'Admin'], groups: ['ops', 'admins'], all: true }),
      rule(1, { sets: ['b-lower'], users: ['zed', 'ann', 'Bob'], accounts: ['staging', 'prod-app'] }),
    ],
  });
  const d: Desired = reverse
    ? {
        ...d0,
        users: reversed(d0.users),
        groups: reversed(d0.groups),
        permissionSets: reversed(d0.permissionSets),
        positions: reversed(d0.positions),
        rules: [...d0.rules].reverse(),
      }
    : d0;
  const l = live({
    users: rev([liveUser('old'), liveUser('ann')]),
    groups: rev([liveGroup('ops', ['old']), liveGroup('gone', ['ann'])]),
    permissionSets: rev([livePermissionSet('RO', { description: 'x', provisioned: [STAGING] }), livePermissionSet('Z')]),
    assignments: rev([liveAssignment('Z', 'USER', 'old', PROD_APP), liveAssignment('RO', 'GROUP', 'gone', STAGING)]),
  });
  return { d, l };
}

describe('determinism', () => {
  it('produces the same plan and hash whatever the order of the inputs', () => {
    const a = scenario(false);
    const b = scenario(true);
    const pa = buildPlan(a.d, a.l, { now: NOW }).plan;
    const pb = buildPlan(b.d, b.l, { now: NOW }).plan;
    expect(pb).toEqual(pa);
    expect(JSON.stringify(pb)).toBe(JSON.stringify(pa));
    expect(pa.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('sorts changes by kind in apply order, then action, then name (by code unit: "Bob" before "ann")', () => {
    const { d, l } = scenario(false);
    const { plan } = buildPlan(d, l, { now: NOW });
    const kinds = plan.changes.map((c) => c.kind);
    const order = ['user', 'group', 'membership', 'permission-set', 'provision', 'assignment'];
    expect([...kinds].sort((x, y) => order.indexOf(x) - order.indexOf(y))).toEqual(kinds);
    expect(plan.changes.filter((c) => c.kind === 'user').map((c) => (c.kind === 'user' ? `${c.action} ${c.userName}` : ''))).toEqual([
      'create Bob',
      'create zed',
      'delete old',
    ]);
  });

  it('hashes formatVersion, instanceArn and changes only', () => {
    const { d, l } = scenario(false);
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(planHash({ ...plan, warnings: [], accessChanges: [] })).toBe(plan.hash);
    expect(planHash({ ...plan, instanceArn: 'arn:aws:sso:::instance/other' })).not.toBe(plan.hash);
    expect(planHash({ ...plan, changes: plan.changes.slice(1) })).not.toBe(plan.hash);
  });

  it('keeps the hash when an unrelated edit only moves lines of access.yaml', () => {
    const { d, l } = scenario(false);
    const { plan } = buildPlan(d, l, { now: NOW });
    const shifted = plan.changes.map((c) => {
      const moved = 'pos' in c && c.pos ? { ...c, pos: { ...c.pos, line: c.pos.line + 40 } } : c;
      return moved.kind === 'assignment'
        ? { ...moved, rules: moved.rules.map((r) => ({ ...r, index: r.index + 3, pos: { ...r.pos, line: r.pos.line + 40 } })) }
        : moved;
    });
    expect(shifted.some((c) => 'pos' in c && c.pos)).toBe(true);
    expect(planHash({ ...plan, changes: shifted })).toBe(plan.hash);
  });

  it('an identical world plans nothing', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })],
    });
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')], assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics).toEqual([]);
    expect(isEmptyPlan(plan)).toBe(true);
    expect(plan.counts).toEqual({ create: 0, update: 0, delete: 0 });
    expect(plan.accountNames).toEqual({});
  });
});
