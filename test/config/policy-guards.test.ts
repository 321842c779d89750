/**
 * The inline-policy checks a reviewer relies on, by what `idc validate` prints: a value that only
 * contains a valid action or ARN is not one, and each problem is reported at its line and column.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';

/** access.yaml with one permission set whose inline policy has one statement, fields in YAML flow style. */
function validate(statement: Record<string, unknown>): string[] {
  const fields = Object.entries(statement)
    .map(([k, v]) => `          ${k}: ${JSON.stringify(v)}`)
    .join('\n');
  const text = [
    'version: 1',
    'permission_sets:',
    '  Uploads:',
    '    inline_policy:',
    '      Version: "2012-10-17"',
    '      Statement:',
    '        -',
    fields,
    '',
  ].join('\n');
  return loadConfigText(text, 'access.yaml', '.').diagnostics.map(formatDiagnostic);
}

const at = (line: number, col: number, message: string): string => `access.yaml:${line}:${col}: inline policy of permission set "Uploads": ${message}`;

describe('Action values', () => {
  it('rejects text that only contains a valid action', () => {
    for (const action of ['s3:GetObject s3:PutObject', ' s3:GetObject', 's3:GetObject,', 'x*', '**', 's3:Get/Object', 's3:', ':GetObject']) {
      expect(validate({ Effect: 'Allow', Action: action, Resource: '*' }), action).toEqual([
        at(9, 19, `Statement[0].Action ${JSON.stringify(action)} must be "service:action" such as "s3:GetObject", or "*"`),
      ]);
    }
  });

  it('accepts "*", a service wildcard and a real action', () => {
    for (const action of ['*', 's3:*', 's3:GetObject', 'ec2:Describe?nstances', 'iam:Get*']) {
      expect(validate({ Effect: 'Allow', Action: action, Resource: '*' }), action).toEqual([]);
    }
  });

  it('points at the bad item of a list, and at a value that is not text', () => {
    expect(validate({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObjet', 7], Resource: '*' })).toEqual([
      at(9, 35, 'Statement[0].Action "s3:PutObjet" is not an IAM action (did you mean "s3:PutObject"?)'),
      at(9, 49, 'Statement[0].Action must be text or a list of text, not 7'),
    ]);
    expect(validate({ Effect: 'Allow', Action: [], Resource: '*' })).toEqual([at(9, 19, 'Statement[0].Action is empty: list at least one')]);
  });

  it('wants exactly one of Action and NotAction', () => {
    expect(validate({ Effect: 'Allow', Resource: '*' })).toEqual([at(8, 11, 'Statement[0] has no Action: add Action (or NotAction)')]);
    expect(validate({ Effect: 'Allow', Action: '*', NotAction: 's3:GetObject', Resource: '*' })).toEqual([
      at(10, 11, 'Statement[0] has both Action and NotAction: keep one'),
    ]);
  });
});

describe('Resource, Sid and Principal', () => {
  it('rejects a Resource that only contains an ARN or "*"', () => {
    for (const resource of ['bucket arn:aws:s3:::b', '**', 'arn:', ' *']) {
      expect(validate({ Effect: 'Allow', Action: '*', Resource: resource }), resource).toEqual([
        at(10, 21, `Statement[0].Resource ${JSON.stringify(resource)} must be an ARN such as "arn:aws:s3:::my-bucket/*", or "*"`),
      ]);
    }
    expect(validate({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::b' })).toEqual([]);
  });

  it('wants a Sid of letters and digits, unique in the policy', () => {
    expect(validate({ Sid: 'Read-Only', Effect: 'Allow', Action: '*', Resource: '*' })).toEqual([
      at(8, 16, 'Statement[0].Sid must be letters and digits only, not "Read-Only"'),
    ]);
    expect(validate({ Sid: 'ReadOnly1', Effect: 'Allow', Action: '*', Resource: '*' })).toEqual([]);
  });

  it('refuses a Principal, at its key', () => {
    expect(validate({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })).toEqual([
      at(9, 11, "Statement[0] has Principal: a permission set's policy applies to the role it creates, so it takes no Principal; remove it"),
    ]);
  });
});
