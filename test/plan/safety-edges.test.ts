/** safety.max_deletes at its edges, as the plan's verdict shows it. */
import { describe, expect, it } from 'vitest';
import type { MaxDeletes } from '../../src/model/desired.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desired, group, live, liveGroup, livePermissionSet, liveUser, NOW, permissionSet, user } from './builders.js';

const HOW = 'check that every deletion is intended, then raise safety.max_deletes or apply with force';

/** Live: users ann, bob, cid; groups ops, dev; sets A, B, C. The file keeps `keep` of each. */
function verdict(maxDeletes: MaxDeletes, keep: { users: string[]; groups: string[]; sets: string[] }) {
  const d = desired({
    users: keep.users.map((n) => user(n)),
    groups: keep.groups.map((n) => group(n)),
    permissionSets: keep.sets.map((n) => permissionSet(n)),
  });
  d.safety.maxDeletes = maxDeletes;
  const l = live({
    users: ['ann', 'bob', 'cid'].map((n) => liveUser(n)),
    groups: [liveGroup('ops'), liveGroup('dev')],
    permissionSets: ['A', 'B', 'C'].map((n) => livePermissionSet(n)),
  });
  return buildPlan(d, l, { now: NOW }).plan.safety;
}

describe('safety.max_deletes as a count', () => {
  it('allows exactly the count, refuses one more, in the singular for one', () => {
    const all = { users: ['ann', 'bob', 'cid'], groups: ['ops', 'dev'], sets: ['A', 'B', 'C'] };
    expect(verdict({ kind: 'count', value: 1 }, { ...all, users: ['ann', 'bob'] })).toEqual({ safe: true, refusals: [] });
    expect(verdict({ kind: 'count', value: 0 }, { ...all, users: ['ann', 'bob'] }).refusals.map((r) => r.message)).toEqual([
      `plan deletes 1 object; safety.max_deletes is 0: ${HOW}`,
    ]);
    expect(verdict({ kind: 'count', value: 1 }, { ...all, users: ['ann'] }).refusals.map((r) => r.message)).toEqual([
      `plan deletes 2 objects; safety.max_deletes is 1: ${HOW}`,
    ]);
  });
});

describe('safety.max_deletes as a percentage', () => {
  it('is per kind against the live count (sorted by message); exactly the percentage is allowed', () => {
    expect(verdict({ kind: 'percent', value: 50 }, { users: ['ann', 'bob', 'cid'], groups: ['ops'], sets: ['A', 'B', 'C'] })).toEqual({
      safe: true,
      refusals: [],
    });
    const v = verdict({ kind: 'percent', value: 33 }, { users: ['ann', 'bob'], groups: [], sets: ['A', 'B'] });
    expect(v.safe).toBe(false);
    expect(v.refusals.map((r) => `${r.code} ${r.forceOverrides} ${r.message}`)).toEqual([
      `max-deletes-exceeded true plan deletes 1 of 3 permission sets (33%); safety.max_deletes is 33%: ${HOW}`,
      `max-deletes-exceeded true plan deletes 1 of 3 users (33%); safety.max_deletes is 33%: ${HOW}`,
      `max-deletes-exceeded true plan deletes 2 of 2 groups (100%); safety.max_deletes is 33%: ${HOW}`,
    ]);
  });
});
