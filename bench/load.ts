/**
 * Load benchmark: generates an access.yaml with 5,000 users, 500 permission sets and 2,000
 * assignment rules in a temporary directory, loads it, and prints as its last line
 * `RESULT load_ms=… users=… permission_sets=… rules=… small_list_ms=… big_list_ms=… list_ratio=…`.
 * Target: load_ms under 1,000 ms.
 *
 * load_ms is one cold load (as `idc validate` does it): reading, parsing, schema (compiled on
 * first use), normalising and every rule. IDC_BENCH_KEEP=/some/path keeps a copy of the
 * generated file for profiling.
 *
 * small_list_ms / big_list_ms: loading a file whose one permission set lists 4,000 / 40,000
 * managed policies (the file is invalid: the time is to find that out), the fastest of 5 warm
 * loads (on a shared machine, other work only ever adds time).
 * Validation must grow linearly with a list: list_ratio = big / small must stay under 10 (ajv's
 * `uniqueItems` made it quadratic: 36 s for 40,000 entries).
 *
 * small_list_cpu_ms / big_list_cpu_ms / list_cpu_ratio: the same loads in CPU time of the process
 * (process.cpuUsage: user + system, GC threads included), fastest of the 5. On a machine shared
 * with other work, wall time also counts the time the process waited for a core, and a 10 times
 * longer load is less likely to find a quiet stretch than a short one: the CPU ratio is the one
 * that load does not move.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/load.js';
import { formatDiagnostic } from '../src/model/source.js';

const USERS = 5_000;
const GROUPS = 250;
const PERMISSION_SETS = 500;
const RULES = 2_000;
const ACCOUNTS = 300;

const pad = (n: number, width = 4): string => String(n).padStart(width, '0');

function generate(): string {
  const out: string[] = ['version: 1', 'safety:', '  max_deletes: "5%"', 'accounts:'];
  for (let a = 0; a < ACCOUNTS; a++) out.push(`  acct-${pad(a)}: "${String(100000000000 + a)}"`);
  out.push('users:');
  for (let u = 0; u < USERS; u++) {
    out.push(`  user${pad(u)}:`, `    display_name: User ${u}`, `    given_name: User`, `    family_name: Number${u}`, `    email: user${u}@example.com`);
  }
  out.push('groups:');
  for (let g = 0; g < GROUPS; g++) {
    const members = Array.from({ length: 20 }, (_, i) => `user${pad((g * 20 + i) % USERS)}`);
    out.push(`  team-${pad(g)}:`, `    description: Team ${g}`, `    members: [${members.join(', ')}]`);
  }
  out.push('permission_sets:');
  for (let p = 0; p < PERMISSION_SETS; p++) {
    out.push(`  Set${pad(p)}:`, `    description: Permission set number ${p}`, `    session_duration: PT${1 + (p % 12)}H`);
    out.push(`    managed_policies: [ReadOnlyAccess, job-function/ViewOnlyAccess]`);
    out.push(`    tags: { owner: team-${pad(p % GROUPS)}, index: "${p}" }`);
    if (p % 2 === 0) {
      out.push(
        '    inline_policy:',
        '      Version: "2012-10-17"',
        '      Statement:',
        '        - Effect: Allow',
        `          Action: [s3:GetObject, s3:PutObject]`,
        `          Resource: arn:aws:s3:::bucket-${p}/*`,
      );
    }
  }
  out.push('assignments:');
  for (let r = 0; r < RULES; r++) {
    out.push(`  - permission_sets: [Set${pad(r % PERMISSION_SETS)}, Set${pad((r * 7 + 1) % PERMISSION_SETS)}]`);
    out.push(`    users: [user${pad(r % USERS)}, user${pad((r * 3 + 1) % USERS)}]`);
    out.push(`    groups: [team-${pad(r % GROUPS)}]`);
    out.push(`    accounts: [acct-${pad(r % ACCOUNTS)}, "${String(200000000000 + r)}"]`);
    if (r % 10 === 0) out.push('    organizational_units: [/Workloads/Prod]');
  }
  return `${out.join('\n')}\n`;
}

/** A file with one permission set listing `n` distinct managed policies. */
function bigList(n: number): string {
  const out = ['version: 1', 'permission_sets:', '  Big:', '    managed_policies:'];
  for (let i = 0; i < n; i++) out.push(`      - Policy${i}`);
  return `${out.join('\n')}\n`;
}

/**
 * The fastest of 5 loads of the file at `path`, in wall ms and in CPU ms of the process; checks
 * the loader found the list too long.
 */
async function fastestLoadMs(path: string): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await loadConfig(path);
    const cpu = process.cpuUsage(cpuStarted);
    walls.push(performance.now() - started);
    cpus.push((cpu.user + cpu.system) / 1000);
    if (result.desired) throw new Error(`${path} loaded, but its list is over Identity Center's limit`);
  }
  return { wall: Math.min(...walls), cpu: Math.min(...cpus) };
}

const dir = mkdtempSync(join(tmpdir(), 'idc-bench-load-'));
try {
  const file = join(dir, 'access.yaml');
  writeFileSync(file, generate());
  const started = performance.now();
  const result = await loadConfig(file);
  const ms = performance.now() - started;
  const d = result.desired;
  if (!d) {
    for (const diag of result.diagnostics.slice(0, 20)) console.error(formatDiagnostic(diag));
    throw new Error('the generated file did not load');
  }
  console.log(`loaded ${file}: ${Object.keys(d.positions).length.toLocaleString('en-US')} positions`);
  const small = join(dir, 'list-4000.yaml');
  const big = join(dir, 'list-40000.yaml');
  writeFileSync(small, bigList(4_000));
  writeFileSync(big, bigList(40_000));
  const { wall: smallMs, cpu: smallCpu } = await fastestLoadMs(small);
  const { wall: bigMs, cpu: bigCpu } = await fastestLoadMs(big);
  console.log(
    `a 4,000-entry list: ${Math.round(smallMs)} ms (${Math.round(smallCpu)} ms CPU); a 40,000-entry list: ${Math.round(bigMs)} ms (${Math.round(bigCpu)} ms CPU)`,
  );
  console.log(
    `RESULT load_ms=${Math.round(ms)} users=${Object.keys(d.users).length} permission_sets=${Object.keys(d.permissionSets).length} rules=${d.rules.length}` +
      ` small_list_ms=${Math.round(smallMs)} big_list_ms=${Math.round(bigMs)} list_ratio=${(bigMs / smallMs).toFixed(1)}` +
      ` small_list_cpu_ms=${Math.round(smallCpu)} big_list_cpu_ms=${Math.round(bigCpu)} list_cpu_ratio=${(bigCpu / smallCpu).toFixed(1)}`,
  );
} finally {
  if (process.env['IDC_BENCH_KEEP']) writeFileSync(process.env['IDC_BENCH_KEEP'], generate());
  rmSync(dir, { recursive: true, force: true });
}
