/**
 * Load benchmark: generates an access.yaml with 5,000 users, 500 permission sets and 2,000
 * assignment rules in a temporary directory, loads it, and prints as its last line
 * `RESULT load_ms=… users=… permission_sets=… rules=… small_list_ms=… big_list_ms=… list_ratio=…
 * small_list_warm_ms=… big_list_warm_ms=… entry_cost_ratio=…`. Target: load_ms under 1,000 ms.
 *
 * load_ms is one cold load (as `idc validate` does it): reading, parsing, schema (compiled on
 * first use), normalising and every rule. IDC_BENCH_KEEP=/some/path keeps a copy of the
 * generated file for profiling.
 *
 * Long lists: a file whose one permission set lists 4,000 or 40,000 managed policies (the file
 * is invalid: the time is to find that out). ajv's `uniqueItems` made validation quadratic: 0.9 s
 * for 5,000 entries, 36 s for 40,000, each one `idc validate`.
 *
 * small_list_ms / big_list_ms / list_ratio: validating each file as `idc validate` does, the way
 * those figures were measured: one cold load in a fresh Node process (the loader's modules
 * imported first, untimed), 5 processes per size taking turns, medians. Linear validation keeps
 * list_ratio under 10 (quadratic: 40 for 8 times the entries).
 *
 * small_list_warm_ms / big_list_warm_ms / entry_cost_ratio: the cost per entry once nothing is
 * left to compile or warm up, the stricter test of linearity (a cold load's fixed part, about a
 * third of a second, would hide a cost per entry that grew by half). entry_cost_ratio = the big
 * list's time per entry / the small one's: 1 is linear, 1.28 a cost per entry that grew as a sort's
 * (log 40,000 / log 4,000), 10 quadratic. A warm load has no fixed part to speak of (under 1 ms),
 * so 10 times the entries take 10 times as long and the ratio of the two loads (10 × this one)
 * swings around 10 with the machine: 8.1 to 12.6 between runs of this benchmark, as one load of
 * the same list in the same process state takes from 19 to 126 ms on a shared machine.
 * Each size is timed in fresh Node processes with the same history (nothing left by the
 * 5,000-user file): 2 untimed loads of the big list and 20 of the small one (compiling the schema
 * and warming the JIT; see {@link WARM_BIG}), then 5 timed loads of the size measured; 5 such
 * processes per size, the sizes taking turns; medians of the 25 timed loads, printed with their
 * range and in CPU time too. The garbage collector's work is counted, not forced out of the
 * timing with a `gc()` between loads (which would also shrink the young generation and slow
 * every load down). That work is what grew faster than the list: yaml's syntax tree of a whole
 * 40,000-entry list (29 MB) outgrew the young generation and was copied, marked and paged in;
 * the parser now composes long lists batch by batch (config/stream-sequences.ts), so the tree
 * never holds more than a batch of them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Timed loads of one list file in one child process: wall and CPU milliseconds of each. */
interface ChildTimes {
  wall: number[];
  cpu: number[];
}

/**
 * Every warm child first loads the big list twice and then the small one 20 times, whichever
 * size it times: the same history, so the same JIT and heap state before the timed loads of
 * either size. Warmed up on its own size only, each child ended in a state of its own. With 2
 * loads of each, the small list's first timed loads still ran while its code was being optimised
 * (75–120 ms, then 50). With as many entries read (20 small loads against 2 big), a process that
 * had only read 4,000-entry lists ran them faster per entry (8 µs) than one that had only read
 * 40,000-entry lists ran those (11 µs), while one process alternating both read either at the
 * same cost per entry (the big list 6–12% cheaper).
 */
const WARM_BIG = 2;
const WARM_SMALL = 20;
/** Entries of the small and the big list. */
const SMALL = 4_000;
const BIG = 40_000;
const TIMED_LOADS = 5;
const ROUNDS = 5;
const WARM_FLAG = '--time-list-loads';
const COLD_FLAG = '--time-cold-load';

/** One load of `file`, timed; checks the loader found its list too long. */
async function timedLoad(file: string): Promise<{ wall: number; cpu: number }> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = await loadConfig(file);
  const cpu = process.cpuUsage(cpuStarted);
  const wall = performance.now() - started;
  if (result.desired) throw new Error(`${file} loaded, but its list is over Identity Center's limit`);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/**
 * Warm child mode: loads the big list WARM_BIG times and the small one WARM_SMALL times, then the
 * file at `path` TIMED_LOADS times, and returns the timed loads' wall and CPU ms.
 */
async function timeWarmLoads(path: string, small: string, big: string): Promise<ChildTimes> {
  for (const file of [...Array<string>(WARM_BIG).fill(big), ...Array<string>(WARM_SMALL).fill(small)]) await timedLoad(file);
  const out: ChildTimes = { wall: [], cpu: [] };
  for (let run = 0; run < TIMED_LOADS; run++) {
    const t = await timedLoad(path);
    out.wall.push(t.wall);
    out.cpu.push(t.cpu);
  }
  return out;
}

/** Cold child mode: the process's first load, of the file at `path`, as `idc validate` does it. */
async function timeColdLoad(path: string): Promise<ChildTimes> {
  const t = await timedLoad(path);
  return { wall: [t.wall], cpu: [t.cpu] };
}

/** This script, with tsx's flags, in a fresh Node process in one of its child modes. */
function inChild(args: readonly string[]): ChildTimes {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`timing the loads of ${args[1]} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as ChildTimes;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** `34 ms (30–58)`: the median and the range of `xs`. */
const spread = (xs: readonly number[]): string => `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;

/**
 * Both list files, ROUNDS times each, every time in a fresh process (`args` gives the child mode
 * for a file), the two sizes taking turns (small first in even rounds, big first in odd ones) so
 * that a busy stretch of the machine falls on both.
 */
function timeLists(small: string, big: string, args: (file: string) => string[]): { small: ChildTimes; big: ChildTimes } {
  const times = { small: { wall: [], cpu: [] } as ChildTimes, big: { wall: [], cpu: [] } as ChildTimes };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['small', 'big'] as const) : (['big', 'small'] as const);
    for (const size of order) {
      const t = inChild(args(size === 'small' ? small : big));
      times[size].wall.push(...t.wall);
      times[size].cpu.push(...t.cpu);
    }
  }
  return times;
}

async function main(): Promise<void> {
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
    writeFileSync(small, bigList(SMALL));
    writeFileSync(big, bigList(BIG));
    const cold = timeLists(small, big, (f) => [COLD_FLAG, f]);
    console.log(`validating a 4,000-entry list (one cold load, as idc validate does it): ${spread(cold.small.wall)}, CPU ${spread(cold.small.cpu)}`);
    console.log(`validating a 40,000-entry list (likewise): ${spread(cold.big.wall)}, CPU ${spread(cold.big.cpu)}`);
    console.log(`(median and range of ${ROUNDS} fresh processes each)`);
    const warm = timeLists(small, big, (f) => [WARM_FLAG, f, small, big]);
    console.log(`a 4,000-entry list, warm: ${spread(warm.small.wall)}, CPU ${spread(warm.small.cpu)}`);
    console.log(`a 40,000-entry list, warm: ${spread(warm.big.wall)}, CPU ${spread(warm.big.cpu)}`);
    console.log(
      `(median and range of ${warm.small.wall.length} loads in ${ROUNDS} processes each, after the same ${WARM_BIG} big and ${WARM_SMALL} small untimed ones; load average ${loadavg()[0]?.toFixed(1)})`,
    );
    const [smallMs, bigMs, smallWarm, bigWarm] = [cold.small.wall, cold.big.wall, warm.small.wall, warm.big.wall].map(median) as [
      number,
      number,
      number,
      number,
    ];
    const perEntry = bigWarm / BIG / (smallWarm / SMALL);
    console.log(`cost per entry, warm: ${((smallWarm / SMALL) * 1000).toFixed(1)} µs (4,000 entries), ${((bigWarm / BIG) * 1000).toFixed(1)} µs (40,000)`);
    console.log(
      `RESULT load_ms=${Math.round(ms)} users=${Object.keys(d.users).length} permission_sets=${Object.keys(d.permissionSets).length} rules=${d.rules.length}` +
        ` small_list_ms=${Math.round(smallMs)} big_list_ms=${Math.round(bigMs)} list_ratio=${(bigMs / smallMs).toFixed(1)}` +
        ` small_list_warm_ms=${Math.round(smallWarm)} big_list_warm_ms=${Math.round(bigWarm)} entry_cost_ratio=${perEntry.toFixed(2)}`,
    );
  } finally {
    if (process.env['IDC_BENCH_KEEP']) writeFileSync(process.env['IDC_BENCH_KEEP'], generate());
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, path, small, big] = process.argv.slice(2);
if (mode === WARM_FLAG) {
  if (path === undefined || small === undefined || big === undefined)
    throw new Error(`${WARM_FLAG} needs the list file to time, then the small and the big list files`);
  console.log(JSON.stringify(await timeWarmLoads(path, small, big)));
} else if (mode === COLD_FLAG) {
  if (path === undefined) throw new Error(`${COLD_FLAG} needs the list file to time`);
  console.log(JSON.stringify(await timeColdLoad(path)));
} else await main();
