/** Runs the Action in-process against fakes: the engine, core IO, and the fake GitHub server
 * reached through the real Octokit. */
import { runAction, type ActionResult } from '../../src/github/action.js';
import { createGitHubClient } from '../../src/github/client.js';
import type { EventPayload } from '../../src/github/event.js';
import type { ActionIO } from '../../src/github/io.js';
import type { RenderPlanMarkdown } from '../../src/github/render.js';
import type { FakeGitHub } from './fake-github.js';
import { FakeEngine, FakeIO, simpleRender } from './fakes.js';

export const OWNER = 'acme';
export const REPO = 'access';

/**
 * A pull_request payload. `fork`: from mallory's fork (another repository). `repoIsFork`: the
 * repository itself is a fork (head and base are the same repository, both with `fork: true`).
 */
export function pullRequestEvent(number: number, options: { fork?: boolean; repoIsFork?: boolean; headSha?: string } = {}): EventPayload {
  const base = { id: 4001, full_name: `${OWNER}/${REPO}`, fork: Boolean(options.repoIsFork) };
  const head = options.fork ? { id: 9001, full_name: `mallory/${REPO}`, fork: true } : base;
  return {
    number,
    repository: { default_branch: 'main', full_name: base.full_name },
    pull_request: {
      number,
      head: { sha: options.headSha ?? 'a'.repeat(40), repo: head },
      base: { repo: base },
    },
  };
}

/** A push payload; with `before`/`after`, the commits GitHub names for the push. */
export function pushEvent(options: { before?: string; after?: string; forced?: boolean } = {}): EventPayload {
  return { repository: { default_branch: 'main', full_name: `${OWNER}/${REPO}` }, ...options };
}

export interface RunOptions {
  github: FakeGitHub;
  engine?: FakeEngine;
  /** A FakeIO (default) or the real coreIO(). */
  io?: ActionIO;
  eventName: string;
  payload: EventPayload;
  sha?: string;
  ref?: string;
  env?: Record<string, string | undefined>;
  /** Default: the simple test renderer. */
  render?: RenderPlanMarkdown;
  /** The checkout the config is read from (default: the working directory). */
  workspace?: string;
}

export interface RunResult extends ActionResult {
  /** The FakeIO (meaningless when a real IO was passed). */
  io: FakeIO;
  engine: FakeEngine;
}

export async function runWithFakes(options: RunOptions): Promise<RunResult> {
  const engine = options.engine ?? new FakeEngine();
  const io = options.io ?? new FakeIO();
  const isPr = options.eventName.startsWith('pull_request');
  const env: Record<string, string | undefined> = {
    GITHUB_API_URL: options.github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: '/github/workflow/event.json',
    GITHUB_SHA: options.sha ?? 'c'.repeat(40),
    GITHUB_REF: options.ref ?? (isPr ? `refs/pull/${options.payload.pull_request?.number ?? 0}/merge` : 'refs/heads/main'),
    GITHUB_RUN_ID: '4242',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token',
    ...options.env,
  };
  const result = await runAction({
    engine,
    github: (inputs) => createGitHubClient(inputs.githubToken, env['GITHUB_API_URL'], { commentAuthor: inputs.commentAuthor }),
    io,
    env,
    renderPlanMarkdown: options.render ?? simpleRender,
    readEventFile: async () => JSON.stringify(options.payload),
    ...(options.workspace ? { workspace: options.workspace } : {}),
  });
  return { ...result, io: io as FakeIO, engine };
}
