/**
 * Issue 5, fault tests: with throttling, 500s, conflicts and FAILED asynchronous operations
 * injected by the emulator, apply then re-apply converges to an empty plan, and nothing outside
 * the plan is ever touched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyOutcome } from '../../src/engine-contract.js';
import { bigWorld, bigYaml } from './fixtures/big.js';
import { MESSY_YAML, messyWorld } from './fixtures/messy.js';
import { changeLines, show, startE2E, type E2E } from './harness.js';
import { untouchedParts } from './untouched.js';

const FAULTS = { throttleRate: 0.1, serverErrorRate: 0.05, conflictRate: 0.05, failedStatusRate: 0.1 };
const MAX_RUNS = 5;

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

/** Applies until an apply reports nothing left (at most MAX_RUNS), calling `check` after each run. */
async function converge(e: E2E, check: () => void): Promise<{ runs: number; failures: number; outcomes: string[] }> {
  let failures = 0;
  const outcomes: string[] = [];
  for (let run = 1; run <= MAX_RUNS; run++) {
    let outcome: ApplyOutcome;
    try {
      outcome = await e.apply();
    } catch (error) {
      // A read that ran out of retries: the user runs apply again.
      outcomes.push(`error: ${String(error)}`);
      check();
      continue;
    }
    check();
    outcomes.push(outcome.status);
    if (outcome.status === 'nothing-to-do') return { runs: run, failures, outcomes };
    if (outcome.status !== 'applied') throw new Error(`apply run ${run}: ${outcome.status}`);
    failures += outcome.report.failed.length;
    if (outcome.remaining.changes.length === 0) return { runs: run, failures, outcomes };
  }
  throw new Error(`apply did not converge in ${MAX_RUNS} runs: ${outcomes.join(', ')}`);
}

describe('apply with faults injected', () => {
  it('converges from a messy organization, never touching what is outside the plan', async () => {
    e2e = await startE2E({ world: messyWorld(), emulator: { faults: FAULTS, seed: 3 } });
    await e2e.write(MESSY_YAML);
    const emu = e2e.emu;
    const untouched = untouchedParts(emu.dump());

    const result = await converge(e2e, () => expect(untouchedParts(emu.dump())).toEqual(untouched));
    const errors = emu.errors();
    // The faults did happen (else this test proves nothing).
    expect(errors['ThrottlingException'], JSON.stringify(errors)).toBeGreaterThan(0);
    expect(errors['InternalServerException'], JSON.stringify(errors)).toBeGreaterThan(0);
    expect(errors['ConflictException'], JSON.stringify(errors)).toBeGreaterThan(0);

    emu.setFaults({ throttleRate: 0, serverErrorRate: 0, conflictRate: 0, failedStatusRate: 0 });
    const plan = await e2e.plan();
    expect(changeLines(plan), `${result.outcomes.join(', ')}\n${show(plan)}`).toEqual([]);
    expect(untouchedParts(emu.dump())).toEqual(untouched);
  });

  it('converges on a bigger plan (≈ 90 writes, FAILED statuses likely) from an empty Identity Center', async () => {
    e2e = await startE2E({ world: bigWorld(8), emulator: { faults: FAULTS, seed: 5 } });
    await e2e.write(bigYaml(12));
    const emu = e2e.emu;
    const org = emu.dump().organization;

    const result = await converge(e2e, () => expect(emu.dump().organization).toEqual(org));
    // 64 assignment creations at a 10% FAILED rate: the first run reports failures (P(none) ≈ 0.1%),
    // together, at the end, and the next run finishes the job.
    expect(result.failures, result.outcomes.join(', ')).toBeGreaterThan(0);
    expect(result.runs).toBeGreaterThan(1);

    emu.setFaults({ throttleRate: 0, serverErrorRate: 0, conflictRate: 0, failedStatusRate: 0 });
    const plan = await e2e.plan();
    expect(changeLines(plan), show(plan)).toEqual([]);
    const world = emu.dump();
    expect(world.users).toHaveLength(12);
    expect(world.assignments).toHaveLength(4 * 2 * 8);
    // No duplicates, nothing half-made: every pair provisioned and up to date.
    expect((world.provisioning ?? []).filter((p) => p.status !== 'LATEST_PERMISSION_SET_PROVISIONED')).toEqual([]);
  });
});
