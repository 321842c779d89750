/**
 * `npm run demo`: what a newcomer sees first. Starts the local Identity Center emulator, then runs
 * the real `idc` commands against it: plan, apply, plan again. The emulator's state is kept in a
 * file between runs (default .idc-demo/state.json), so editing access.yaml and running the demo
 * again shows updates, moves and removals; `--reset` starts from the small organization of
 * emulator/worlds/demo.json (two accounts, an empty identity store). Nothing touches AWS:
 * every call goes to 127.0.0.1.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createSdkGateway } from '../src/aws/sdk-gateway.js';
import { runCli, type CliIo } from '../src/cli/run.js';
import { createEngine } from '../src/engine.js';
import { count } from '../src/model/plural.js';
import { readWorldFile, startEmulator, type World } from '../emulator/index.js';

export const DEMO_WORLD = join(import.meta.dirname, '../emulator/worlds/demo.json');
export const DEFAULT_STATE = '.idc-demo/state.json';

export interface DemoOptions {
  config: string;
  /** The emulator's state between runs (JSON: the run count and the world). */
  statePath: string;
  reset: boolean;
  out: { write(text: string): unknown; isTTY?: boolean };
  err: { write(text: string): unknown };
  cwd: string;
  /** Emulator asynchronous operations: about this long in progress (default 500 ms, to show progress). */
  asyncMs?: number;
  color?: boolean;
}

interface SavedState {
  /** Runs so far: the emulator's ID seed, so IDs of a new run never repeat those of the last. */
  runs: number;
  world: World;
}

async function readState(path: string): Promise<SavedState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const state = JSON.parse(text) as Partial<SavedState>;
  if (typeof state.runs !== 'number' || typeof state.world !== 'object' || state.world === null) {
    throw new Error(`${path} is not a demo state file: run "npm run demo -- --reset" to start over`);
  }
  return state as SavedState;
}

/** Runs the demo; returns the exit code. */
export async function runDemo(options: DemoOptions): Promise<number> {
  const { config, out } = options;
  const bold = (s: string): string => (options.color ? `\x1b[1m${s}\x1b[22m` : s);
  const dim = (s: string): string => (options.color ? `\x1b[2m${s}\x1b[22m` : s);
  const step = (n: number, total: number, command: string, why: string): void => {
    out.write(`\n${bold(`━━ ${n}/${total}  $ ${command}`)}  ${dim(`# ${why}`)}\n\n`);
  };

  if (options.reset) await rm(options.statePath, { force: true });
  const saved = await readState(options.statePath);
  const world = saved?.world ?? (await readWorldFile(DEMO_WORLD));
  const runs = (saved?.runs ?? 0) + 1;
  // Assignments and provisioning take a moment in AWS; the emulator answers IN_PROGRESS for
  // about half a second before SUCCEEDED, so the progress lines have something to show.
  const emulator = await startEmulator({ world, asyncMs: options.asyncMs ?? 500, asyncPolls: 2, seed: runs });
  const accounts = world.organization.accounts.map((a) => `${a.name} (${a.id})`).join(', ');
  out.write(
    `${bold('idc-gitops demo')}\n` +
      `A local IAM Identity Center is running at ${emulator.endpoint}: an organization with ${accounts}.\n` +
      (saved
        ? `It starts where the last run left it (${options.statePath}: ${count(world.users?.length ?? 0, 'user')}, ${count(world.permissionSets?.length ?? 0, 'permission set')}, ` +
          `${count(world.assignments?.length ?? 0, 'assignment')}), so the plan shows what you changed in ${config}. "npm run demo -- --reset" starts over.\n`
        : `It starts empty (no users, no permission sets); the demo runs the real idc commands against it with ${config}.\n`),
  );

  const engine = createEngine({
    region: 'us-east-1',
    gatewayFor: (region) =>
      createSdkGateway({
        region,
        endpoint: emulator.endpoint,
        credentials: async () => ({ accessKeyId: 'demo', secretAccessKey: 'demo' }),
      }),
    apply: { pollIntervalMs: 200 },
  });
  const io: CliIo = { stdout: out, stderr: options.err, cwd: options.cwd, env: { ...process.env }, engine };

  try {
    step(1, 3, `idc plan ${config}`, 'what would change? (exit code 2: there are changes)');
    const planned = await runCli(['plan', config], io);
    if (planned === 0) {
      out.write(
        `\n${bold('Nothing to change:')} Identity Center already matches ${config}. Edit it (add a user, move an assignment, remove a permission set) and run "npm run demo" again.\n`,
      );
      return 0;
    }
    if (planned !== 2) throw new Error(`idc plan exited ${planned}, expected 2 (changes to make)`);

    step(2, 3, `idc apply --yes ${config}`, 'make it so, in a safe order, waiting for AWS to finish each step');
    const applied = await runCli(['apply', '--yes', config], io);
    if (applied !== 0) throw new Error(`idc apply exited ${applied}`);

    step(3, 3, `idc plan ${config}`, 'read everything again: nothing is left to do (exit code 0)');
    const replanned = await runCli(['plan', config], io);
    if (replanned !== 0) throw new Error(`the second idc plan exited ${replanned}: something did not converge`);

    const state = emulator.dump();
    const calls = Object.values(emulator.calls()).reduce((a, b) => a + b, 0);
    out.write(
      `\n${bold('Done.')} Identity Center now has ${count(state.users?.length ?? 0, 'user')}, ${count(state.permissionSets?.length ?? 0, 'permission set')} ` +
        `and ${count(state.assignments?.length ?? 0, 'assignment')}, in ${count(calls, 'API call')}; saved in ${options.statePath}.\n` +
        `Next: edit ${config} (add a user, a group, an assignment to the workloads account; remove one) and run ` +
        `"npm run demo" again to see the change planned and applied, or check it with "npx idc validate ${config}". The README explains every key.\n`,
    );
    return 0;
  } catch (e) {
    options.err.write(`\ndemo failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    // Whatever happened (a failed apply included), the next run starts from what "AWS" has now.
    await mkdir(dirname(options.statePath), { recursive: true });
    await writeFile(options.statePath, `${JSON.stringify({ runs, world: emulator.dump() } satisfies SavedState, null, 2)}\n`);
    await emulator.close();
  }
}
