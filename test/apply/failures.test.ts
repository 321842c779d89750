import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeAwsError, FakeGateway } from './fake-gateway.js';
import { assignmentChange, fakeClock, liveGroup, livePermissionSet, liveUser, makeLive, makePlan, MANAGEMENT } from './fixtures.js';
import { fullScenario } from './scenario.js';

const options = () => ({ progress: silentProgress, ...fakeClock(), asyncTimeoutMs: 10 * 60_000 });

describe('applyPlan: failures', () => {
  it('collects a failed user creation and skips what depends on it, running the rest', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live).inject({
      method: 'createUser',
      error: new FakeAwsError('ValidationException', 'Invalid email address'),
    });
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed.map((f) => [f.subject, f.message])).toEqual([['create user jonathan', 'ValidationException: Invalid email address']]);
    // The membership admins ← jonathan and the assignment ReadOnly → jonathan.
    expect(report.skipped).toBe(2);
    expect(report.succeeded).toBe(plan.changes.length - 3);
    expect(report.stopped).toBeUndefined();
    expect(fake.calls['createGroupMembership']).toBeUndefined();
    expect(fake.assignmentList()).toEqual(['Admin GROUP admins 111122223333', 'Admin GROUP admins 444455556666']);
  });

  it('stops at the first access denied, with one message naming the missing IAM permission', async () => {
    const { live, plan } = fullScenario();
    const denied = (action: string) =>
      new FakeAwsError(
        'AccessDeniedException',
        `User: arn:aws:sts::111122223333:assumed-role/ReadOnly/ci is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
      );
    // Read-only credentials: every write is refused.
    const fake = new FakeGateway(live);
    for (const method of ['createUser', 'createGroup', 'updateUser', 'updateGroup', 'createPermissionSet', 'updatePermissionSet', 'deleteUser'] as const) {
      fake.inject({ method, error: denied(`identitystore:${method}`), times: 100 });
    }
    const report = await applyPlan(plan, live, fake, { ...options(), concurrency: 1 });
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]?.subject).toBe('create user jonathan');
    expect(report.failed[0]?.message).toMatch(
      /^AccessDeniedException: User: .* is not authorized to perform: identitystore:createUser .* — the credentials lack the IAM permission identitystore:CreateUser$/,
    );
    expect(report.succeeded).toBe(0);
    expect(report.stopped).toEqual({
      reason:
        'at the first access denied: the credentials lack the IAM permission identitystore:CreateUser; run apply with credentials allowed to make changes (README "AWS setup")',
      notAttempted: plan.changes.length - 1,
    });
    // Nothing after the first refusal was sent.
    expect(fake.log.map((e) => e.method)).toEqual(['createUser']);
  });

  it('stops when the endpoint stops answering, instead of waiting out every change', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live).inject({
      method: 'createUser',
      error: new FakeAwsError('TimeoutError', 'a request has exceeded the configured 15000 ms requestTimeout.'),
    });
    const report = await applyPlan(plan, live, fake, { ...options(), concurrency: 1 });
    expect(report.failed.map((f) => f.subject)).toEqual(['create user jonathan']);
    expect(report.stopped?.reason).toMatch(/^no answer \(identitystore:CreateUser, 2 attempts\); the endpoint accepts connections but does not answer/);
    expect(report.stopped?.notAttempted).toBe(plan.changes.length - 1);
    expect(fake.log.map((e) => e.method)).toEqual(['createUser']);
  });

  it('counts changes refused in flight after the stop as not made, not as more failures', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live);
    for (const method of ['createUser', 'createGroup'] as const) {
      fake.inject({ method, error: new FakeAwsError('AccessDeniedException', 'not authorized'), times: 100 });
    }
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed).toHaveLength(1);
    expect(report.succeeded + report.failed.length + report.skipped + (report.stopped?.notAttempted ?? 0)).toBe(plan.changes.length);
  });

  it('reports a FAILED assignment deletion with AWS reason, and keeps its permission set and group', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live).inject({
      method: 'deleteAccountAssignment',
      error: 'failed',
      reason: 'Received a 403 status error: Not authorized to perform iam:DeleteRole',
    });
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed).toHaveLength(1);
    const failure = report.failed[0]!;
    expect(failure.subject).toBe('delete assignment Legacy → group old on prod (444455556666)');
    expect(failure.message).toMatch(
      /^AWS reports the deletion of assignment Legacy → group old on prod \(444455556666\) FAILED: Received a 403 status error: Not authorized to perform iam:DeleteRole \(request ID req-delete-\d+\): fix the cause, then run apply again$/,
    );
    expect(failure.change.kind).toBe('assignment');
    expect(report.skipped).toBe(2);
    expect(fake.calls['deletePermissionSet']).toBeUndefined();
    expect(fake.calls['deleteGroup']).toBeUndefined();
    expect(fake.calls['deleteUser']).toBe(1);
    expect(fake.conflictsRaised).toEqual([]);
  });

  it('skips the edits, provisioning and assignments of a set whose creation or edit failed', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live)
      .inject({ method: 'createPermissionSet', error: new FakeAwsError('ValidationException', 'Invalid session duration') })
      .inject({ method: 'tagPermissionSet', error: new FakeAwsError('ValidationException', 'Too many tags') });
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed.map((f) => [f.subject, f.message])).toEqual([
      ['create permission set Admin', 'ValidationException: Invalid session duration'],
      ['update permission set ReadOnly (description, managed_policies, tags)', 'tagging team: ValidationException: Too many tags'],
    ]);
    // Provision ReadOnly, two Admin assignments, one ReadOnly assignment.
    expect(report.skipped).toBe(4);
    expect(fake.calls['putInlinePolicy']).toBeUndefined();
    expect(fake.calls['provisionPermissionSet']).toBeUndefined();
    expect(fake.calls['createAccountAssignment']).toBeUndefined();
    // Deletions do not depend on them.
    expect(fake.calls['deletePermissionSet']).toBe(1);
  });

  it('says which operation timed out, with its request ID and what to do', async () => {
    const set = livePermissionSet('ReadOnly');
    const live = makeLive({ users: { jonathan: liveUser('jonathan') }, permissionSets: { ReadOnly: set } });
    const plan = makePlan([assignmentChange('create', 'ReadOnly', 'USER', 'jonathan', MANAGEMENT)]);
    const fake = new FakeGateway(live).inject({ method: 'createAccountAssignment', error: 'hang' });
    const clock = fakeClock();
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...clock, asyncTimeoutMs: 60_000 });
    expect(report.failed.map((f) => [f.subject, f.message])).toEqual([
      [
        'create assignment ReadOnly → user jonathan on management (111122223333)',
        'timed out after 60s waiting for the creation of assignment ReadOnly → user jonathan on management (111122223333) (request ID req-create-0001): check the AWS console, then run apply again',
      ],
    ]);
    // Backoff from 1 s by ×1.5, capped at 10 s; the last pause stops at the timeout. An assignment
    // operation's first poll is timed by the learned duration: one more poll comes 10 % of the
    // time so far after it, in case it was just early (async-operation.ts).
    expect(clock.slept.slice(0, 6)).toEqual([1000, 100, 1500, 2250, 3375, 5062.5]);
    expect(Math.max(...clock.slept)).toBe(10_000);
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(60_000);
  });

  it('retries nothing itself: a throttle or conflict the gateway gave up on fails its change once', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live)
      .inject({ method: 'createAccountAssignment', error: 'throttle', times: 1 })
      .inject({ method: 'deletePermissionSet', error: 'conflict', times: 1 });
    const report = await applyPlan(plan, live, fake, options());
    // In plan order.
    expect(report.failed.map((f) => [f.subject, f.message])).toEqual([
      [
        'delete permission set Legacy',
        'ConflictException: An operation is in progress on the permission set (injected). Retry the operation. — another operation on the same resource did not settle after 7 attempts; run apply again in a few minutes',
      ],
      [
        'create assignment Admin → group admins on management (111122223333)',
        'ThrottlingException: Rate exceeded — AWS kept throttling after 7 attempts; try again later, when fewer tools call Identity Center',
      ],
    ]);
    // One call each: the 7 attempts were the gateway's (src/aws/retry.ts), not apply's.
    expect(report.calls['sso:CreateAccountAssignment']).toBe(3);
    expect(report.calls['sso:DeletePermissionSet']).toBe(1);
  });

  it('names a permanent conflict (an application profile on the set) and what to do, without retrying', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live).inject({
      method: 'deletePermissionSet',
      error: new FakeAwsError('ConflictException', 'Could not delete because PermissionSet has ApplicationProfile associated with it.'),
    });
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed.map((f) => [f.subject, f.message])).toEqual([
      [
        'delete permission set Legacy',
        'ConflictException: Could not delete because PermissionSet has ApplicationProfile associated with it. — an application in IAM Identity Center still uses this permission set: remove it from the application in the console, then run apply again',
      ],
    ]);
    expect(report.calls['sso:DeletePermissionSet']).toBe(1);
  });

  it('does not retry a name that is already taken', async () => {
    const live = makeLive({ users: {} });
    const plan = makePlan([{ kind: 'user', action: 'create', userName: 'jonathan', after: liveUser('jonathan'), fields: [] }]);
    const fake = new FakeGateway(live);
    fake.users.set('other', liveUser('jonathan'));
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed[0]?.message).toBe(
      'ConflictException: Duplicate UserName — the value is already taken by another resource: make it unique in access.yaml, or run apply again once the plan has freed it (deletions run last)',
    );
    expect(report.calls['identitystore:CreateUser']).toBe(1);
  });

  it('fails a change whose IDs are unknown, telling to plan again', async () => {
    const live = makeLive({ users: { jonathan: liveUser('jonathan') }, groups: { admins: liveGroup('admins') } });
    const plan = makePlan([{ kind: 'membership', action: 'delete', group: 'admins', user: 'jonathan' }]);
    const report = await applyPlan(plan, live, new FakeGateway(live), options());
    expect(report.failed.map((f) => [f.subject, f.message])).toEqual([
      [
        'remove user jonathan from group admins',
        'the membership of user jonathan in group admins was not found in the state read before apply, nor created by it: run plan again',
      ],
    ]);
  });
});
