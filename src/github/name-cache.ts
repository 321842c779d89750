/**
 * The Action's permission set name cache (src/cache/): the `cache-dir` input, else the default
 * directory (name-cache-file.ts). A pull request's run only reads it: the example workflows
 * restore the base branch's cache there (actions/cache/restore) and save one only from the drift
 * and apply jobs, and GitHub scopes a pull request's caches to its own ref anyway.
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { cacheDirFor, nameCacheFile, type NameCacheStore } from '../cache/name-cache-file.js';
import type { Env, RunContext } from './event.js';
import type { ActionInputs } from './inputs.js';
import type { ActionIO } from './io.js';

/** `~/x` as actions/cache writes it, relative paths from the workspace. */
function expand(dir: string, env: Env, workspace: string): string {
  if (dir === '~' || dir.startsWith('~/')) return join(env['HOME'] || homedir(), dir.slice(1));
  return resolve(workspace, dir);
}

export function actionNameCache(inputs: ActionInputs, ctx: RunContext, env: Env, io: ActionIO, workspace: string): NameCacheStore | undefined {
  const dir = inputs.cacheDir !== undefined ? expand(inputs.cacheDir, env, workspace) : cacheDirFor(env);
  if (dir === undefined) return undefined;
  const readOnly = ctx.pullRequest !== undefined || ctx.eventName.startsWith('pull_request');
  return nameCacheFile({ dir, readOnly, notice: (line) => io.notice(line) });
}
