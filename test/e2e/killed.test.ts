/**
 * Issue 5: killing apply in the middle (SIGKILL, no clean-up) and running it again converges.
 * The apply runs in a child process; the emulator runs here and survives the kill.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ByHand } from './by-hand.js';
import { bigWorld, bigYaml } from './fixtures/big.js';
import { MESSY_YAML, SANDBOX, SHARED, WORKLOADS, aws, messyWorld } from './fixtures/messy.js';
import { applied, changeLines, show, startE2E, type E2E } from './harness.js';

const CHILD = fileURLToPath(new URL('./fixtures/apply-child.ts', import.meta.url));
const ASSIGNMENTS = 4 * 2 * 10;

let e2e: E2E | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  await e2e?.close();
  e2e = undefined;
});

async function creationsSoFar(endpoint: string): Promise<number> {
  const res = await fetch(`${endpoint}/_emulator/calls`);
  const body = (await res.json()) as { calls: Record<string, number> };
  return body.calls['sso-admin:CreateAccountAssignment'] ?? 0;
}

function exited(p: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve({ code: p.exitCode, signal: p.signalCode });
  return new Promise((resolve) => p.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('apply killed in the middle', () => {
  it('converges when run again after a SIGKILL during assignment creation', async () => {
    // Slow asynchronous operations, so that creations are still in flight when the child dies.
    e2e = await startE2E({ world: bigWorld(10), emulator: { asyncMs: 300, asyncPolls: 2 } });
    await e2e.write(bigYaml(12));
    const endpoint = e2e.emu.endpoint;

    let stderr = '';
    const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, E2E_ENDPOINT: endpoint, E2E_CONFIG: e2e.config, E2E_RATE: '40' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = exited(proc);

    // Kill once some (not all) assignment creations were received.
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`the child finished before it could be killed (${proc.exitCode}): ${stderr}`);
      if ((await creationsSoFar(endpoint)) >= 10) break;
      if (Date.now() > deadline) throw new Error(`no assignment creation seen in 20 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    proc.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');

    await e2e.settle(); // creations accepted before the kill end on their own, as in AWS
    const halfway = e2e.emu.dump();
    expect(halfway.users).toHaveLength(12); // identities were done before assignments started
    const made = halfway.assignments?.length ?? 0;
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(ASSIGNMENTS);

    // Run again, in process: what is left is planned and applied; nothing is duplicated.
    const outcome = applied(await e2e.apply());
    expect(outcome.report.failed).toEqual([]);
    expect(outcome.plan.changes.every((c) => c.kind === 'assignment' && c.action === 'create')).toBe(true);
    expect(outcome.plan.changes.length).toBe(ASSIGNMENTS - made);
    expect(changeLines(outcome.remaining), show(outcome.remaining)).toEqual([]);

    const after = e2e.emu.dump();
    expect(after.users).toHaveLength(12);
    expect(after.groups).toHaveLength(2);
    expect(after.permissionSets).toHaveLength(4);
    expect(after.assignments).toHaveLength(ASSIGNMENTS);
    expect(changeLines(await e2e.plan())).toEqual([]);
  });

  it('converges when killed between editing a permission set and provisioning it', async () => {
    // The narrow window, made deterministic: the edit is made (here by hand) and the process
    // dies before ProvisionPermissionSet. The accounts are behind; the next plan re-provisions.
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML);
    applied(await e2e.apply());
    await new ByHand(e2e.emu, e2e.sdk).attach('Audit', aws('job-function/ViewOnlyAccess'));
    await e2e.write(MESSY_YAML.replace('managed_policies: [SecurityAudit]', 'managed_policies: [SecurityAudit, job-function/ViewOnlyAccess]'));

    const plan = await e2e.plan();
    expect(changeLines(plan), show(plan)).toEqual([`provision Audit drift ${WORKLOADS},${SANDBOX},${SHARED}`]);
    e2e.emu.resetCalls();
    const outcome = applied(await e2e.apply());
    expect(outcome.report.failed).toEqual([]);
    expect(changeLines(outcome.remaining)).toEqual([]);
    expect(e2e.emu.calls()['sso-admin:ProvisionPermissionSet']).toBe(1);
    expect((e2e.emu.dump().provisioning ?? []).filter((p) => p.status !== 'LATEST_PERMISSION_SET_PROVISIONED')).toEqual([]);
  });
});
