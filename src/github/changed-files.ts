/**
 * Whether a pull request or a push changes a file the configuration reads (access.yaml, the files
 * its `include:` globs match and every `inline_policy_file` named, from `loadConfig`'s `files`),
 * or adds or removes a file those globs match. When it changes none, there is
 * nothing to plan or apply and AWS need not be read. When GitHub cannot say for sure (a list cut
 * at its limit, a failed call, a new branch, a force push), the answer is "unknown" and the run
 * plans or applies as if everything changed: a change is never missed.
 *
 * The files read at the base need no second load: which files are read is decided by the config
 * files' text (the `include:` globs, the `inline_policy_file` names) and by which files the globs
 * match. When the config files are unchanged, the base read the files the head reads, except
 * files added or removed under the globs, and those are seen by matching the changed names
 * against the globs; when a config file changed, that change is seen.
 */
import { posix } from 'node:path';
import picomatch from 'picomatch';
import { loadConfig } from '../config/load.js';
import { MAX_COMPARE_FILES, MAX_PULL_REQUEST_FILES, type ChangedFile, type Comparison, type GitHubClient, type RepoRef } from './client.js';
import type { RunContext } from './event.js';
import { inlineCode } from '../render/escape.js';
import { sortedStrings } from '../model/compare.js';

export type ChangeCheck =
  /** Some file the configuration reads changed (listed, sorted). */
  | { kind: 'changed'; files: string[] }
  /** None of `read` changed. */
  | { kind: 'unchanged'; read: string[] }
  /** GitHub did not say for sure: plan or apply as usual. */
  | { kind: 'unknown'; why: string };

/** What a configuration reads, relative to the repository root. */
export interface ConfigReads {
  /** The files read (`LoadResult.files`). */
  files: string[];
  /** The `include:` globs: a file they match, added or removed, changes the configuration. */
  include: string[];
}

/** The files `config` reads, relative to the repository root (`workspace` is where the run stands). */
export async function configFilesRead(config: string, workspace: string): Promise<ConfigReads> {
  const loaded = await loadConfig(config, { cwd: workspace });
  return { files: loaded.files, include: loaded.include };
}

/** The config input as a path from the repository root, as GitHub lists files (`./a/../access.yaml` → `access.yaml`). */
function asRepositoryPath(config: string): string {
  return posix.normalize(config.split('\\').join('/')).replace(/^\.\//, '');
}

function changedNames(changed: readonly ChangedFile[]): Set<string> {
  return new Set(changed.flatMap((f) => (f.previousFilename ? [f.filename, f.previousFilename] : [f.filename])));
}

/**
 * Whether `changed` touches what `config` reads. When the config file itself changed, that is
 * known without loading it (the usual pull request: no extra load of a large access.yaml).
 */
async function compare(config: string, filesRead: (config: string) => Promise<ConfigReads>, changed: readonly ChangedFile[]): Promise<ChangeCheck> {
  const own = asRepositoryPath(config);
  if (changedNames(changed).has(own)) return { kind: 'changed', files: [own] };
  const reads = await filesRead(config);
  return checkChanges(config, reads.files, changed, reads.include);
}

/**
 * Compares the files read with the files changed (a rename counts under both names); a changed
 * file that an `include` glob matches counts too (an included file added or removed). The globs
 * are matched as they were globbed (no dot files).
 */
export function checkChanges(config: string, read: readonly string[], changed: readonly ChangedFile[], include: readonly string[] = []): ChangeCheck {
  // The list is relative to the repository root only when the config's own path is in it (no
  // `.git` above the workspace, or a config reached through a symlinked directory): else unknown.
  if (!read.includes(asRepositoryPath(config))) {
    return { kind: 'unknown', why: `the files ${config} reads could not be placed in the repository (no .git directory above it?)` };
  }
  const names = changedNames(changed);
  const included = include.length > 0 ? picomatch([...include], { dot: false }) : () => false;
  const hit = sortedStrings([...read.filter((f) => names.has(f)), ...[...names].filter((f) => included(f))]);
  return hit.length > 0 ? { kind: 'changed', files: hit } : { kind: 'unchanged', read: [...read] };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface CheckDeps {
  github: GitHubClient;
  ctx: RunContext;
  config: string;
  filesRead: (config: string) => Promise<ConfigReads>;
}

function repoOf(ctx: RunContext): RepoRef {
  return { owner: ctx.owner, repo: ctx.repo };
}

/** Pull request mode: the files the pull request changes (head against its merge base). */
export async function pullRequestChanges(deps: CheckDeps): Promise<ChangeCheck> {
  const pr = deps.ctx.pullRequest;
  if (!pr) return { kind: 'unknown', why: 'not a pull request event' };
  const count = deps.ctx.payload.pull_request?.changed_files;
  if (count !== undefined && count >= MAX_PULL_REQUEST_FILES) {
    return { kind: 'unknown', why: `the pull request changes ${count} files and GitHub lists at most ${MAX_PULL_REQUEST_FILES}` };
  }
  let files: ChangedFile[];
  try {
    files = await deps.github.listPullRequestFiles(repoOf(deps.ctx), pr.number);
  } catch (error) {
    return { kind: 'unknown', why: message(error) };
  }
  if (files.length >= MAX_PULL_REQUEST_FILES || (count !== undefined && files.length < count)) {
    return { kind: 'unknown', why: `GitHub listed ${files.length} changed files, which may not be all of them` };
  }
  return compare(deps.config, deps.filesRead, files);
}

const ZERO_SHA = /^0+$/;

/** Push mode: the files changed between the push's `before` and `after`. */
export async function pushChanges(deps: CheckDeps): Promise<ChangeCheck> {
  const { before, after = deps.ctx.sha, forced, created, deleted } = deps.ctx.payload;
  if (!before || !after) return { kind: 'unknown', why: 'the event names no before and after commits' };
  if (ZERO_SHA.test(before) || created) return { kind: 'unknown', why: 'the push created the branch' };
  if (deleted || ZERO_SHA.test(after)) return { kind: 'unknown', why: 'the push deleted the branch' };
  if (forced) return { kind: 'unknown', why: 'a force push (what it replaced is not compared)' };
  let comparison: Comparison;
  try {
    comparison = await deps.github.compareCommits(repoOf(deps.ctx), before, after);
  } catch (error) {
    return { kind: 'unknown', why: message(error) };
  }
  // `before...after` compares from their merge base: exact only when `after` descends from `before`.
  if (comparison.status !== 'ahead' && comparison.status !== 'identical') {
    return { kind: 'unknown', why: `${after.slice(0, 12)} is ${comparison.status} of ${before.slice(0, 12)}, not ahead` };
  }
  if (comparison.files.length >= MAX_COMPARE_FILES) {
    return { kind: 'unknown', why: `GitHub listed ${comparison.files.length} changed files, which may not be all of them` };
  }
  return compare(deps.config, deps.filesRead, comparison.files);
}

/** `` `access.yaml`, `policies/admin.json` ``, at most 5 named: the files read, escaped, for a sentence. */
export function filesReadPhrase(read: readonly string[]): string {
  const shown = read
    .slice(0, 5)
    .map((f) => inlineCode(f))
    .join(', ');
  return read.length > 5 ? `${shown} and ${read.length - 5} more` : shown;
}
