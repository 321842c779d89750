/** Inline policies as `idc validate` reports them: the size limits at their edges, and where each problem points. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';

const validate = (lines: string[]): string[] =>
  loadConfigText(['version: 1', 'permission_sets:', '  S:', ...lines, ''].join('\n'), 'access.yaml', '.').diagnostics.map(formatDiagnostic);

/** A policy whose JSON without whitespace is exactly `size` bytes. */
function policyOfSize(size: number): string {
  const doc = (pad: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${pad}` }] });
  const base = JSON.stringify(doc('')).length;
  return JSON.stringify(doc('b'.repeat(size - base)));
}

describe('inline policy size', () => {
  it('accepts 10,240 bytes without whitespace and refuses one more', () => {
    expect(validate([`    inline_policy: '${policyOfSize(10_240)}'`])).toEqual([]);
    expect(validate([`    inline_policy: '${policyOfSize(10_241)}'`])).toEqual([
      'access.yaml:4:20: inline policy of permission set "S" is 10,241 bytes without whitespace: Identity Center accepts at most 10,240 bytes; move statements into a customer-managed policy, or merge statements and use wildcards',
    ]);
  });

  it('accepts 32,768 bytes as written and refuses one more, whitespace included', () => {
    const small = policyOfSize(200);
    const written = (n: number) => `${small.slice(0, -1)}${' '.repeat(n - small.length)}}`;
    expect(validate([`    inline_policy: '${written(32_768)}'`])).toEqual([]);
    expect(validate([`    inline_policy: '${written(32_769)}'`])).toEqual([
      'access.yaml:4:20: inline policy of permission set "S" is 32,769 bytes: Identity Center accepts at most 32,768 bytes; move statements into a customer-managed policy, or merge statements and use wildcards',
    ]);
  });
});

describe('where inline policy problems point', () => {
  it('a problem with the whole document reads as a sentence; one inside it names the path', () => {
    expect(validate(['    inline_policy:', '      Statement: []'])).toEqual([
      'access.yaml:4:5: inline policy of permission set "S" has no Version: add Version: "2012-10-17"',
      'access.yaml:5:18: inline policy of permission set "S": Statement is empty: add at least one statement',
    ]);
  });

  it('an unknown key points at the key in YAML, and at the whole value in a JSON string', () => {
    expect(validate(['    inline_policy:', '      Version: "2012-10-17"', '      Statment: []'])).toEqual([
      'access.yaml:4:5: inline policy of permission set "S" has no Statement: add a list of statements with Effect, Action and Resource',
      'access.yaml:6:7: inline policy of permission set "S": unknown key "Statment" (did you mean "Statement"?)',
    ]);
    expect(validate([`    inline_policy: '{"Version": "2012-10-17", "Statment": []}'`])).toEqual([
      'access.yaml:4:20: inline policy of permission set "S" has no Statement: add a list of statements with Effect, Action and Resource',
      'access.yaml:4:20: inline policy of permission set "S": unknown key "Statment" (did you mean "Statement"?)',
    ]);
  });
});
