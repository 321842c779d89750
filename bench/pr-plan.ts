/**
 * npm run bench:pr-plan — scoped pull request plans on the `bench:plan` world (1,000 accounts,
 * 200 permission sets, 5,000 users, 500 groups, 30,000 assignments), with the emulator's AWS
 * limits on and time scaled (see bench/plan.ts). Three pull requests against the same base file:
 *   add-group:    one group added to one permission set on one OU (about 50 accounts)
 *   edit-inline:  one permission set's inline policy edited (provisioned to about 50 accounts)
 *   delete-user:  one user deleted (from users:, its groups and its rules)
 * A full plan of the base runs first and writes the permission set name cache (src/cache/), as
 * the scheduled drift check does in a repository. For each case: the scoped plan's calls (the
 * emulator's counter) with a cold cache (none) and with that warm cache, the full plan's calls,
 * and whether the scoped plans equal the full plan restricted to the scope, computed by planning
 * the full read with the scoped plan's scope and comparing changes, access rows and hash.
 * One line per case, for the warm cache (the normal state with a drift schedule):
 * RESULT case=… scoped_calls=… cold_scoped_calls=… full_calls=… calls_ratio=… aws_seconds=… describe_calls=… equal_to_full=…
 * (aws_seconds = scoped calls ÷ 20, AWS's rate; describe_calls = DescribePermissionSet calls of
 * the warm scoped plan). Targets: calls_ratio ≤ 0.02, aws_seconds ≤ 30.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { nameCacheFile } from '../src/cache/name-cache-file.js';
import { createEngine } from '../src/engine.js';
import { formatDiagnostic } from '../src/model/source.js';
import { buildPlan } from '../src/plan/build-plan.js';
import { canonicalJson } from '../src/plan/canonical-json.js';
import type { Plan } from '../src/plan/types.js';
import { createProgress } from '../src/progress/create-progress.js';
import { AWS_RATE, emulatorGateway, envNumber, round } from './lib/common.js';
import { startEmulatorProcess } from './lib/emulator-process.js';
import type { PlanScenario } from './lib/plan-scenario.js';

const TIME_SCALE = envNumber('BENCH_TIME_SCALE', 20);
const NOW = new Date();

type Info = Omit<PlanScenario, 'world' | 'yaml'>;

const dir = mkdtempSync(join(tmpdir(), 'idc-bench-pr-'));
const basePath = join(dir, 'base.yaml');
const headPath = join(dir, 'access.yaml');
console.log(`building the world and access.yaml (time scale ${TIME_SCALE})…`);
const emu = await startEmulatorProcess<Info>('plan', basePath, 'us-east-1', { timeScale: TIME_SCALE, rateLimit: AWS_RATE });

const INLINE = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]}';

/** The three pull requests, as edits of the base file's text. */
function cases(baseText: string, base: NonNullable<Awaited<ReturnType<typeof loadConfig>>['desired']>): { name: string; head: string }[] {
  const rule0 = base.rules[0];
  const rule1 = base.rules[1];
  const userRule = base.rules.find((r) => r.users.length > 0);
  if (!rule0 || !rule1 || !userRule) throw new Error('the bench:plan world changed: update bench/pr-plan.ts');
  const ou = rule0.targets.organizationalUnits[0] ?? '';
  const set = rule0.permissionSets[0] ?? '';
  const group = Object.keys(base.groups).find((g) => !rule0.groups.includes(g)) ?? '';
  const addGroup = `${baseText}  - permission_sets: [${JSON.stringify(set)}]\n    groups: [${JSON.stringify(group)}]\n    organizational_units: [${JSON.stringify(ou)}]\n`;

  const edited = rule1.permissionSets[0] ?? '';
  const setHead = `  ${JSON.stringify(edited)}:\n`;
  const at = baseText.indexOf(setHead);
  const sessionLine = baseText.indexOf('    session_duration:', at);
  const lineEnd = baseText.indexOf('\n', sessionLine) + 1;
  if (at < 0 || sessionLine < 0 || baseText.slice(at, sessionLine).includes('inline_policy')) throw new Error(`cannot edit ${edited}`);
  const editInline = `${baseText.slice(0, lineEnd)}    inline_policy: ${JSON.stringify(INLINE)}\n${baseText.slice(lineEnd)}`;

  const user = userRule.users[0] ?? '';
  const q = JSON.stringify(user);
  const lines = baseText.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === `  ${q}:`) {
      while (lines[i + 1]?.startsWith('    ')) i++;
      continue;
    }
    out.push(line.includes(q) ? line.replace(`${q}, `, '').replace(`, ${q}`, '').replace(`[${q}]`, '[]') : line);
  }
  return [
    { name: 'add-group', head: addGroup },
    { name: 'edit-inline', head: editInline },
    { name: 'delete-user', head: out.join('\n') },
  ];
}

const effects = (p: Plan): string => canonicalJson({ changes: p.changes, access: p.accessChanges, hash: p.hash });

const DESCRIBE = 'sso-admin:DescribePermissionSet';

try {
  const gateway = emulatorGateway(emu.endpoint, TIME_SCALE);
  const cold = createEngine({ gatewayFor: () => gateway, now: () => NOW });
  const nameCache = nameCacheFile({ dir: join(dir, 'cache'), notice: (line) => console.log(line) });
  const warm = createEngine({ gatewayFor: () => gateway, now: () => NOW, nameCache });
  const progress = createProgress(process.stderr, { tty: false });
  const baseText = readFileSync(basePath, 'utf8');
  const loadedBase = await loadConfig(basePath);
  if (!loadedBase.desired) throw new Error('the base file does not load');
  const base = { desired: loadedBase.desired, label: 'base.yaml' };
  /** Runs `plan` and counts its calls at the emulator: all, and DescribePermissionSet. */
  const measured = async <T>(plan: () => Promise<T>): Promise<{ outcome: T; calls: number; describes: number }> => {
    const before = await emu.calls();
    const outcome = await plan();
    const after = await emu.calls();
    return { outcome, calls: after.total - before.total, describes: (after.calls[DESCRIBE] ?? 0) - (before.calls[DESCRIBE] ?? 0) };
  };

  // The drift check's full plan of the base: it writes the name cache the warm cases read.
  const drift = await measured(() => warm.plan(basePath, progress));
  console.log(`full plan of the base (cold name cache, writes it): ${drift.calls} calls, ${drift.describes} DescribePermissionSet`);

  for (const c of cases(baseText, loadedBase.desired)) {
    writeFileSync(headPath, c.head);
    const coldScoped = await measured(() => cold.plan(headPath, progress, { base }));
    const warmScoped = await measured(() => warm.plan(headPath, progress, { base }));
    const full = await measured(() => warm.plan(headPath, progress));
    const failed = [coldScoped.outcome, warmScoped.outcome, full.outcome].find((o) => !o.ok);
    if (failed || !coldScoped.outcome.ok || !warmScoped.outcome.ok || !full.outcome.ok) {
      for (const d of (failed?.diagnostics ?? []).slice(0, 10)) console.error(formatDiagnostic(d));
      throw new Error(`case ${c.name}: the plan failed`);
    }
    const scoped = warmScoped.outcome;
    const scope = scoped.plan.scope;
    const restricted = scope ? buildPlan(full.outcome.desired, full.outcome.live, { now: NOW, scope }).plan : full.outcome.plan;
    const equal = effects(restricted) === effects(scoped.plan) && effects(restricted) === effects(coldScoped.outcome.plan);
    const what =
      scope?.kind === 'scoped'
        ? `${scope.permissionSets.length} set definitions, ${scope.users.length} users, ${scope.groups.length} groups, ${scope.pairs.length} pairs, assignments of ${scope.principals.users.length} users and ${scope.principals.groups.length} groups in every account`
        : `full: ${scope?.reason ?? 'no scope'}`;
    console.log(`${c.name}: scope ${what}; scoped plan ${scoped.plan.changes.length} changes; full plan ${full.outcome.plan.changes.length} changes`);
    // What naming the identities the plan uses would cost one by one (at least one Describe each)
    // against the two lists the scoped read made.
    if (scope?.kind === 'scoped') {
      const live = scoped.live;
      const users = new Set([...scope.users, ...scope.principals.users, ...Object.values(live.groups).flatMap((g) => g.members)]);
      const groups = new Set([
        ...scope.groups,
        ...scope.principals.groups,
        ...Object.values(live.groups)
          .filter((g) => g.members.length > 0)
          .map((g) => g.displayName),
      ]);
      for (const a of live.assignments) (a.principalType === 'USER' ? users : groups).add(a.principal);
      const lists = (live.readCalls['identitystore:ListUsers'] ?? 0) + (live.readCalls['identitystore:ListGroups'] ?? 0);
      console.log(
        `${c.name}: identities the plan names: ${users.size} users, ${groups.size} groups (one by one: at least ${users.size + groups.size} calls; the lists: ${lists})`,
      );
    }
    console.log(
      `${c.name}: scoped calls with a cold name cache ${coldScoped.calls} (${coldScoped.describes} DescribePermissionSet), with a warm one ${warmScoped.calls} (${warmScoped.describes}); last full read ${scoped.plan.lastFullRead ?? 'unknown'}`,
    );
    const ops = Object.entries(scoped.live.readCalls).map(([op, n]) => `${op.replace(/^[a-z-]+:/, '')}=${n}`);
    console.log(`${c.name}: warm scoped calls by operation (before discovery): ${ops.join(' ')}`);
    console.log(
      `RESULT case=${c.name} scoped_calls=${warmScoped.calls} cold_scoped_calls=${coldScoped.calls} full_calls=${full.calls} calls_ratio=${round(warmScoped.calls / full.calls, 4)} aws_seconds=${round(warmScoped.calls / AWS_RATE, 1)} describe_calls=${warmScoped.describes} equal_to_full=${equal}`,
    );
  }
} finally {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}
