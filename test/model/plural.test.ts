import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count, joinList, listOf, noun } from '../../src/model/plural.js';

describe('counts and lists in output', () => {
  it('say "1 user" and "0 users", "2 people", with thousands separated', () => {
    expect(count(1, 'user')).toBe('1 user');
    expect(count(0, 'user')).toBe('0 users');
    expect(count(2, 'person', 'people')).toBe('2 people');
    expect(count(1024, 'user')).toBe('1,024 users');
    expect(noun(1, 'is', 'are')).toBe('is');
    expect(noun(3, 'is', 'are')).toBe('are');
  });

  it('never write "(s)" and use the singular only for exactly one', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), (n) => {
        const text = count(n, 'rule');
        expect(text.endsWith(n === 1 ? ' rule' : ' rules')).toBe(true);
      }),
    );
  });

  it('join names with commas and shorten long lists', () => {
    expect(joinList(['a'])).toBe('a');
    expect(joinList(['a', 'b', 'c'])).toBe('a, b, c');
    expect(listOf(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});
