import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeGateway } from './fake-gateway.js';
import { fakeClock } from './fixtures.js';
import { fullScenario } from './scenario.js';

const POLLS = new Set(['describeProvisioningStatus', 'describeAssignmentCreationStatus', 'describeAssignmentDeletionStatus']);

const PHASE_OF: Record<string, number> = {
  createUser: 1,
  updateUser: 1,
  createGroup: 1,
  updateGroup: 1,
  createGroupMembership: 2,
  createPermissionSet: 3,
  updatePermissionSet: 3,
  putInlinePolicy: 3,
  deleteInlinePolicy: 3,
  attachManagedPolicy: 3,
  detachManagedPolicy: 3,
  untagPermissionSet: 3,
  tagPermissionSet: 3,
  attachCustomerManagedPolicy: 3,
  detachCustomerManagedPolicy: 3,
  putPermissionsBoundary: 3,
  deletePermissionsBoundary: 3,
  provisionPermissionSet: 4,
  createAccountAssignment: 5,
  deleteAccountAssignment: 6,
  deleteGroupMembership: 7,
  deletePermissionSet: 8,
  deleteUser: 9,
  deleteGroup: 9,
};

function phaseOf(method: string): number {
  const phase = PHASE_OF[method];
  if (phase === undefined) throw new Error(`unexpected call ${method}`);
  return phase;
}

describe('applyPlan: order', () => {
  it('runs the phases in order and converges', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live);
    const clock = fakeClock();
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...clock });

    expect(report.failed).toEqual([]);
    expect(report.skipped).toBe(0);
    expect(report.succeeded).toBe(plan.changes.length);
    expect(fake.conflictsRaised).toEqual([]);
    const phases = fake.sequence.filter((m) => !POLLS.has(m)).map(phaseOf);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(new Set(phases)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    // Within a set: create first, then edits in field order.
    const admin = fake.log.filter((e) => e.detail.startsWith('Admin') && PHASE_OF[e.method] === 3).map((e) => e.method);
    expect(admin).toEqual(['createPermissionSet', 'putInlinePolicy', 'attachManagedPolicy']);
    const readOnly = fake.log.filter((e) => /^ReadOnly( |$)/.test(e.detail) && !POLLS.has(e.method)).map((e) => e.method);
    expect(readOnly.slice(0, 6)).toEqual([
      'updatePermissionSet',
      'detachManagedPolicy',
      'attachManagedPolicy',
      'attachManagedPolicy',
      'untagPermissionSet',
      'tagPermissionSet',
    ]);
    expect(fake.assignmentList()).toEqual(['Admin GROUP admins 111122223333', 'Admin GROUP admins 444455556666', 'ReadOnly USER jonathan 111122223333']);
    expect([...fake.users.values()].map((u) => u.userName).sort()).toEqual(['bob', 'jonathan']);
    expect([...fake.users.values()].find((u) => u.userName === 'bob')?.email).toBe('robert@example.com');
    expect([...fake.groups.values()].map((g) => g.displayName)).toEqual(['admins']);
    expect([...fake.sets.values()].map((s) => s.name).sort()).toEqual(['Admin', 'ReadOnly']);
  });

  it('sends description, session duration and relay state together, and edits each set exactly', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live);
    await applyPlan(plan, live, fake, { progress: silentProgress, ...fakeClock() });
    const update = fake.log.filter((e) => e.method === 'updatePermissionSet');
    expect(update).toEqual([
      {
        method: 'updatePermissionSet',
        detail: 'ReadOnly {"description":"Read everything","sessionDuration":"PT1H","relayState":"https://console.aws.amazon.com/"}',
      },
    ]);
    const readOnly = [...fake.sets.values()].find((s) => s.name === 'ReadOnly');
    expect(readOnly?.attributes.relayState).toBe('https://console.aws.amazon.com/');
    expect([...(readOnly?.managed ?? [])].sort()).toEqual(['arn:aws:iam::aws:policy/SecurityAudit', 'arn:aws:iam::aws:policy/ViewOnlyAccess']);
    expect(readOnly?.tags).toEqual({ team: 'security' });
    const admin = [...fake.sets.values()].find((s) => s.name === 'Admin');
    expect(admin?.attributes).toEqual({ sessionDuration: 'PT4H' });
    expect(admin?.tags).toEqual({ team: 'platform' });
    expect(admin?.inline).toBe('{"Version":"2012-10-17","Statement":[]}');
    // A created set gets its tags in CreatePermissionSet: no TagResource for it.
    expect(fake.log.filter((e) => e.method === 'tagPermissionSet').map((e) => e.detail)).toEqual(['ReadOnly team']);
  });

  it('provisions each edited set once, after its edits and before assignments', async () => {
    const { live, plan } = fullScenario();
    // Two provision changes for one set (edited and drift) still make one call.
    plan.changes.splice(11, 0, { kind: 'provision', action: 'update', permissionSet: 'ReadOnly', accountIds: ['444455556666'], reason: 'drift' });
    const fake = new FakeGateway(live);
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...fakeClock() });
    expect(report.failed).toEqual([]);
    expect(fake.calls['provisionPermissionSet']).toBe(1);
    expect(report.calls['sso:ProvisionPermissionSet']).toBe(1);
    const seq = fake.sequence;
    expect(seq.lastIndexOf('tagPermissionSet')).toBeLessThan(seq.indexOf('provisionPermissionSet'));
    expect(seq.lastIndexOf('describeProvisioningStatus')).toBeLessThan(seq.indexOf('createAccountAssignment'));
  });

  it('waits for every assignment deletion before deleting the permission set', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live);
    fake.pollsUntilDone = 5;
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...fakeClock() });
    expect(report.failed).toEqual([]);
    expect(fake.conflictsRaised).toEqual([]);
    const seq = fake.sequence;
    expect(seq.lastIndexOf('describeAssignmentDeletionStatus')).toBeLessThan(seq.indexOf('deletePermissionSet'));
    expect(fake.calls['deletePermissionSet']).toBe(1);
  });

  it('counts calls per AWS operation and measures time with the injected clock', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live);
    const clock = fakeClock();
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...clock, pollIntervalMs: 100 });
    expect(report.calls['sso:CreateAccountAssignment']).toBe(3);
    expect(report.calls['sso:DescribeAccountAssignmentCreationStatus']).toBe(6);
    expect(report.calls['sso:UpdatePermissionSet']).toBe(1);
    expect(Object.keys(report.calls)).toEqual([...Object.keys(report.calls)].sort());
    const total = Object.values(report.calls).reduce((a, b) => a + b, 0);
    expect(total).toBe(fake.log.length);
    expect(report.durationMs).toBe(clock.slept.reduce((a, b) => a + b, 0));
    // Polls back off: 100, 150 (×1.5).
    expect(clock.slept.slice(0, 2)).toEqual([100, 150]);
  });
});
