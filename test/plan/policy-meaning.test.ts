/**
 * Inline policies compared by meaning: the same document written another way is no change, and a
 * different document is always a change, however oddly it is shaped (a plan must never hide an
 * edit of a policy). Also the admin actions a reviewer is warned about.
 */
import { describe, expect, it } from 'vitest';
import { adminActions, canonicalPolicy, prettyPolicy, samePolicy } from '../../src/plan/policy.js';

const doc = (statement: unknown): string => JSON.stringify({ Version: '2012-10-17', Statement: statement });
const stmt = (over: Record<string, unknown>): Record<string, unknown> => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: '*',
  ...over,
});

describe('samePolicy: the same meaning', () => {
  it.each<[string, unknown, unknown]>([
    ['a principal as one string or a list', stmt({ Principal: { AWS: 'arn:aws:iam::1:root' } }), stmt({ Principal: { AWS: ['arn:aws:iam::1:root'] } })],
    ['principals in any order', stmt({ Principal: { AWS: ['b', 'a'] } }), stmt({ Principal: { AWS: ['a', 'b'] } })],
    ['a NotPrincipal as one string or a list', stmt({ NotPrincipal: { AWS: 'x' } }), stmt({ NotPrincipal: { AWS: ['x'] } })],
    ['a "*" principal', stmt({ Principal: '*' }), stmt({ Principal: '*' })],
    ['a null principal', stmt({ Principal: null }), stmt({ Principal: null })],
    [
      'a number condition value as a number or text',
      stmt({
        Condition: { NumericEquals: { 'aws:MultiFactorAuthAge': 3600 } },
      }),
      stmt({
        Condition: { NumericEquals: { 'aws:MultiFactorAuthAge': '3600' } },
      }),
    ],
    [
      'a boolean condition value as a boolean or text',
      stmt({ Condition: { Bool: { 'aws:SecureTransport': false } } }),
      stmt({ Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ],
    ['a null condition', stmt({ Condition: null }), stmt({ Condition: null })],
    ['a null condition block', stmt({ Condition: { StringEquals: null } }), stmt({ Condition: { StringEquals: null } })],
    ['statements in another order', [stmt({ Sid: 'A' }), stmt({ Sid: 'B' })], [stmt({ Sid: 'B' }), stmt({ Sid: 'A' })]],
    ['a repeated statement', [stmt({ Sid: 'A' }), stmt({ Sid: 'A' })], [stmt({ Sid: 'A' })]],
    ['a statement repeated among others', [stmt({ Sid: 'B' }), stmt({ Sid: 'A' }), stmt({ Sid: 'B' })], [stmt({ Sid: 'A' }), stmt({ Sid: 'B' })]],
    ['a null statement', [null], [null]],
  ])('%s', (_, a, b) => {
    expect(samePolicy(doc(a), doc(b))).toBe(true);
  });

  it('"{}" with spaces around it is no policy, like an absent one', () => {
    expect(samePolicy(' {} ', undefined)).toBe(true);
    expect(samePolicy(undefined, '\n{}\n')).toBe(true);
  });
});

describe('samePolicy: a different meaning is a change', () => {
  it.each<[string, unknown, unknown]>([
    ['another principal', stmt({ Principal: { AWS: 'a' } }), stmt({ Principal: { AWS: 'b' } })],
    ['a principal list against an object with index keys', stmt({ Principal: ['a'] }), stmt({ Principal: { 0: 'a' } })],
    ['a "*" principal against an object with an index key', stmt({ Principal: '*' }), stmt({ Principal: { 0: '*' } })],
    ['another condition value', stmt({ Condition: { StringEquals: { k: 'a' } } }), stmt({ Condition: { StringEquals: { k: 'b' } } })],
    ['a condition text against an object with an index key', stmt({ Condition: 'x' }), stmt({ Condition: { 0: 'x' } })],
    ['a condition block text against an object', stmt({ Condition: { StringEquals: 'x' } }), stmt({ Condition: { StringEquals: { 0: 'x' } } })],
    ['a resource list of objects', stmt({ Resource: [{ a: 1 }] }), stmt({ Resource: [{ b: 2 }] })],
    ['a resource list mixing text and objects', stmt({ Resource: ['r', { a: 1 }] }), stmt({ Resource: ['r', { b: 2 }] })],
    ['a statement text against an object with an index key', ['x'], [{ 0: 'x' }]],
    ['an unknown member written as one string or a list', stmt({ Extra: { a: 'x' } }), stmt({ Extra: { a: ['x'] } })],
  ])('%s', (_, a, b) => {
    expect(samePolicy(doc(a), doc(b))).toBe(false);
  });
});

describe('canonicalPolicy of documents that are not objects', () => {
  it('keeps them as they are, not turned into objects', () => {
    expect(canonicalPolicy('"x"')).toBe('"x"');
    expect(canonicalPolicy('[1]')).toBe('[1]');
    expect(canonicalPolicy('null')).toBe('null');
  });
  it('adds no Statement to a document without one', () => {
    expect(canonicalPolicy('{ "Version": "2012-10-17" }')).toBe('{"Version":"2012-10-17"}');
  });
});

describe('prettyPolicy', () => {
  it('shows text that is not JSON trimmed, as written', () => {
    expect(prettyPolicy('  not json {\n')).toBe('not json {');
  });
});

describe('adminActions', () => {
  it('finds nothing in text that is not JSON, in null, or in a document without statements', () => {
    expect(adminActions('not json')).toEqual([]);
    expect(adminActions('null')).toEqual([]);
    expect(adminActions('{"Version":"2012-10-17"}')).toEqual([]);
    expect(adminActions(doc([null, 'x']))).toEqual([]);
  });
  it('skips statements without an Action (NotAction is not "everything")', () => {
    expect(adminActions(doc([{ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }]))).toEqual([]);
  });
  it('finds "*" among actions that are not all text', () => {
    expect(adminActions(doc([{ Effect: 'Allow', Action: [{ odd: true }, '*'], Resource: '*' }]))).toEqual(['*']);
  });
  it('lists the admin actions of several statements sorted', () => {
    const policy = doc([stmt({ Action: ['!x', 'iam:*'] }), stmt({ Action: ['*'] })]);
    expect(adminActions(policy)).toEqual(['*', 'iam:*']);
  });
});
