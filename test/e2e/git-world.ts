/**
 * The Action's world for pull request tests that need git: the demo world with the example
 * access.yaml applied, in a git checkout of two commits on main: the base (the example) and the
 * head (the example with user maria added), as a pull request that adds one user.
 * dist/ must be current (`npm run build`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readWorldFile } from '../../emulator/index.js';
import { ACTION, ROOT, runCli, startActionWorld, type ActionRun, type ActionWorld, withUser } from './action-harness.js';

const run = promisify(execFile);

export interface GitWorld {
  w: ActionWorld;
  baseSha: string;
  headSha: string;
  /** git in the workspace, as user t. */
  git(...args: string[]): Promise<string>;
}

export async function startGitWorld(): Promise<GitWorld> {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run npm run build`);
  const example = await readFile(join(ROOT, 'access.yaml'), 'utf8');
  const w = await startActionWorld(await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')));
  const git = async (...args: string[]): Promise<string> =>
    (await run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: w.workspace })).stdout.trim();
  await w.writeConfig(example);
  const applied = await runCli(w, ['apply', '--yes', '--quiet', 'access.yaml']);
  if (applied.code !== 0) throw new Error(`applying the example failed:\n${applied.stderr}`);
  await git('init', '-q', '-b', 'main');
  await git('add', 'access.yaml');
  await git('commit', '-q', '-m', 'base');
  const baseSha = await git('rev-parse', 'HEAD');
  await w.writeConfig(withUser(example, 'maria'));
  await git('commit', '-q', '-am', 'add maria');
  return { w, baseSha, headSha: await git('rev-parse', 'HEAD'), git };
}

/** A run's exit code and output, for a failing assertion's message. */
export const explain = (r: ActionRun): string => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n--- summary\n${r.summary}`;
