/**
 * npm run bench:plan — `idc plan` on a big organization: 1,000 accounts, 200 permission sets,
 * 5,000 users, 500 groups, 30,000 assignments, with the emulator's AWS limits on (a 20 requests
 * per second token bucket) and time scaled.
 *
 * Time scale: the emulator refills its bucket at 20 × BENCH_TIME_SCALE (default 20) per wall
 * second and divides its waits by the same factor, so our client-side limiter is configured to
 * `rateLimit: 20 × timeScale`: one wall second here is timeScale seconds against AWS.
 *
 * Prints the calls made (the emulator's counter) against `minimumReadCalls` for this world (with
 * its exact page counts), the wall time of load + read + plan against the floor
 * calls ÷ (20 × timeScale), peak memory (this process only: the emulator runs in a child process),
 * and what a Terraform-style per-resource refresh would cost (formula in bench/lib/refresh.ts).
 * Then the same plan again with the permission set name cache the first one wrote (src/cache/;
 * what the next drift run finds): a full plan reads every set it manages in full, so only sets
 * read by name only (ignored, never mentioned) skip DescribePermissionSet.
 * Last line: RESULT calls=… min_calls=… calls_ratio=… wall_floor_ratio=… peak_rss_mb=… refresh_calls=… warm_calls=… warm_describe_calls=…
 * Targets: calls_ratio ≤ 1.1, wall_floor_ratio ≤ 1.2 (measured, not enforced).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minimumReadCalls, minimumReadCallsByOperation } from './lib/call-budget.js';
import { nameCacheFile } from '../src/cache/name-cache-file.js';
import { createEngine } from '../src/engine.js';
import { formatDiagnostic } from '../src/model/source.js';
import { createProgress } from '../src/progress/create-progress.js';
import { AWS_RATE, changeCounts, emulatorGateway, envNumber, iamActions, printCounts, REGION, round, rssProbe } from './lib/common.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import type { PlanScenario } from './lib/plan-scenario.js';
import { DESIGN_DOC_EXAMPLE, refreshCalls } from './lib/refresh.js';

const TIME_SCALE = envNumber('BENCH_TIME_SCALE', 20);

type Info = Omit<PlanScenario, 'world' | 'yaml' | 'file'>;

const dir = mkdtempSync(join(tmpdir(), 'idc-bench-plan-'));
const yamlPath = join(dir, 'access.yaml');
console.log(`building the world and access.yaml (time scale ${TIME_SCALE}: client limiter ${AWS_RATE * TIME_SCALE} req/s)…`);
const emu = await startEmulatorProcess<Info>('plan', yamlPath, REGION, { timeScale: TIME_SCALE, rateLimit: AWS_RATE });
try {
  const { read, refresh, expected } = emu.info;
  console.log(
    `world: ${read.accounts} accounts, ${read.organizationalUnits} OUs, ${read.permissionSets} permission sets, ${read.users} users, ` +
      `${read.groups} groups, ${refresh.memberships} memberships, ${expected.liveAssignments} assignments in ${read.provisionedPairs} (account, set) pairs`,
  );
  console.log(`access.yaml: ${(emu.yamlBytes / 1e6).toFixed(1)} MB, ${expected.desiredAssignments} assignments from its rules`);

  const gateway = emulatorGateway(emu.endpoint, TIME_SCALE);
  const nameCache = nameCacheFile({ dir: join(dir, 'cache'), notice: (line) => console.log(line) });
  const engine = createEngine({ gatewayFor: () => gateway, nameCache });
  const progress = createProgress(process.stderr, { tty: false });
  const rssBeforeMb = process.memoryUsage.rss() / (1024 * 1024);
  const memory = rssProbe();
  const started = performance.now();
  const outcome = await engine.plan(yamlPath, progress);
  const wallS = (performance.now() - started) / 1000;
  const peakRssMb = memory.stop();
  if (!outcome.ok) {
    for (const d of outcome.diagnostics.slice(0, 20)) console.error(formatDiagnostic(d));
    throw new Error('the plan failed');
  }

  const { calls, errors, total } = await emu.calls();
  const minByOp = minimumReadCallsByOperation(read);
  const minCalls = minimumReadCalls(read);
  const changes = changeCounts(outcome.plan.changes);
  console.log('plan:', changes);
  const creates = changes['assignment create'] ?? 0;
  const deletes = changes['assignment delete'] ?? 0;
  if (creates !== expected.creates || deletes !== expected.deletes) {
    throw new Error(`the plan creates ${creates} and deletes ${deletes} assignments; the scenario expects ${expected.creates} and ${expected.deletes}`);
  }
  printCounts('calls by operation (emulator):', iamActions(calls), minByOp);
  if (Object.keys(errors).length > 0) console.log('error answers:', errors);

  const floorS = total / (AWS_RATE * TIME_SCALE);
  const refreshTotal = refreshCalls(refresh);
  console.log(
    `calls ${total} (client counted ${Object.values(gateway.callCounts()).reduce((a, b) => a + b, 0)}), minimum ${minCalls}, ratio ${round(total / minCalls)} (target ≤ 1.1)`,
  );
  console.log(
    `wall ${round(wallS, 2)} s = ${round(wallS * TIME_SCALE, 0)} s at AWS speed; floor ${total} ÷ (${AWS_RATE} × ${TIME_SCALE}) = ${round(floorS, 2)} s; ratio ${round(wallS / floorS)} (target ≤ 1.2)`,
  );
  console.log(`peak RSS ${round(peakRssMb, 1)} MB, ${round(rssBeforeMb, 1)} MB before the plan (benchmark process; the emulator runs in a child process)`);
  console.log(
    `per-resource refresh: ${refreshTotal} calls (${round(refreshTotal / total, 1)}× ours; design doc example → ${refreshCalls(DESIGN_DOC_EXAMPLE)}, doc says about 9,800)`,
  );

  // The same plan with the name cache the first one wrote.
  const describe = 'sso-admin:DescribePermissionSet';
  const again = await engine.plan(yamlPath, progress);
  const after = await emu.calls();
  if (!again.ok) throw new Error('the plan with a warm name cache failed');
  const warmCalls = after.total - total;
  const warmDescribes = (after.calls[describe] ?? 0) - (calls[describe] ?? 0);
  console.log(
    `with the name cache the first plan wrote: ${warmCalls} calls, ${warmDescribes} DescribePermissionSet (cold: ${calls[describe] ?? 0}); the same plan: ${again.plan.hash === outcome.plan.hash}`,
  );
  console.log(
    `RESULT calls=${total} min_calls=${minCalls} calls_ratio=${round(total / minCalls)} wall_floor_ratio=${round(wallS / floorS)} peak_rss_mb=${round(peakRssMb, 1)} refresh_calls=${refreshTotal} warm_calls=${warmCalls} warm_describe_calls=${warmDescribes}`,
  );
} finally {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}
