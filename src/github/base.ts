/**
 * The base of a scoped plan in the Action: the pull request's base commit (plan) or the merge's
 * first parent, the branch before the push (apply). With the default shallow checkout the commit
 * is not there: it is fetched (`git fetch --depth=1 origin <sha>`). When it cannot be had, the
 * plan is full and says why.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadBase } from '../config/load-base.js';
import type { BaseConfig, PlanRequest } from '../engine-contract.js';
import type { ModeDeps } from './mode.js';

const run = promisify(execFile);
const SHA = /^[0-9a-f]{40}$/;

export async function baseFromGit(config: string, workspace: string, sha: string | undefined): Promise<BaseConfig> {
  if (sha === undefined || !SHA.test(sha) || /^0+$/.test(sha))
    return { unavailable: 'the event names no base commit (a new branch, or not a pull request or push)' };
  const git = (args: string[], timeout = 30_000) => run('git', args, { cwd: workspace, timeout });
  try {
    await git(['cat-file', '-e', `${sha}^{commit}`]);
  } catch {
    try {
      await git(['fetch', '--no-tags', '--depth=1', 'origin', sha], 120_000);
    } catch (error) {
      const why = error instanceof Error ? (error.message.split('\n').find((l) => /fatal|error/i.test(l)) ?? 'git fetch failed') : String(error);
      return { unavailable: `the base commit ${sha.slice(0, 12)} is not in the checkout and could not be fetched (${why.trim()})` };
    }
  }
  return loadBase(resolve(workspace, config), { ref: sha });
}

/** What the mode asks the engine: scoped against `sha` unless `scope: full` (or no base reader). */
export async function scopeRequest(deps: ModeDeps, sha: string | undefined): Promise<PlanRequest> {
  if (deps.inputs.scope === 'full' || !deps.baseConfig) return {};
  const base = await deps.baseConfig(sha);
  if ('unavailable' in base) deps.io.info(`Planning in full: ${base.unavailable}.`);
  return { base };
}
