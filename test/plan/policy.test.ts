import { describe, expect, it } from 'vitest';
import { matchesAnyGlob, matchesGlob } from '../../src/model/name-glob.js';
import { adminActions, canonicalPolicy, prettyPolicy, samePolicy } from '../../src/plan/policy.js';

const written = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'PutBackups', Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::my-backups/*' }],
});

describe('canonicalPolicy / samePolicy', () => {
  it('ignores key order and whitespace', () => {
    const aws = `{
      "Statement": { "Resource": ["arn:aws:s3:::my-backups/*"], "Effect": "Allow", "Action": "s3:PutObject", "Sid": "PutBackups" },
      "Version": "2012-10-17"
    }`;
    expect(samePolicy(written, aws)).toBe(true);
    expect(canonicalPolicy(aws)).toBe(canonicalPolicy(written));
  });

  it('treats one string and a one-element list alike for Action, NotAction, Resource, NotResource and conditions', () => {
    const a = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          NotAction: 'iam:*',
          NotResource: 'arn:aws:iam::*:role/x',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' }, Bool: { 'aws:SecureTransport': false } },
        },
      ],
    };
    const b = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Deny',
          NotAction: ['iam:*'],
          NotResource: ['arn:aws:iam::*:role/x'],
          Condition: { Bool: { 'aws:SecureTransport': ['false'] }, StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
        },
      ],
    };
    expect(samePolicy(JSON.stringify(a), JSON.stringify(b))).toBe(true);
  });

  it('ignores the order of actions and of statements, but not their content', () => {
    const s1 = { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' };
    const s2 = { Effect: 'Deny', Action: 'ec2:*', Resource: '*' };
    const a = JSON.stringify({ Version: '2012-10-17', Statement: [s1, s2] });
    const b = JSON.stringify({ Version: '2012-10-17', Statement: [s2, { ...s1, Action: ['s3:ListBucket', 's3:GetObject'] }] });
    expect(samePolicy(a, b)).toBe(true);
    const c = JSON.stringify({ Version: '2012-10-17', Statement: [s2, { ...s1, Action: 's3:GetObject' }] });
    expect(samePolicy(a, c)).toBe(false);
  });

  it('treats absent, empty (AWS for none) and {} as no policy', () => {
    expect(samePolicy(undefined, '')).toBe(true);
    expect(samePolicy('  ', '{}')).toBe(true);
    expect(samePolicy(undefined, written)).toBe(false);
  });

  it('compares text that is not JSON as text, without throwing', () => {
    expect(canonicalPolicy(' not json ')).toBe('not json');
    expect(samePolicy('{oops', '{oops')).toBe(true);
  });

  it('pretty-prints the canonical form for diffs', () => {
    expect(prettyPolicy(written)).toBe(
      [
        '{',
        '  "Statement": [',
        '    {',
        '      "Action": [',
        '        "s3:PutObject"',
        '      ],',
        '      "Effect": "Allow",',
        '      "Resource": [',
        '        "arn:aws:s3:::my-backups/*"',
        '      ],',
        '      "Sid": "PutBackups"',
        '    }',
        '  ],',
        '  "Version": "2012-10-17"',
        '}',
      ].join('\n'),
    );
  });

  it('finds allow statements that grant everything or all of IAM', () => {
    expect(adminActions(JSON.stringify({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }))).toEqual(['*']);
    expect(adminActions(JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['IAM:*'], Resource: '*' }] }))).toEqual(['IAM:*']);
    expect(adminActions(JSON.stringify({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }))).toEqual([]);
    expect(adminActions(written)).toEqual([]);
  });
});

describe('ownership.ignore globs', () => {
  it('match * and ? and nothing else specially', () => {
    expect(matchesGlob('AWSControlTowerAdmin', 'AWSControlTower*')).toBe(true);
    expect(matchesGlob('MyAWSControlTower', 'AWSControlTower*')).toBe(false);
    expect(matchesGlob('team-a', 'team-?')).toBe(true);
    expect(matchesGlob('team-ab', 'team-?')).toBe(false);
    expect(matchesGlob('a.b', 'a.b')).toBe(true);
    expect(matchesGlob('axb', 'a.b')).toBe(false);
    expect(matchesGlob('(x)+[y]', '(x)+[y]')).toBe(true);
    expect(matchesAnyGlob('AWSServiceCatalogEndUser', ['AWSControlTower*', 'AWSServiceCatalog*'])).toBe(true);
  });
});
