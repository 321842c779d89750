/**
 * Issue 13, the Action end to end (dist/index.js): with a git checkout holding the base and head
 * commits, a pull request's comment says the plan is scoped and what it covers; the merge applies
 * the same scope (base: the push's `before`, the merge's first parent), so the reviewed hash
 * matches; the drift check is full. A base commit that is not in the checkout and cannot be
 * fetched (no network here) gives a full plan that says why.
 * dist/ must be current (`npm run build`).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorldFile } from '../../emulator/index.js';
import {
  ACTION,
  headerOf,
  pullRequestPayload,
  pushPayload,
  ROOT,
  runAction,
  runCli,
  startActionWorld,
  type ActionRun,
  type ActionWorld,
  withUser,
} from './action-harness.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const run = promisify(execFile);

let w: ActionWorld;
let baseSha = '';
let headSha = '';

async function git(...args: string[]): Promise<string> {
  const out = await run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: w.workspace });
  return out.stdout.trim();
}

function explain(r: ActionRun): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}\n--- summary\n${r.summary}`;
}

beforeAll(async () => {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run npm run build`);
  const example = await readFile(join(ROOT, 'access.yaml'), 'utf8');
  w = await startActionWorld(await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')));
  await w.writeConfig(example);
  const applied = await runCli(w, ['apply', '--yes', '--quiet', 'access.yaml']);
  expect(applied.code, applied.stderr).toBe(0);
  await git('init', '-q', '-b', 'main');
  await git('add', 'access.yaml');
  await git('commit', '-q', '-m', 'base');
  baseSha = await git('rev-parse', 'HEAD');
  await w.writeConfig(withUser(example, 'maria'));
  await git('commit', '-q', '-am', 'add maria');
  headSha = await git('rev-parse', 'HEAD');
});
afterAll(async () => {
  await w?.close();
});

describe('scoped plans in the Action (issue 13)', () => {
  const PR = 7;
  let reviewedHash = '';

  it('a pull request plan is scoped to the change and says what it read', async () => {
    w.github.addPull({ number: PR, commits: [headSha] });
    const payload = pullRequestPayload(PR, { headSha });
    (payload['pull_request'] as { base: { sha: string } }).base.sha = baseSha;
    const r = await runAction(w, { eventName: 'pull_request', payload, sha: headSha });
    expect(r.code, explain(r)).toBe(0);
    const body = w.github.commentsOn(PR)[0]?.body ?? '';
    // (The escaper breaks the commit hash with a zero-width joiner, so GitHub does not link it.)
    expect(body).toContain('Scoped plan: only what the change since ');
    expect(body).toContain(':access.yaml can affect was read');
    expect(body).toContain('the assignments of 1 account × permission set pair (1 account; 1 permission set (ReadOnly))');
    expect(body).toContain('1 user (maria)');
    expect(body).toContain('Drift elsewhere is left to the drift check');
    expect(body).toContain('maria');
    reviewedHash = headerOf(w.github.commentsOn(PR)[0]).planHash;
    expect(reviewedHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the merge applies the same scope: the reviewed hash matches', async () => {
    w.github.mergePull(PR, headSha);
    const payload = { ...pushPayload(headSha), before: baseSha };
    const r = await runAction(w, { eventName: 'push', payload, sha: headSha });
    expect(r.code, explain(r)).toBe(0);
    expect(r.outputs).toMatchObject({ 'plan-hash': reviewedHash, 'failure-reason': '' });
    expect(headerOf(w.github.commentsOn(PR)[0])).toMatchObject({ status: 'applied', planHash: reviewedHash });
    expect((w.emu.dump().users ?? []).map((u) => u.userName)).toContain('maria');
  });

  it('the drift check is full', async () => {
    const r = await runAction(w, {
      eventName: 'workflow_dispatch',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'acme/access', default_branch: 'main' } },
      sha: headSha,
    });
    expect(r.code, explain(r)).toBe(0);
    expect(r.summary).not.toContain('Scoped plan');
    expect(r.summary).not.toContain('Full plan: everything was read (a scoped plan');
  });

  it('a base commit the checkout lacks and cannot fetch gives a full plan that says why', async () => {
    w.github.addPull({ number: PR + 1, commits: [headSha] });
    const r = await runAction(w, { eventName: 'pull_request', payload: pullRequestPayload(PR + 1, { headSha }), sha: headSha });
    expect(r.code, explain(r)).toBe(0);
    const body = w.github.commentsOn(PR + 1)[0]?.body ?? '';
    expect(body).toContain('Full plan: everything was read (a scoped plan was not possible: the base commit ');
    expect(body).toContain(' is not in the checkout and could not be fetched');
  });
});
