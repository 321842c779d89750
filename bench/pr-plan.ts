/**
 * npm run bench:pr-plan — scoped pull request plans on the `bench:plan` world (1,000 accounts,
 * 200 permission sets, 5,000 users, 500 groups, 30,000 assignments), with the emulator's AWS
 * limits on and time scaled (see bench/plan.ts). Three pull requests against the same base file:
 *   add-group:    one group added to one permission set on one OU (about 50 accounts)
 *   edit-inline:  one permission set's inline policy edited (provisioned to about 50 accounts)
 *   delete-user:  one user deleted (from users:, its groups and its rules)
 * For each: the scoped plan's calls (the emulator's counter), the full plan's calls, and whether
 * the scoped plan equals the full plan restricted to the scope, computed by planning the full
 * read with the scoped plan's scope and comparing changes, access rows and hash.
 * One line per case: RESULT case=… scoped_calls=… full_calls=… calls_ratio=… aws_seconds=… equal_to_full=…
 * (aws_seconds = scoped calls ÷ 20, AWS's rate). Targets: calls_ratio ≤ 0.02, aws_seconds ≤ 30.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
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

try {
  const gateway = emulatorGateway(emu.endpoint, TIME_SCALE);
  const engine = createEngine({ gatewayFor: () => gateway, now: () => NOW });
  const progress = createProgress(process.stderr, { tty: false });
  const baseText = readFileSync(basePath, 'utf8');
  const loadedBase = await loadConfig(basePath);
  if (!loadedBase.desired) throw new Error('the base file does not load');
  const base = { desired: loadedBase.desired, label: 'base.yaml' };
  const total = async (): Promise<number> => (await emu.calls()).total;

  for (const c of cases(baseText, loadedBase.desired)) {
    writeFileSync(headPath, c.head);
    let before = await total();
    const scoped = await engine.plan(headPath, progress, { base });
    const scopedCalls = (await total()) - before;
    before = await total();
    const full = await engine.plan(headPath, progress);
    const fullCalls = (await total()) - before;
    if (!scoped.ok || !full.ok) {
      for (const d of (scoped.ok ? full : scoped).diagnostics.slice(0, 10)) console.error(formatDiagnostic(d));
      throw new Error(`case ${c.name}: the plan failed`);
    }
    const scope = scoped.plan.scope;
    const restricted = scope ? buildPlan(full.desired, full.live, { now: NOW, scope }).plan : full.plan;
    const equal = effects(restricted) === effects(scoped.plan);
    const what =
      scope?.kind === 'scoped'
        ? `${scope.permissionSets.length} set definitions, ${scope.users.length} users, ${scope.groups.length} groups, ${scope.pairs.length} pairs, assignments of ${scope.principals.users.length} users and ${scope.principals.groups.length} groups in every account`
        : `full: ${scope?.reason ?? 'no scope'}`;
    console.log(`${c.name}: scope ${what}; scoped plan ${scoped.plan.changes.length} changes; full plan ${full.plan.changes.length} changes`);
    const ops = Object.entries(scoped.live.readCalls).map(([op, n]) => `${op.replace(/^[a-z-]+:/, '')}=${n}`);
    console.log(`${c.name}: scoped calls by operation (before discovery): ${ops.join(' ')}`);
    // The permission sets' definitions (DescribePermissionSet, one per set) are read by name; shown apart.
    const describeSets = scoped.live.readCalls['sso:DescribePermissionSet'] ?? 0;
    console.log(`${c.name}: scoped calls without DescribePermissionSet: ${scopedCalls - describeSets} (DescribePermissionSet ${describeSets})`);
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
      `RESULT case=${c.name} scoped_calls=${scopedCalls} full_calls=${fullCalls} calls_ratio=${round(scopedCalls / fullCalls, 4)} aws_seconds=${round(scopedCalls / AWS_RATE, 1)} equal_to_full=${equal}`,
    );
  }
} finally {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}
