import { describe, expect, it } from 'vitest';
import { canonicalDuration, durationMinutes, durationSeconds } from '../../src/model/duration.js';
import { matchesGlob } from '../../src/model/name-glob.js';
import { jsonErrorOffset } from '../../src/config/json-error.js';
import { closest, levenshtein } from '../../src/model/did-you-mean.js';

describe('suggestions', () => {
  it('finds typos, case slips and prefixes, and nothing far away', () => {
    expect(levenshtein('memebers', 'members')).toBe(1);
    expect(closest('memebers', ['description', 'members'])).toBe('members');
    expect(closest('readonly', ['ReadOnly', 'Admin'])).toBe('ReadOnly');
    expect(closest('Admin', ['Administrator', 'ReadOnly'])).toBe('Administrator');
    expect(closest('zed', ['jonathan', 'maria'])).toBeUndefined();
  });
});

describe('session durations', () => {
  it('read hours and minutes and print the canonical form', () => {
    expect(durationMinutes('PT1H30M')).toBe(90);
    expect(canonicalDuration('PT90M')).toBe('PT1H30M');
    expect(canonicalDuration('PT720M')).toBe('PT12H');
    expect(durationMinutes('P1D')).toBeUndefined();
    expect(durationMinutes('PT')).toBeUndefined();
  });

  it('accept seconds in AWS values but not in access.yaml', () => {
    // AWS returns what was stored; one grammar reads both, access.yaml only takes hours and minutes.
    expect(durationSeconds('PT3600S')).toBe(3600);
    expect(durationSeconds('PT1H')).toBe(durationSeconds('PT60M'));
    expect(durationSeconds('PT')).toBeUndefined();
    expect(durationMinutes('PT3600S')).toBeUndefined();
    expect(durationMinutes('PT1H30S')).toBeUndefined();
    expect(canonicalDuration('PT3600S')).toBe('PT3600S');
  });
});

describe('ignore globs', () => {
  it('match * and ? and nothing else specially', () => {
    expect(matchesGlob('AWSControlTowerAdmin', 'AWSControlTower*')).toBe(true);
    expect(matchesGlob('svc-a', 'svc-?')).toBe(true);
    expect(matchesGlob('svc-ab', 'svc-?')).toBe(false);
    expect(matchesGlob('a.b', 'a+b')).toBe(false);
  });
});

describe('JSON error positions', () => {
  it('agree with JSON.parse on what is valid and point at the first wrong character', () => {
    for (const ok of ['{}', '[1, -2.5e3, "a\\u00e9", true, null]', ' {"a": {"b": []}} ']) {
      expect(jsonErrorOffset(ok)).toBeUndefined();
      expect(() => JSON.parse(ok) as unknown).not.toThrow();
    }
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": ')).toBe(6);
    expect(jsonErrorOffset("{'a': 1}")).toBe(1);
  });
});

describe('did you mean: one typo beats a prefix, a prefix beats containment', () => {
  it('suggests what the person most likely meant', () => {
    expect(closest('/Workloads/Prd', ['/Workloads', '/Workloads/Prod'])).toBe('/Workloads/Prod');
    expect(closest('managed', ['customer_managed', 'managed_policy'])).toBe('managed_policy');
    expect(closest('legacy', ['legacy-prod', 'sandbox'])).toBe('legacy-prod');
    expect(closest('Admin', ['Administrator', 'ReadOnly'])).toBe('Administrator');
    expect(closest('zzz', ['ReadOnly'])).toBeUndefined();
  });
});
