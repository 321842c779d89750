/** Valid files load into exactly the expected model. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, loadConfigText, summarise } from '../../src/config/load.js';
import type { Desired } from '../../src/model/desired.js';

const root = join(import.meta.dirname, '../..');
const validDir = join(root, 'test/fixtures/valid');

function loadFixture(name: string): Desired {
  const result = loadConfigText(readFileSync(join(validDir, `${name}.yaml`), 'utf8'), `${name}.yaml`, validDir);
  expect(result.diagnostics).toEqual([]);
  if (!result.desired) throw new Error(`${name}.yaml did not load`);
  return result.desired;
}

describe('the example access.yaml', () => {
  it('is valid and is the single-account setup: jonathan, ReadOnly and UploadBackups on management', async () => {
    const result = await loadConfig('access.yaml', { cwd: root });
    expect(result.diagnostics).toEqual([]);
    const d = result.desired;
    if (!d) throw new Error('example did not load');
    expect(summarise(d)).toBe('access.yaml: valid — 1 user, 0 groups, 2 permission sets, 2 assignment rules');
    expect(d.users).toEqual({
      jonathan: {
        userName: 'jonathan',
        displayName: 'Jonathan Bergknoff',
        givenName: 'Jonathan',
        familyName: 'Bergknoff',
        email: 'jonathan@example.com',
      },
    });
    expect(d.accountAliases).toEqual({ management: '111122223333' });
    expect(d.permissionSets['ReadOnly']?.managedPolicies).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(d.permissionSets['ReadOnly']?.sessionDuration).toBe('PT8H');
    expect(JSON.parse(d.permissionSets['UploadBackups']?.inlinePolicy ?? 'null')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ResticBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::my-backups' },
        { Sid: 'ResticObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::my-backups/*' },
      ],
    });
    expect(d.rules.map((r) => [r.permissionSets, r.users, r.targets.accounts])).toEqual([
      [['ReadOnly'], ['jonathan'], ['management']],
      [['UploadBackups'], ['jonathan'], ['management']],
    ]);
    expect(d.ownership.permissionSets).toBe('managed');
    expect(d.safety.maxDeletes).toEqual({ kind: 'count', value: 10 });
  });
});

describe('valid fixtures', () => {
  it.each(['full', 'external'])('%s.yaml loads into %s.desired.json', (name) => {
    const { positions, ...rest } = loadFixture(name);
    const expected = JSON.parse(readFileSync(join(validDir, `${name}.desired.json`), 'utf8')) as unknown;
    expect(rest).toEqual(expected);
    expect(Object.keys(positions).length).toBeGreaterThan(0);
  });

  it('keeps the inline policy minified with keys in the order written', () => {
    const d = loadFixture('full');
    expect(d.permissionSets['FromFile']?.inlinePolicy).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"ReadLogs","Effect":"Allow","Action":["logs:GetLogEvents","logs:FilterLogEvents"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}',
    );
  });

  it('records where every referenced node is, for errors found later by the planner', () => {
    const d = loadFixture('full');
    // A scalar in a list: the value itself.
    expect(d.positions['assignments[1].accounts[3]']).toEqual({ file: 'full.yaml', line: 76, col: 50 });
    // A block mapping under a key: the key (where a reviewer looks).
    expect(d.positions['permission_sets.Administrator']).toEqual({ file: 'full.yaml', line: 46, col: 3 });
    // A rule: the start of its list item.
    expect(d.rules[2]?.pos).toEqual({ file: 'full.yaml', line: 80, col: 5 });
    expect(d.positions['users.maria.email']).toEqual({ file: 'full.yaml', line: 27, col: 12 });
  });
});
