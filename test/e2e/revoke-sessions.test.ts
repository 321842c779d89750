/**
 * Issue 14, "What it must show" (revoke_sessions): against the emulator with its clock under the
 * test's control, a rule with `expires` one hour ahead and `revoke_sessions: true`: before the
 * hour nothing; after it the expire mode removes the assignment, and the deny statement for that
 * user and account appears in the set's inline policy and is provisioned; once the set's session
 * duration has passed a later run removes it. Asserted on the emulator's state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readWorldFile, type RunningEmulator } from '../../emulator/index.js';
import { exportAccessYaml } from '../../src/export/index.js';
import { silentProgress } from '../../src/progress/progress.js';
import { applied, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const MGMT = '111122223333';
const WORKLOADS = '444455556666';
const MINUTE = 60_000;
const START = '2026-06-01T12:00:00Z';

const FILE = `version: 1
users:
  ana: { display_name: Ana, given_name: Ana, family_name: A, email: ana@example.com }
  bob: { display_name: Bob, given_name: Bob, family_name: B, email: bob@example.com }
permission_sets:
  ReadOnly:
    session_duration: PT1H
    managed_policies: [ReadOnlyAccess]
    inline_policy:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Action: [s3:GetObject]
          Resource: "*"
assignments:
  - permission_set: ReadOnly
    users: [bob, ana]
    accounts: [management]
  - permission_set: ReadOnly
    users: [ana]
    accounts: [workloads]
    expires: 2026-06-01T13:00Z
    revoke_sessions: true
`;

interface Statement {
  Sid?: string;
  Effect: string;
  Action: unknown;
  Resource: unknown;
  Condition?: Record<string, Record<string, string>>;
}

/** The emulator's stored inline policy of ReadOnly, its statements, and the set's accounts not on the latest version. */
function readOnlyState(emu: RunningEmulator): { statements: Statement[]; outdated: string[]; userId: string } {
  const world = emu.dump();
  const set = (world.permissionSets ?? []).find((p) => p.name === 'ReadOnly');
  if (!set) throw new Error('ReadOnly is not in the emulator');
  const policy = set.inlinePolicy === undefined ? { Statement: [] } : (JSON.parse(set.inlinePolicy) as { Statement: Statement[] });
  const outdated = (world.provisioning ?? [])
    .filter((p) => p.permissionSet === set.arn && p.status === 'LATEST_PERMISSION_SET_NOT_PROVISIONED')
    .map((p) => p.accountId);
  const userId = (world.users ?? []).find((u) => u.userName === 'ana')?.id ?? '';
  return { statements: policy.Statement, outdated, userId };
}

describe('revoke_sessions against the emulator clock', () => {
  it('adds and provisions the deny statement when the rule expires, and removes it after the session duration', async () => {
    let emu: RunningEmulator | undefined;
    e2e = await startE2E({
      world: await readWorldFile('emulator/worlds/demo.json'),
      emulator: { clock: { start: START } },
      engine: { now: () => emu?.now() ?? new Date(Number.NaN) },
    });
    emu = e2e.emu;
    await e2e.write(FILE);
    const { engine, config } = e2e;
    const expire = () => engine.apply(config, { expiryOnly: true }, silentProgress);

    // 12:00: the reviewed apply grants ana ReadOnly on workloads until 13:00.
    applied(await e2e.apply({ expectedHash: (await e2e.plan()).hash }));
    expect(readOnlyState(e2e.emu).statements.map((s) => s.Sid ?? s.Effect)).toEqual(['Allow']);

    // 12:55: nothing yet.
    e2e.emu.advanceClock(55 * MINUTE);
    expect((await expire()).status).toBe('nothing-to-do');

    // 13:05: the expiry-only plan revokes ana's sessions on workloads, provisions, then removes the assignment.
    e2e.emu.advanceClock(10 * MINUTE);
    const planned = await e2e.engine.plan(e2e.config, silentProgress, { expiryOnly: true });
    if (!planned.ok) throw new Error('expiry-only plan refused');
    expect(changeLines(planned.plan), show(planned.plan)).toEqual([
      `create session-revocation ReadOnly ${WORKLOADS} ana`,
      `delete assignment ReadOnly USER ana ${WORKLOADS}`,
      `provision ReadOnly edited ${MGMT},${WORKLOADS}`,
    ]);
    expect(show(planned.plan)).toContain(`revoke sessions of ana on ReadOnly in workloads (${WORKLOADS}) (until 2026-06-01 14:20 UTC`);
    const revoked = applied(await expire());
    expect(revoked.plan.hash).toBe(planned.plan.hash);
    expect(revoked.report.failed).toEqual([]);

    const after = readOnlyState(e2e.emu);
    const deny = after.statements.filter((s) => s.Effect === 'Deny');
    expect(deny).toHaveLength(1);
    expect(deny[0]).toMatchObject({
      Action: ['*'],
      Resource: '*',
      Condition: { StringEquals: { 'identitystore:userId': after.userId, 'aws:PrincipalAccount': WORKLOADS } },
    });
    // Its end: the apply's time (13:05 and the seconds the test took) plus PT1H and the 15-minute margin.
    expect(deny[0]?.Sid).toMatch(/^IdcRevoke444455556666[A-Za-z0-9]+Until20260601T1420\d{2}Z$/);
    // The file's own statement is still there, and the set is on its latest version wherever it is provisioned.
    expect(after.statements.filter((s) => s.Effect === 'Allow')).toHaveLength(1);
    expect(after.outdated).toEqual([]);
    // The statement is idc's own: no drift, nothing to do, in the full plan and the expire mode;
    // and idc export leaves it out of the set's inline policy.
    const full = await engine.plan(config, silentProgress);
    if (!full.ok) throw new Error('plan refused');
    expect(changeLines(full.plan)).toEqual([]);
    const exported = exportAccessYaml(full.live);
    expect(exported).toContain('s3:GetObject');
    expect(exported).not.toContain('IdcRevoke');
    expect(exported).not.toContain('Deny');

    // 14:10: the session duration has not passed yet.
    e2e.emu.advanceClock(65 * MINUTE);
    expect((await expire()).status).toBe('nothing-to-do');

    // 14:25: a later run removes the statement and provisions the set again; the file's policy stays.
    e2e.emu.advanceClock(15 * MINUTE);
    const cleanup = await e2e.engine.plan(e2e.config, silentProgress, { expiryOnly: true });
    if (!cleanup.ok) throw new Error('expiry-only plan refused');
    expect(changeLines(cleanup.plan)).toEqual([`delete session-revocation ReadOnly ${WORKLOADS} ana`, `provision ReadOnly edited ${MGMT}`]);
    expect(show(cleanup.plan)).toMatch(/remove expired session revocation of ana on ReadOnly in workloads \(444455556666\) \(ended 2026-06-01 14:20 UTC\)/);
    applied(await expire());
    const end = readOnlyState(e2e.emu);
    expect(end.statements.map((s) => s.Effect)).toEqual(['Allow']);
    expect(end.outdated).toEqual([]);
    expect(changeLines(await e2e.plan())).toEqual([]);
  });
});
