/**
 * npm run bench:report — `idc report --format csv` on the `bench:plan` world (1,000 accounts, 200
 * permission sets, 5,000 users, 500 groups, 30,000 assignments, with drift both ways), against the
 * emulator with its AWS limits on and time scaled (see bench/plan.ts).
 *
 * Checks that the CSV lists every (person, account, permission set) exactly once: the expected
 * set is computed here by brute force from the scenario (the emulator's assignments and
 * memberships, and the file's assignments and members), independently of idc.
 * Last line: RESULT rows=… unique=… expected=… missing=… extra=… calls=… ms=… peak_rss_mb=…
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../src/cli/run.js';
import { createEngine } from '../src/engine.js';
import { AWS_RATE, emulatorGateway, envNumber, REGION, round, rssProbe } from './lib/common.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import { planScenario, type PlanScenario } from './lib/plan-scenario.js';

const TIME_SCALE = envNumber('BENCH_TIME_SCALE', 20);

/** Every `user|account|set` held in AWS or granted by the file, by brute force over the scenario. */
function expectedKeys(s: PlanScenario): Set<string> {
  const userName = new Map((s.world.users ?? []).map((u) => [u.id, u.userName]));
  const groupName = new Map((s.world.groups ?? []).map((g) => [g.id, g.displayName]));
  const setName = new Map((s.world.permissionSets ?? []).map((p) => [p.arn ?? p.name, p.name]));
  const liveMembers = new Map<string, string[]>();
  for (const m of s.world.memberships ?? []) liveMembers.set(m.groupId, [...(liveMembers.get(m.groupId) ?? []), userName.get(m.userId) ?? m.userId]);
  const out = new Set<string>();
  for (const a of s.world.assignments ?? []) {
    const users = a.principalType === 'USER' ? [userName.get(a.principalId) ?? a.principalId] : (liveMembers.get(a.principalId) ?? []);
    for (const u of users) out.add(`${u}|${a.accountId}|${setName.get(a.permissionSet) ?? a.permissionSet}`);
  }
  for (const a of s.file.assignments) {
    const users = a.principalType === 'USER' ? [userName.get(a.principalId) ?? a.principalId] : (s.file.members.get(groupName.get(a.principalId) ?? '') ?? []);
    for (const u of users) out.add(`${u}|${a.accountId}|${setName.get(a.permissionSet) ?? a.permissionSet}`);
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'idc-bench-report-'));
const yamlPath = join(dir, 'access.yaml');
const csvPath = join(dir, 'report.csv');
console.log(`building the world and access.yaml (time scale ${TIME_SCALE}: client limiter ${AWS_RATE * TIME_SCALE} req/s)…`);
const emu = await startEmulatorProcess<unknown>('plan', yamlPath, REGION, { timeScale: TIME_SCALE, rateLimit: AWS_RATE });
try {
  const gateway = emulatorGateway(emu.endpoint, TIME_SCALE);
  const engine = createEngine({ gatewayFor: () => gateway });
  let stderr = '';
  const memory = rssProbe();
  const started = performance.now();
  const code = await runCli(['report', yamlPath, '--format', 'csv', '--output', csvPath, '--quiet'], {
    stdout: { write: (t: string) => process.stdout.write(t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: dir,
    env: {},
    engine,
  });
  const ms = performance.now() - started;
  const peakRssMb = memory.stop();
  process.stderr.write(stderr);
  if (code !== 0) throw new Error(`idc report exited with ${code}`);
  const { total } = await emu.calls();

  const records = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Record<string, string>[];
  const keys = records.map((r) => `${r['user']}|${r['account_id']}|${r['permission_set']}`);
  const unique = new Set(keys);
  const bySource: Record<string, number> = {};
  for (const r of records) bySource[r['source'] ?? ''] = (bySource[r['source'] ?? ''] ?? 0) + 1;

  console.log('checking against a brute-force expansion of the scenario…');
  const expected = expectedKeys(planScenario(REGION));
  const missing = [...expected].filter((k) => !unique.has(k));
  const extra = [...unique].filter((k) => !expected.has(k));
  console.log(`rows by source: ${JSON.stringify(bySource)}`);
  if (missing.length > 0) console.log(`missing (first 5): ${missing.slice(0, 5).join(', ')}`);
  if (extra.length > 0) console.log(`extra (first 5): ${extra.slice(0, 5).join(', ')}`);
  console.log(
    `${records.length} rows, ${unique.size} unique (person, account, set); expected ${expected.size}; ${total} AWS calls; ${round(ms / 1000, 2)} s; peak RSS ${round(peakRssMb, 1)} MB`,
  );
  console.log(
    `RESULT rows=${records.length} unique=${unique.size} expected=${expected.size} missing=${missing.length} extra=${extra.length} calls=${total} ms=${Math.round(ms)} peak_rss_mb=${round(peakRssMb, 1)}`,
  );
  if (records.length !== unique.size || missing.length > 0 || extra.length > 0) process.exitCode = 1;
} finally {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}
