/**
 * The GitHub run as the Action sees it (event, repository, commit, run URL) and the routing of
 * `mode: auto`: pull_request → plan, push to the default branch → apply, schedule and
 * workflow_dispatch → drift.
 */
import type { Mode, ModeInput } from './inputs.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The fields of the webhook payload the Action reads (everything optional: payloads vary). */
export interface EventPayload {
  repository?: { default_branch?: string; full_name?: string };
  pull_request?: {
    number?: number;
    /** `repo` is null when the head repository (a fork) was deleted after the pull request was opened. */
    head?: { sha?: string; repo?: PayloadRepo | null };
    base?: { sha?: string; repo?: PayloadRepo | null };
    /** How many files the pull request changes. */
    changed_files?: number;
  };
  number?: number;
  /** push: the branch's commit before and after the push (`before` is zeros for a new branch). */
  before?: string;
  after?: string;
  /** push: a force push (`before` may not be an ancestor of `after`). */
  forced?: boolean;
  created?: boolean;
  deleted?: boolean;
}

/** A repository in the payload. `fork` says the repository is a fork of another, nothing about the pull request. */
export interface PayloadRepo {
  id?: number;
  full_name?: string;
  fork?: boolean;
}

export interface RunContext {
  eventName: string;
  payload: EventPayload;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  defaultBranch?: string;
  /** `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}`, when known. */
  runUrl?: string;
  /** The pull request, for pull_request events. */
  pullRequest?: { number: number; fromFork: boolean };
  /** GitHub can mint an OIDC token for this job (`ACTIONS_ID_TOKEN_REQUEST_URL` is set). */
  oidcAvailable: boolean;
}

export class EventError extends Error {
  override name = 'EventError';
}

/** Builds the run context from the environment GitHub sets and the parsed event payload. */
export function readRunContext(env: Env, payload: EventPayload): RunContext {
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  const repository = env['GITHUB_REPOSITORY'] ?? payload.repository?.full_name ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new EventError(
      `Reading the repository from GITHUB_REPOSITORY: "${repository}" is not OWNER/REPO. Run the Action inside GitHub Actions, or set GITHUB_REPOSITORY.`,
    );
  }
  const server = env['GITHUB_SERVER_URL'] ?? 'https://github.com';
  const runId = env['GITHUB_RUN_ID'];
  const pr = payload.pull_request;
  const prNumber = pr?.number ?? payload.number;
  const defaultBranch = payload.repository?.default_branch;
  return {
    eventName,
    payload,
    owner,
    repo,
    sha: env['GITHUB_SHA'] ?? '',
    ref: env['GITHUB_REF'] ?? '',
    ...(defaultBranch ? { defaultBranch } : {}),
    ...(runId ? { runUrl: `${server}/${owner}/${repo}/actions/runs/${runId}` } : {}),
    ...(pr && prNumber !== undefined ? { pullRequest: { number: prNumber, fromFork: isFork(payload) } } : {}),
    oidcAvailable: Boolean(env['ACTIONS_ID_TOKEN_REQUEST_URL']),
  };
}

/**
 * A pull request from another repository: its head repository is not the base repository.
 * GitHub gives such runs no OIDC token and a read-only token. Not `head.repo.fork`: that flag says
 * the head repository is itself a fork of something, which is true for every pull request inside
 * a repository that is a fork (head and base both the fork).
 * Compared by repository `id` when both sides have one (a rename or transfer keeps the id), else by
 * `full_name`, case-insensitively (GitHub names are). `head.repo` is null when the head repository
 * was deleted (only a fork can be deleted while its pull request stays open: github/rest-api-description#161):
 * a fork.
 */
export function isFork(payload: EventPayload): boolean {
  const pr = payload.pull_request;
  if (!pr?.head) return false;
  const head = pr.head.repo;
  const base = pr.base?.repo;
  if (head === null) return true;
  if (!head || !base) return false;
  if (head.id !== undefined && base.id !== undefined) return head.id !== base.id;
  if (head.full_name !== undefined && base.full_name !== undefined) return head.full_name.toLowerCase() !== base.full_name.toLowerCase();
  return false;
}

export interface Route {
  mode: Mode;
  /** Why this mode, for the log. */
  reason: string;
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
const DRIFT_EVENTS = new Set(['schedule', 'workflow_dispatch']);

/** Chooses what to do: the `mode` input, or for `auto` the event. */
export function routeMode(input: ModeInput, ctx: RunContext): Route {
  if (input !== 'auto') return { mode: input, reason: `mode: ${input}` };
  if (PULL_REQUEST_EVENTS.has(ctx.eventName)) return { mode: 'plan', reason: `${ctx.eventName} event` };
  if (DRIFT_EVENTS.has(ctx.eventName)) return { mode: 'drift', reason: `${ctx.eventName} event` };
  if (ctx.eventName === 'push') {
    if (!ctx.defaultBranch) {
      throw new EventError(
        'mode: auto on a push event: the event payload names no default branch (repository.default_branch). Set mode: apply or mode: validate.',
      );
    }
    if (ctx.ref === `refs/heads/${ctx.defaultBranch}`) return { mode: 'apply', reason: `push to ${ctx.defaultBranch}` };
    return { mode: 'validate', reason: `push to ${ctx.ref}, not the default branch ${ctx.defaultBranch}` };
  }
  throw new EventError(
    `mode: auto does not know what to do on a "${ctx.eventName || '(unknown)'}" event. Run on pull_request, push, schedule or workflow_dispatch, or set mode: plan, apply, validate or drift.`,
  );
}
