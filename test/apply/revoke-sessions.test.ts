/**
 * Apply of session revocations: the statement is put and the set provisioned before the assignment
 * goes; a failed put holds the deletion back; idc's statements already in the policy survive an
 * edit of the file's inline policy; a removed statement is gone from what is put.
 */
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { revocationSid, splitRevocations } from '../../src/model/session-revocation.js';
import type { Change, SessionRevocationChange } from '../../src/plan/types.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeAwsError, FakeGateway } from './fake-gateway.js';
import {
  assignmentChange,
  fakeClock,
  INSTANCE_ARN,
  liveAssignment,
  livePermissionSet,
  liveUser,
  makeLive,
  makePlan,
  MANAGEMENT,
  permissionSet,
  PROD,
} from './fixtures.js';

const FILE_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}';
const APPLY_AT = new Date('2026-06-01T13:05:00Z');
const BOB_UNTIL = new Date('2026-06-01T13:30:00Z');

function world() {
  // bob's sessions on management were revoked earlier (until 13:30); the file's own policy beside it.
  const raw = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' },
      {
        Sid: revocationSid(MANAGEMENT, 'uid-bob', BOB_UNTIL),
        Effect: 'Deny',
        Action: ['*'],
        Resource: '*',
        Condition: { StringEquals: { 'identitystore:userId': 'uid-bob', 'aws:PrincipalAccount': MANAGEMENT } },
      },
    ],
  });
  const stored = splitRevocations(raw);
  const set = livePermissionSet('ReadOnly', {
    ...(stored.rest ? { inlinePolicy: stored.rest } : {}),
    sessionRevocations: stored.revocations,
    provisionedAccountIds: [MANAGEMENT, PROD],
  });
  const live = makeLive({
    users: { ann: liveUser('ann'), bob: liveUser('bob') },
    permissionSets: { ReadOnly: set },
    assignments: [liveAssignment(set, 'USER', 'ann', PROD)],
  });
  // What AWS holds: the whole policy, idc's statements included (idc's read splits them off).
  const aws = { ...live, permissionSets: { ReadOnly: { ...set, inlinePolicy: raw } } };
  return { live, set, aws };
}

const revoke: SessionRevocationChange = {
  kind: 'session-revocation',
  action: 'create',
  permissionSet: 'ReadOnly',
  accountId: PROD,
  user: 'ann',
  userId: 'uid-ann',
  sessionDuration: 'PT1H',
};
const provision: Change = {
  kind: 'provision',
  action: 'update',
  permissionSet: 'ReadOnly',
  accountIds: [MANAGEMENT, PROD],
  reason: 'edited',
  revokesSessionsOf: ['ann'],
};

const options = () => ({ progress: silentProgress, ...fakeClock(), clock: () => APPLY_AT });

/** The statements of the policy the fake holds for ReadOnly: Sid or Effect. */
async function statements(fake: FakeGateway, arn: string): Promise<string[]> {
  const text = await fake.getInlinePolicy(INSTANCE_ARN, arn);
  return (JSON.parse(text ?? '{}') as { Statement: { Sid?: string; Effect: string }[] }).Statement.map((s) => s.Sid ?? s.Effect);
}

describe('applyPlan: session revocations', () => {
  it('puts the statement and provisions the set before deleting the assignment, keeping the statements already there', async () => {
    const { live, set, aws } = world();
    const fake = new FakeGateway(aws);
    const plan = makePlan([revoke, provision, assignmentChange('delete', 'ReadOnly', 'USER', 'ann', PROD)]);
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed).toEqual([]);
    const order = fake.sequence.filter((m) => ['putInlinePolicy', 'provisionPermissionSet', 'deleteAccountAssignment'].includes(m));
    expect(order).toEqual(['putInlinePolicy', 'provisionPermissionSet', 'deleteAccountAssignment']);
    // Ann's statement lasts from the apply's clock: 13:05 + PT1H + 15 minutes.
    expect(await statements(fake, set.arn)).toEqual([
      'Allow',
      revocationSid(MANAGEMENT, 'uid-bob', BOB_UNTIL),
      'IdcRevoke444455556666uidannUntil20260601T142000Z',
    ]);
  });

  it('holds the deletion back when the statement could not be put', async () => {
    const { live, aws } = world();
    const fake = new FakeGateway(aws).inject({ method: 'putInlinePolicy', error: new FakeAwsError('ValidationException', 'policy too large') });
    const plan = makePlan([revoke, provision, assignmentChange('delete', 'ReadOnly', 'USER', 'ann', PROD)]);
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed.map((f) => f.subject)).toEqual([`revoke sessions of ann on ReadOnly in prod (${PROD}) (the session duration PT1H after apply)`]);
    expect(report.skipped).toBe(2);
    expect(fake.calls['deleteAccountAssignment']).toBeUndefined();
    expect(fake.assignmentList()).toEqual([`ReadOnly USER ann ${PROD}`]);
  });

  it('keeps idc statements through an edit of the file policy, and drops a removed one', async () => {
    const { live, set, aws } = world();
    const fake = new FakeGateway(aws);
    const edited = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket"],"Resource":"*"}]}';
    const edit: Change = {
      kind: 'permission-set',
      action: 'update',
      name: 'ReadOnly',
      before: permissionSet('ReadOnly', { inlinePolicy: FILE_POLICY }),
      after: permissionSet('ReadOnly', { inlinePolicy: edited }),
      fields: ['inlinePolicy'],
    };
    await applyPlan(makePlan([edit]), live, fake, options());
    expect(await statements(fake, set.arn)).toEqual(['Allow', revocationSid(MANAGEMENT, 'uid-bob', BOB_UNTIL)]);

    const cleanup: SessionRevocationChange = { ...revoke, action: 'delete', accountId: MANAGEMENT, user: 'bob', userId: 'uid-bob', reason: 'expired' };
    const fresh = new FakeGateway(aws);
    await applyPlan(makePlan([cleanup]), live, fresh, options());
    expect(await statements(fresh, set.arn)).toEqual(['Allow']);
  });
});
