import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeGateway } from './fake-gateway.js';
import { assignmentChange, fakeClock, liveAssignment, livePermissionSet, liveUser, makeLive, makePlan } from './fixtures.js';

function accounts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(200000000000 + i));
}

function bigWorld(accountCount: number, usersPerAccount: number) {
  const ids = accounts(accountCount);
  const set = livePermissionSet('ReadOnly');
  const users = Object.fromEntries(Array.from({ length: usersPerAccount }, (_, i) => [`u${i}`, liveUser(`u${i}`)]));
  const live = makeLive({ accounts: ids, users, permissionSets: { ReadOnly: set } });
  const changes = ids.flatMap((id) => Object.keys(users).map((u) => assignmentChange('create', 'ReadOnly', 'USER', u, id)));
  return { live, plan: makePlan(changes, {}), set, ids, users };
}

describe('applyPlan: batching', () => {
  it('never has more than 10 creations in flight, and reaches 10 across accounts', async () => {
    const { live, plan } = bigWorld(40, 5);
    const fake = new FakeGateway(live);
    fake.pollsUntilDone = 3;
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...fakeClock(), concurrency: 50 });
    expect(report.failed).toEqual([]);
    expect(report.succeeded).toBe(200);
    expect(fake.maxCreatesInFlight).toBe(10);
    expect(fake.maxInFlightPerAccount).toBe(1);
    expect(fake.conflictsRaised).toEqual([]);
    expect(fake.assignments.size).toBe(200);
  });

  it('respects a lower maxAssignmentCreatesInFlight', async () => {
    const { live, plan } = bigWorld(10, 2);
    const fake = new FakeGateway(live);
    await applyPlan(plan, live, fake, { progress: silentProgress, ...fakeClock(), maxAssignmentCreatesInFlight: 3 });
    expect(fake.maxCreatesInFlight).toBe(3);
  });

  it('runs the operations of one account one after another', async () => {
    const { live, plan } = bigWorld(1, 30);
    const fake = new FakeGateway(live);
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...fakeClock() });
    expect(report.failed).toEqual([]);
    expect(fake.maxCreatesInFlight).toBe(1);
    expect(fake.maxInFlightPerAccount).toBe(1);
  });

  it('deletes in parallel across accounts, one at a time per account', async () => {
    const ids = accounts(20);
    const set = livePermissionSet('Old', { provisionedAccountIds: ids });
    const users = { a: liveUser('a'), b: liveUser('b') };
    const assignments = ids.flatMap((id) => [liveAssignment(set, 'USER', 'a', id), liveAssignment(set, 'USER', 'b', id)]);
    const live = makeLive({ accounts: ids, users, permissionSets: { Old: set }, assignments });
    const plan = makePlan([
      { kind: 'permission-set', action: 'delete', name: 'Old', before: set, fields: [] },
      ...assignments.map((a) => assignmentChange('delete', 'Old', 'USER', a.principal, a.accountId)),
    ]);
    const fake = new FakeGateway(live);
    fake.pollsUntilDone = 4;
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...fakeClock() });
    expect(report.failed).toEqual([]);
    expect(fake.maxInFlightPerAccount).toBe(1);
    expect(fake.conflictsRaised).toEqual([]);
    expect(fake.assignments.size).toBe(0);
    expect(fake.sets.size).toBe(0);
    expect(fake.sequence.at(-1)).toBe('deletePermissionSet');
  });

  it('provisions sets that share accounts one after the other', async () => {
    const ids = accounts(3);
    const a = livePermissionSet('A', { provisionedAccountIds: [ids[0]!, ids[1]!] });
    const b = livePermissionSet('B', { provisionedAccountIds: [ids[1]!, ids[2]!] });
    const live = makeLive({ accounts: ids, permissionSets: { A: a, B: b } });
    const plan = makePlan([
      { kind: 'provision', action: 'update', permissionSet: 'A', accountIds: a.provisionedAccountIds, reason: 'drift' },
      { kind: 'provision', action: 'update', permissionSet: 'B', accountIds: b.provisionedAccountIds, reason: 'drift' },
    ]);
    const fake = new FakeGateway(live);
    const report = await applyPlan(plan, live, fake, { progress: silentProgress, ...fakeClock() });
    expect(report.failed).toEqual([]);
    expect(fake.conflictsRaised).toEqual([]);
    expect(fake.maxInFlightPerAccount).toBe(1);
    expect(fake.calls['provisionPermissionSet']).toBe(2);
  });
});
