/** Pairs of a scope: sorted by account then permission set, each once, and never confused. */
import { describe, expect, it } from 'vitest';
import { scopeFilter, sortedPairs } from '../../src/plan/scope/types.js';

describe('scope pairs', () => {
  it('sortedPairs sorts by account, then permission set, and keeps each pair once', () => {
    const out = sortedPairs([
      { accountId: '2', permissionSet: 'RO' },
      { accountId: '1', permissionSet: 'RO' },
      { accountId: '2', permissionSet: 'Admin' },
      { accountId: '1', permissionSet: 'RO' },
    ]);
    expect(out).toEqual([
      { accountId: '1', permissionSet: 'RO' },
      { accountId: '2', permissionSet: 'Admin' },
      { accountId: '2', permissionSet: 'RO' },
    ]);
  });

  it('pairs whose account and set run together the same way stay distinct', () => {
    const pairs = [
      { accountId: '1', permissionSet: '23' },
      { accountId: '12', permissionSet: '3' },
    ];
    expect(sortedPairs(pairs)).toHaveLength(2);
    const f = scopeFilter({
      kind: 'scoped',
      base: 'main',
      permissionSets: [],
      users: [],
      groups: [],
      pairs: [pairs[0] ?? { accountId: '', permissionSet: '' }],
      principals: { users: [], groups: [] },
    });
    expect(f.hasPair('1', '23')).toBe(true);
    expect(f.hasPair('12', '3')).toBe(false);
  });

  it('scopeFilter answers membership of what the scoped read covers', () => {
    const f = scopeFilter({
      kind: 'scoped',
      base: 'main',
      permissionSets: ['RO'],
      users: ['ann'],
      groups: ['ops'],
      pairs: [{ accountId: '1', permissionSet: 'RO' }],
      principals: { users: ['bo'], groups: ['devs'] },
    });
    expect([f.permissionSets.has('RO'), f.users.has('ann'), f.groups.has('ops'), f.hasPair('1', 'RO')]).toEqual([true, true, true, true]);
    expect([f.permissionSets.has('ann'), f.users.has('ops'), f.groups.has('ann'), f.hasPair('1', 'Admin'), f.hasPair('2', 'RO')]).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    // Principals by type: a user's name is not a group's.
    expect([
      f.hasPrincipal('USER', 'bo'),
      f.hasPrincipal('GROUP', 'devs'),
      f.hasPrincipal('GROUP', 'bo'),
      f.hasPrincipal('USER', 'devs'),
      f.hasPrincipal('USER', 'ann'),
    ]).toEqual([true, true, false, false, false]);
  });
});
