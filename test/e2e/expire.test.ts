/**
 * Issue 14, "What it must show" (expiry): against the emulator with its clock under the test's
 * control, a rule expiring in one hour is removed by the expire mode after the hour and not
 * before, and the expire mode leaves an unrelated pending change of the file unapplied.
 * Asserted on the emulator's state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readWorldFile, type RunningEmulator } from '../../emulator/index.js';
import { silentProgress } from '../../src/progress/progress.js';
import { accessLines, applied, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const MGMT = '111122223333';
const WORKLOADS = '444455556666';
const HOUR = 3_600_000;
const START = '2026-06-01T12:00:00Z';

const FILE = `version: 1
users:
  ana: { display_name: Ana, given_name: Ana, family_name: A, email: ana@example.com }
  bob: { display_name: Bob, given_name: Bob, family_name: B, email: bob@example.com }
permission_sets:
  ReadOnly: { managed_policies: [ReadOnlyAccess] }
assignments:
  - permission_set: ReadOnly
    users: [bob]
    accounts: [management]
  - permission_set: ReadOnly
    users: [ana]
    accounts: [management, workloads]
    expires: 2026-06-01T15:00+02:00
`;

/** The same file with an unrelated edit that was merged but not applied: carol and her access. */
const WITH_PENDING_EDIT = `${FILE.replace('permission_sets:', '  carol: { display_name: Carol, given_name: Carol, family_name: C, email: carol@example.com }\npermission_sets:')}  - permission_set: ReadOnly
    users: [carol]
    accounts: [workloads]
`;

/** `ReadOnly USER <name> <account>` for every assignment in the emulator. */
function assignmentsIn(emu: RunningEmulator): string[] {
  const world = emu.dump();
  const userName = new Map((world.users ?? []).map((u) => [u.id, u.userName]));
  const setName = new Map((world.permissionSets ?? []).map((p) => [p.arn, p.name]));
  return (world.assignments ?? [])
    .map((a) => `${setName.get(a.permissionSet) ?? a.permissionSet} ${a.principalType} ${userName.get(a.principalId) ?? a.principalId} ${a.accountId}`)
    .sort();
}

describe('expire mode against the emulator clock', () => {
  it('removes a rule expiring in one hour after the hour, not before, and leaves a pending edit unapplied', async () => {
    let emu: RunningEmulator | undefined;
    e2e = await startE2E({
      world: await readWorldFile('emulator/worlds/demo.json'),
      emulator: { clock: { start: START } },
      engine: { now: () => emu?.now() ?? new Date(Number.NaN) },
    });
    emu = e2e.emu;
    await e2e.write(FILE);

    // 12:00 UTC: the reviewed apply grants ana ReadOnly until 13:00 UTC (15:00+02:00).
    const first = await e2e.plan();
    expect(
      first.accessChanges.filter((a) => a.kind === 'user' && a.user === 'ana').map((a) => (a.kind === 'user' ? a.via.flatMap((v) => v.because) : [])),
    ).toEqual([
      ['assignments[1]: ReadOnly → user ana on accounts management, workloads until 2026-06-01 13:00 UTC'],
      ['assignments[1]: ReadOnly → user ana on accounts management, workloads until 2026-06-01 13:00 UTC'],
    ]);
    applied(await e2e.apply({ expectedHash: first.hash }));
    const granted = [`ReadOnly USER ana ${MGMT}`, `ReadOnly USER ana ${WORKLOADS}`, `ReadOnly USER bob ${MGMT}`];
    expect(assignmentsIn(e2e.emu)).toEqual(granted);

    // An unrelated edit is merged but not applied (say its apply was refused and waits).
    await e2e.write(WITH_PENDING_EDIT);

    // 12:55 (and the few seconds this test takes; the clock runs): not yet.
    e2e.emu.advanceClock(HOUR - 5 * 60_000);
    const early = await e2e.engine.apply(e2e.config, { expiryOnly: true }, silentProgress);
    expect(early.status).toBe('nothing-to-do');
    expect(assignmentsIn(e2e.emu)).toEqual(granted);

    // 13:05: the expiry-only plan is ana's two removals, nothing of carol.
    e2e.emu.advanceClock(10 * 60_000);
    const planned = await e2e.engine.plan(e2e.config, silentProgress, { expiryOnly: true });
    if (!planned.ok) throw new Error('expiry-only plan refused');
    expect(changeLines(planned.plan), show(planned.plan)).toEqual([
      `delete assignment ReadOnly USER ana ${MGMT}`,
      `delete assignment ReadOnly USER ana ${WORKLOADS}`,
    ]);
    expect(accessLines(planned.plan)).toEqual([`lose USER ana ReadOnly ${MGMT}`, `lose USER ana ReadOnly ${WORKLOADS}`]);
    const why = planned.plan.accessChanges.flatMap((a) => (a.kind === 'user' ? a.via.flatMap((v) => v.because) : []));
    expect(new Set(why)).toEqual(new Set(['assignments[1]: ReadOnly → user ana on accounts management, workloads until 2026-06-01 13:00 UTC has expired']));

    const done = applied(await e2e.engine.apply(e2e.config, { expiryOnly: true }, silentProgress));
    expect(done.plan.hash).toBe(planned.plan.hash);
    expect(done.report.failed).toEqual([]);
    expect(changeLines(done.remaining)).toEqual([]);
    expect(assignmentsIn(e2e.emu)).toEqual([`ReadOnly USER bob ${MGMT}`]);
    expect((e2e.emu.dump().users ?? []).map((u) => u.userName)).not.toContain('carol');

    // The pending edit is still pending: a full plan shows carol, and nothing of ana.
    const full = await e2e.plan();
    expect(changeLines(full)).toEqual([`create assignment ReadOnly USER carol ${WORKLOADS}`, 'create user carol']);
    // And a second expire run has nothing to do.
    expect((await e2e.engine.apply(e2e.config, { expiryOnly: true }, silentProgress)).status).toBe('nothing-to-do');
  });
});
