/** idc's revocation statements: whatever the file's policy and the statements, putting them in and reading them back gives both unchanged. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composePolicy, revocationSid, splitRevocations } from '../../src/model/session-revocation.js';
import { samePolicy } from '../../src/plan/policy.js';

const account = fc.stringMatching(/^\d{12}$/);
const userId = fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-f]{10}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/));
// Whole seconds: the Sid carries the end to the second.
const until = fc.integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 }).map((s) => new Date(s * 1000));
const revocation = fc.record({ accountId: account, userId, until }).map((r) => ({ ...r, sid: revocationSid(r.accountId, r.userId, r.until) }));
const fileStatement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.array(fc.constantFrom('s3:GetObject', 'ec2:Describe*', 'iam:PassRole'), { minLength: 1, maxLength: 3 }),
  Resource: fc.constantFrom('*', 'arn:aws:s3:::bucket/*'),
});
const filePolicy = fc.option(
  fc.array(fileStatement, { minLength: 1, maxLength: 4 }).map((Statement) => JSON.stringify({ Version: '2012-10-17', Statement })),
  { nil: undefined },
);

describe('revocation statements in an inline policy', () => {
  it('round-trip: split(compose(file policy, statements)) gives the file policy and the statements back', () => {
    fc.assert(
      fc.property(filePolicy, fc.uniqueArray(revocation, { selector: (r) => `${r.accountId}|${r.userId}`, maxLength: 5 }), (base, revocations) => {
        const split = splitRevocations(composePolicy(base, revocations));
        expect(samePolicy(split.rest, base)).toBe(true);
        const key = (r: { accountId: string; userId: string }) => `${r.accountId}|${r.userId}`;
        expect(split.revocations.map((r) => [key(r), r.sid, r.until?.getTime()])).toEqual(
          [...revocations].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((r) => [key(r), r.sid, r.until.getTime()]),
        );
      }),
    );
  });

  it('a Sid holds letters and digits only, as IAM requires', () => {
    fc.assert(fc.property(revocation, (r) => /^[A-Za-z0-9]+$/.test(r.sid)));
  });

  it('a policy without idc statements is left exactly as read', () => {
    const text = '{ "Version": "2012-10-17", "Statement": { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" } }';
    expect(splitRevocations(text)).toEqual({ rest: text, revocations: [] });
    expect(splitRevocations('')).toEqual({ revocations: [] });
  });
});
