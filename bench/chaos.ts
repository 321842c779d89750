/**
 * Fault campaign (`npm run chaos`): many apply cycles against the in-process emulator with
 * throttling, 500s, conflicts and FAILED asynchronous operations injected. Each cycle starts from
 * the messy organization (drift of every kind, Control Tower's own set and group), applies
 * MESSY_YAML again and again until a fresh plan is empty (at most MAX_RUNS applies), checks after
 * every apply that nothing outside the file was touched, and finally plans once more with the
 * faults off to confirm convergence.
 *
 * Small world, scaled clock (the emulator's 20 requests/s bucket and asynchronous operations run
 * TIME_SCALE times faster), the production retry budget (retry.ts: 6 retries) with short backoff.
 * Bounded: stops starting cycles after CHAOS_SECONDS (default 300).
 *
 * Environment: CHAOS_CYCLES (default 200), CHAOS_SECONDS (300), CHAOS_PARALLEL (4).
 * Prints `RESULT cycles=… converged=… max_runs=… untouched_ok=…`; exits 1 unless every cycle
 * converged with nothing outside the file touched.
 */
import { isDeepStrictEqual } from 'node:util';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../src/engine.js';
import { silentProgress } from '../src/progress/progress.js';
import { startEmulator, type Faults } from '../emulator/index.js';
import { MESSY_YAML, messyWorld } from '../test/e2e/fixtures/messy.js';
import { untouchedParts } from '../test/e2e/untouched.js';
import { emulatorGateway, envNumber } from './lib/common.js';

const CYCLES = envNumber('CHAOS_CYCLES', 200);
const SECONDS = envNumber('CHAOS_SECONDS', 300);
const PARALLEL = envNumber('CHAOS_PARALLEL', 4);
const MAX_RUNS = 5;
const TIME_SCALE = envNumber('CHAOS_TIME_SCALE', 50);
const FAULTS: Faults = { throttleRate: 0.1, serverErrorRate: 0.05, conflictRate: 0.05, failedStatusRate: 0.1 };

interface CycleResult {
  converged: boolean;
  runs: number;
  untouchedOk: boolean;
  /** Applies that reported failed changes, or ended in an error (a read that ran out of retries). */
  incompleteRuns: number;
  /** Asynchronous operations AWS reported FAILED (each a failed change, redone by the next run). */
  failedStatuses: number;
  /** HTTP requests the emulator received in the cycle. */
  requests: number;
  errors: Record<string, number>;
  problem?: string;
}

const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);

async function cycle(seed: number, dir: string): Promise<CycleResult> {
  const emu = await startEmulator({
    world: messyWorld(),
    seed,
    faults: FAULTS,
    timeScale: TIME_SCALE,
    asyncMs: 1000,
    asyncPolls: 1,
  });
  const config = join(dir, `access-${seed}.yaml`);
  await writeFile(config, MESSY_YAML);
  const engine = createEngine({
    region: 'us-east-1',
    env: {},
    apply: { pollIntervalMs: 1000 / TIME_SCALE },
    gatewayFor: () => emulatorGateway(emu.endpoint, TIME_SCALE, { retry: { baseDelayMs: 500 / TIME_SCALE, maxDelayMs: 20_000 / TIME_SCALE } }),
  });
  const untouched = untouchedParts(emu.dump());
  let untouchedOk = true;
  let incompleteRuns = 0;
  let failedStatuses = 0;
  let runs = 0;
  let done = false;
  try {
    while (!done && runs < MAX_RUNS) {
      runs++;
      try {
        const outcome = await engine.apply(config, {}, silentProgress);
        if (outcome.status === 'nothing-to-do') done = true;
        else if (outcome.status === 'applied') {
          if (outcome.report.failed.length > 0) incompleteRuns++;
          failedStatuses += outcome.report.failed.filter((f) => / FAILED: /.test(f.message)).length;
          done = outcome.remaining.changes.length === 0;
        } else if (outcome.status === 'applied-unchecked') {
          incompleteRuns++;
          failedStatuses += outcome.report.failed.filter((f) => / FAILED: /.test(f.message)).length;
        } else {
          return {
            converged: false,
            runs,
            untouchedOk,
            incompleteRuns,
            failedStatuses,
            requests: total(emu.calls()),
            errors: emu.errors(),
            problem: `apply ended "${outcome.status}"`,
          };
        }
      } catch {
        // A read that outlasted the retries: the user runs apply again.
        incompleteRuns++;
      }
      if (!isDeepStrictEqual(untouchedParts(emu.dump()), untouched)) untouchedOk = false;
    }
    emu.setFaults({ throttleRate: 0, serverErrorRate: 0, conflictRate: 0, failedStatusRate: 0 });
    const check = await engine.plan(config, silentProgress);
    const empty = check.ok && check.plan.changes.length === 0;
    return {
      converged: done && empty,
      runs,
      untouchedOk,
      incompleteRuns,
      failedStatuses,
      requests: total(emu.calls()),
      errors: emu.errors(),
      ...(done && !empty ? { problem: 'an apply reported convergence but a fault-free plan is not empty' } : {}),
    };
  } finally {
    await emu.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'idc-chaos-'));
const started = Date.now();
const results: CycleResult[] = [];
let next = 0;
async function worker(): Promise<void> {
  while (next < CYCLES && Date.now() - started < SECONDS * 1000) {
    const seed = ++next;
    const result = await cycle(seed, dir);
    results.push(result);
    if (!result.converged || !result.untouchedOk) {
      console.error(`cycle seed=${seed}: converged=${result.converged} runs=${result.runs} untouched_ok=${result.untouchedOk} ${result.problem ?? ''}`);
    }
  }
}
try {
  await Promise.all(Array.from({ length: PARALLEL }, worker));
} finally {
  await rm(dir, { recursive: true, force: true });
}

const elapsedS = (Date.now() - started) / 1000;
const converged = results.filter((r) => r.converged).length;
const untouchedOk = results.filter((r) => r.untouchedOk).length;
const maxRuns = Math.max(0, ...results.map((r) => r.runs));
const runsHistogram: Record<number, number> = {};
for (const r of results) runsHistogram[r.runs] = (runsHistogram[r.runs] ?? 0) + 1;
const errors: Record<string, number> = {};
for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
const incomplete = results.reduce((a, r) => a + r.incompleteRuns, 0);

if (results.length < CYCLES) {
  console.error(
    `stopped at the time bound (CHAOS_SECONDS=${SECONDS}) after ${results.length} of ${CYCLES} cycles: a slow or busy machine; raise CHAOS_SECONDS`,
  );
}
console.log(`runs per cycle: ${JSON.stringify(runsHistogram)}; incomplete applies (failures or a failed read, finished by the next run): ${incomplete}`);
console.log(`faults answered by the emulator: ${JSON.stringify(errors)}`);
console.log(
  `RESULT cycles=${results.length} converged=${converged} max_runs=${maxRuns} untouched_ok=${untouchedOk} ` +
    `converged_pct=${results.length ? ((100 * converged) / results.length).toFixed(1) : '0'} ` +
    `throttles=${(errors['ThrottlingException'] ?? 0) + (errors['TooManyRequestsException'] ?? 0)} ` +
    `server_errors=${(errors['InternalServerException'] ?? 0) + (errors['ServiceException'] ?? 0)} ` +
    `conflicts=${errors['ConflictException'] ?? 0} failed_statuses=${results.reduce((a, r) => a + r.failedStatuses, 0)} requests_per_cycle=${results.length ? Math.round(results.reduce((a, r) => a + r.requests, 0) / results.length) : 0} elapsed_s=${elapsedS.toFixed(1)}`,
);
if (results.length < CYCLES || converged < results.length || untouchedOk < results.length) process.exitCode = 1;
