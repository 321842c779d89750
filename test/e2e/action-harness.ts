/**
 * Runs the bundled Action (`dist/index.js`) as a child process the way the GitHub runner does:
 * `INPUT_*` variables (action.yml defaults filled in), `GITHUB_*` variables, an event payload file,
 * `GITHUB_STEP_SUMMARY` and `GITHUB_OUTPUT` files, the workspace as the working directory. GitHub
 * is the fake REST API (plus a fake OIDC token service), AWS the emulator (`AWS_ENDPOINT_URL`;
 * dummy keys for the default chain, or role-to-assume through the emulator's STS).
 * Nothing else of the test process's environment leaks into the child.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parseHeader, type CommentHeader } from '../../src/github/comment-header.js';
import type { ClockOptions } from '../../emulator/clock.js';
import type { IamConfig } from '../../emulator/iam-roles.js';
import { startEmulator, type RunningEmulator, type World } from '../../emulator/index.js';
import { startFakeGitHub, type FakeComment, type FakeGitHub, type FakeGitHubOptions } from '../github/fake-github.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const ACTION = join(ROOT, 'dist', 'index.js');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const OWNER = 'acme';
export const REPO = 'access';
export const TOKEN = 'ghs_workflowtoken0000000000000000000000';
export const RUN_ID = '7001';
export const OIDC_REQUEST_TOKEN = 'oidc-request-token-e2e';

/** GitHub's OIDC token service (ACTIONS_ID_TOKEN_REQUEST_URL): records who asked, for what audience. */
export interface FakeOidc {
  /** Includes `?api-version=2.0`, as GitHub's does: the toolkit appends `&audience=…`. */
  url: string;
  requests: { audience: string | null; authorization: string | undefined }[];
  /** The `sub` of the tokens it issues: set per run from the job (see {@link oidcSubject}). */
  subject: string;
  close(): Promise<void>;
}

/** An unsigned JWT with GitHub's claims (the emulator reads `sub`, `aud` and `iss`). */
function fakeIdToken(audience: string, subject: string): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = { iss: 'https://token.actions.githubusercontent.com', aud: audience, sub: subject };
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export async function startFakeOidc(): Promise<FakeOidc> {
  const requests: FakeOidc['requests'] = [];
  const oidc = { subject: `repo:${OWNER}/${REPO}:pull_request` };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const audience = url.searchParams.get('audience');
    requests.push({ audience, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ value: fakeIdToken(audience ?? '', oidc.subject) }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(oidc, {
    url: `http://127.0.0.1:${port}/_apis/oidc-token?api-version=2.0`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}

/**
 * The `sub` GitHub puts in a job's token (name form): `environment:NAME` for a job with an
 * environment, `pull_request` for pull request events, else `ref:` and the ref.
 */
export function oidcSubject(spec: RunSpec): string {
  const prefix = `repo:${OWNER}/${REPO}`;
  if (spec.environment) return `${prefix}:environment:${spec.environment}`;
  if (spec.eventName === 'pull_request') return `${prefix}:pull_request`;
  return `${prefix}:ref:${spec.ref ?? defaultRef(spec)}`;
}

export interface ActionWorld {
  emu: RunningEmulator;
  github: FakeGitHub;
  oidc: FakeOidc;
  /** GITHUB_WORKSPACE: the checkout, holding access.yaml. */
  workspace: string;
  /** Writes access.yaml in the workspace (the checkout of the commit under test). */
  writeConfig(text: string): Promise<void>;
  close(): Promise<void>;
}

export interface ActionWorldOptions {
  /** Roles the emulator's STS checks tokens against (default: any token assumes any role). */
  iam?: IamConfig;
  /** Tokens of the fake GitHub (personal tokens, App installation tokens). */
  github?: FakeGitHubOptions;
  /** The emulator's clock (default: the wall clock). */
  clock?: ClockOptions;
}

export async function startActionWorld(world: World, options: ActionWorldOptions = {}): Promise<ActionWorld> {
  // Fast emulator: no rate limit, asynchronous operations done at the first poll.
  const emu = await startEmulator({
    world: structuredClone(world),
    rateLimit: 0,
    asyncPolls: 0,
    asyncMs: 0,
    seed: 6,
    ...(options.iam ? { iam: options.iam } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const github = await startFakeGitHub(options.github);
  const oidc = await startFakeOidc();
  const workspace = await mkdtemp(join(tmpdir(), 'idc-action-ws-'));
  return {
    emu,
    github,
    oidc,
    workspace,
    writeConfig: (text) => writeFile(join(workspace, 'access.yaml'), text),
    async close() {
      await Promise.all([emu.close(), github.close(), oidc.close()]);
      await rm(workspace, { recursive: true, force: true });
    },
  };
}

// ── event payloads (the fields GitHub sends that matter here) ─────────────────────────────

const repository = { id: 4001, full_name: `${OWNER}/${REPO}`, name: REPO, owner: { login: OWNER }, default_branch: 'main' };

/**
 * A pull_request payload. `fork`: the head is mallory's fork (another repository). `repoIsFork`:
 * this repository is itself a fork of another (`fork: true` on head and base alike).
 */
export function pullRequestPayload(
  number: number,
  options: { action?: 'opened' | 'synchronize'; headSha: string; fork?: boolean; repoIsFork?: boolean },
): Record<string, unknown> {
  const baseRepo = { ...repository, fork: Boolean(options.repoIsFork) };
  const headRepo = options.fork ? { id: 9001, full_name: `mallory/${REPO}`, name: REPO, owner: { login: 'mallory' }, fork: true } : baseRepo;
  return {
    action: options.action ?? 'opened',
    number,
    pull_request: {
      number,
      state: 'open',
      head: { ref: `change-${number}`, sha: options.headSha, repo: headRepo },
      base: { ref: 'main', sha: 'b'.repeat(40), repo: baseRepo },
    },
    repository: baseRepo,
  };
}

export function pushPayload(sha: string): Record<string, unknown> {
  return { ref: 'refs/heads/main', before: '0'.repeat(40), after: sha, head_commit: { id: sha }, repository };
}

// ── one run of the Action ─────────────────────────────────────────────────────────────────

export interface RunSpec {
  eventName: 'pull_request' | 'push' | 'workflow_dispatch';
  payload: Record<string, unknown>;
  /** GITHUB_SHA: for pull_request the test merge commit, for push the pushed commit. */
  sha: string;
  /** GITHUB_REF; default from the event. */
  ref?: string;
  /** Inputs given in the workflow's `with:` (names as in action.yml). */
  with?: Record<string, string>;
  /** GitHub sets the OIDC request variables only when the job may get a token (not for forks). */
  oidc?: boolean;
  /** The job's `environment:` (its OIDC `sub` is then `environment:NAME`). */
  environment?: string;
  /**
   * AWS keys and region in the environment, as aws-actions/configure-aws-credentials leaves them
   * (default true). False: only the emulator's AWS_ENDPOINT_URL, as in a job that relies on
   * role-to-assume and aws-region.
   */
  awsEnv?: boolean;
  /** More environment variables of the step (e.g. IDC_NOW: the emulator's time). */
  env?: Record<string, string>;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed from the GITHUB_OUTPUT file. */
  outputs: Record<string, string>;
  /** The GITHUB_STEP_SUMMARY file ('' when nothing was written). */
  summary: string;
}

export interface ActionManifest {
  inputs: Record<string, { description?: string; default?: unknown }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
}

/** action.yml, parsed strictly (the runner refuses an action.yml that is not valid YAML). */
export function actionManifest(): ActionManifest {
  return parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8'), { prettyErrors: true }) as ActionManifest;
}

/**
 * Every input of action.yml with its default, as the runner fills them in: '' when there is none,
 * `${{ github.token }}` evaluated to the job's token. Read from action.yml, so a renamed input or
 * a changed default is exercised here too.
 */
export function inputDefaults(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(actionManifest().inputs).map(([name, input]) => {
      const value = input.default === undefined ? '' : String(input.default);
      return [name, value.replace(/\$\{\{\s*github\.token\s*\}\}/g, TOKEN)];
    }),
  );
}

/** The child's environment: only what a runner would set, plus PATH and HOME. */
export function actionEnv(w: ActionWorld, spec: RunSpec, files: { event: string; output: string; summary: string }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: w.workspace,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: spec.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_SHA: spec.sha,
    GITHUB_REF: spec.ref ?? defaultRef(spec),
    GITHUB_API_URL: w.github.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: RUN_ID,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'access',
    GITHUB_ACTION: 'idc-gitops',
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_WORKSPACE: w.workspace,
    RUNNER_TEMP: w.workspace,
    AWS_ENDPOINT_URL: w.emu.endpoint,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...((spec.awsEnv ?? true) ? { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEE2E000000', AWS_SECRET_ACCESS_KEY: 'e2e-secret' } : {}),
    ...spec.env,
  };
  if (spec.oidc ?? true) {
    env['ACTIONS_ID_TOKEN_REQUEST_URL'] = w.oidc.url;
    env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] = OIDC_REQUEST_TOKEN;
  }
  for (const [name, value] of Object.entries({ ...inputDefaults(), ...spec.with })) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

function defaultRef(spec: RunSpec): string {
  const pr = (spec.payload['pull_request'] as { number?: number } | undefined)?.number;
  return spec.eventName === 'pull_request' ? `refs/pull/${pr ?? 0}/merge` : 'refs/heads/main';
}

/** Reads a GITHUB_OUTPUT file: `name<<DELIMITER\nvalue\nDELIMITER` entries (and `name=value`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

async function readIfAny(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

export function runNode(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Runs `node dist/index.js` in the workspace with a fresh event file, output file and summary. */
export async function runAction(w: ActionWorld, spec: RunSpec): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'idc-action-run-'));
  try {
    const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'step_summary') };
    await writeFile(files.event, JSON.stringify(spec.payload, null, 2));
    // The runner creates both files empty before the step.
    await writeFile(files.output, '');
    await writeFile(files.summary, '');
    w.oidc.subject = oidcSubject(spec);
    const result = await runNode(ACTION, [], w.workspace, actionEnv(w, spec, files));
    return { ...result, outputs: parseOutputFile(await readIfAny(files.output)), summary: await readIfAny(files.summary) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `node dist/cli.js ARGS` in the workspace, with the AWS part of the Action's environment. */
export async function runCli(w: ActionWorld, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = actionEnv(w, { eventName: 'push', payload: {}, sha: '' }, { event: '', output: '', summary: '' });
  const awsOnly = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('AWS_') || k === 'PATH' || k === 'HOME'));
  return runNode(CLI, args, w.workspace, { ...awsOnly, NO_COLOR: '1' });
}

// ── reading what the user sees ────────────────────────────────────────────────────────────

/** The header of our sticky comment (fails the test when the body has none). */
export function headerOf(comment: FakeComment | undefined): CommentHeader {
  if (!comment) throw new Error('no comment');
  const header = parseHeader(comment.body);
  if (!header) throw new Error(`no idc-gitops header in the comment:\n${comment.body}`);
  return header;
}

/** `::error file=…,line=…,col=…::message` workflow commands in the log. */
export function annotations(stdout: string, kind: 'error' | 'warning' = 'error'): { props: Record<string, string>; message: string }[] {
  const found: { props: Record<string, string>; message: string }[] = [];
  for (const line of stdout.split('\n')) {
    const m = new RegExp(`^::${kind}( [^:]*)?::(.*)$`).exec(line);
    if (!m) continue;
    const props = Object.fromEntries(
      (m[1] ?? '')
        .trim()
        .split(',')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
    found.push({ props, message: m[2] ?? '' });
  }
  return found;
}

/** access.yaml with one more user, given ReadOnly on the management account. */
export function withUser(base: string, name: string): string {
  return base
    .replace(
      '\npermission_sets:',
      `  ${name}:\n    display_name: ${name[0]!.toUpperCase()}${name.slice(1)} Example\n    given_name: ${name}\n    family_name: Example\n    email: ${name}@example.com\n\npermission_sets:`,
    )
    .concat(`  - permission_set: ReadOnly\n    users: [${name}]\n    accounts: [management]\n`);
}

/** A commit sha made of one repeated hex digit, e.g. `sha('d')`. */
export const sha = (digit: string): string => digit.repeat(40);
