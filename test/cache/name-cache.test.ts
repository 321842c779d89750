/** The name cache's data: what a file must look like to be used, and the cache after a read. */
import { describe, expect, it } from 'vitest';
import { formatNameCache, knownNames, nextNameCache, parseNameCache, type NameCache } from '../../src/cache/name-cache.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-72230000a1b2c3d4';
const arn = (id: string): string => `arn:aws:sso:::permissionSet/ssoins-72230000a1b2c3d4/ps-${id.padEnd(16, '0')}`;
const cache: NameCache = { instanceArn: INSTANCE, names: { [arn('b')]: 'ReadOnly', [arn('a')]: 'Admin' }, lastFullRead: '2026-11-28T06:17:03.120Z' };

const file = (patch: Record<string, unknown>): string => JSON.stringify({ ...JSON.parse(formatNameCache(cache)), ...patch });
const unusable = (text: string): string => {
  const parsed = parseNameCache(text, INSTANCE);
  if (!('unusable' in parsed)) throw new Error('the file was accepted');
  return parsed.unusable;
};

describe('parseNameCache', () => {
  it('reads back what formatNameCache wrote, ARNs sorted', () => {
    const text = formatNameCache(cache);
    expect(parseNameCache(text, INSTANCE)).toEqual(cache);
    expect(Object.keys(JSON.parse(text).permissionSets)).toEqual([arn('a'), arn('b')]);
    const noDate = { instanceArn: INSTANCE, names: {} };
    expect(parseNameCache(formatNameCache(noDate), INSTANCE)).toEqual(noDate);
  });

  it('ignores a file that is not a name cache of this version, with the reason', () => {
    expect(unusable('{"format": "idc-gitops permission set names", "vers')).toBe('not JSON');
    expect(unusable('[]')).toMatch(/^not a name cache of this version/);
    expect(unusable(file({ version: 2 }))).toBe('not a name cache of this version (version must be equal to constant)');
    expect(unusable(file({ format: 'something else' }))).toBe('not a name cache of this version (format must be equal to constant)');
    expect(unusable(file({ extra: true }))).toBe('not a name cache of this version (the file has a member it should not have)');
    expect(unusable(file({ lastFullRead: 'yesterday' }))).toBe('not a name cache of this version (lastFullRead is not in the expected form)');
    expect(unusable(file({ lastFullRead: '2026-13-45T99:99:99Z' }))).toBe('lastFullRead is not a date');
    expect(unusable(' '.repeat(2_000_001))).toMatch(/^larger than/);
  });

  it('ignores a file with an entry that is not a permission set ARN and a permission set name', () => {
    const notArn = 'not a name cache of this version (a key of permissionSets is not a permission set ARN)';
    const notName = 'not a name cache of this version (a value of permissionSets is not a permission set name)';
    expect(unusable(file({ permissionSets: { 'arn:aws:iam::111122223333:role/x': 'Admin' } }))).toBe(notArn);
    expect(unusable(file({ permissionSets: { [`${arn('a')}\n`]: 'Admin' } }))).toBe(notArn);
    expect(unusable(file({ permissionSets: { [arn('a')]: 'Admin\u001b[2J' } }))).toBe(notName);
    expect(unusable(file({ permissionSets: { [arn('a')]: 'A'.repeat(33) } }))).toBe(notName);
    expect(unusable(file({ permissionSets: { [arn('a')]: '' } }))).toBe(notName);
    expect(unusable(file({ permissionSets: { [arn('a')]: 7 } }))).toBe(notName);
    expect(unusable(file({ permissionSets: [] }))).toBe('not a name cache of this version (permissionSets must be object)');
  });

  it('ignores a file of another instance, and one where two ARNs have the same name', () => {
    expect(parseNameCache(formatNameCache(cache), 'arn:aws:sso:::instance/ssoins-1111111111111111')).toEqual({
      unusable: 'written for another Identity Center instance',
    });
    expect(unusable(file({ permissionSets: { [arn('a')]: 'Admin', [arn('c')]: 'Admin' } }))).toMatch(/same name/);
  });
});

describe('nextNameCache', () => {
  it('is exactly the sets the read found: a set no longer listed is dropped, a new one added', () => {
    const found = [
      { arn: arn('a'), name: 'Admin' },
      { arn: arn('d'), name: 'Billing' },
    ];
    expect(nextNameCache(INSTANCE, cache, found).names).toEqual({ [arn('a')]: 'Admin', [arn('d')]: 'Billing' });
  });

  it('keeps the last full read unless this read was full', () => {
    expect(nextNameCache(INSTANCE, cache, []).lastFullRead).toBe('2026-11-28T06:17:03.120Z');
    expect(nextNameCache(INSTANCE, undefined, []).lastFullRead).toBeUndefined();
    expect(nextNameCache(INSTANCE, cache, [], new Date('2026-11-29T06:17:00Z')).lastFullRead).toBe('2026-11-29T06:17:00.000Z');
  });

  it('knownNames: ARN → name, empty without a cache', () => {
    expect(knownNames(cache).get(arn('b'))).toBe('ReadOnly');
    expect(knownNames(undefined).size).toBe(0);
  });
});
