/**
 * Issue 13, the Action end to end (dist/index.js): with a git checkout holding the base and head
 * commits, a pull request's comment says the plan is scoped and what it covers; the merge applies
 * the same scope (base: the push's `before`, the merge's first parent), so the reviewed hash
 * matches; the drift check is full. A base commit that is not in the checkout and cannot be
 * fetched (no network here) gives a full plan that says why.
 * dist/ must be current (`npm run build`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerOf, pullRequestPayload, pushPayload, runAction, type ActionWorld } from './action-harness.js';
import { explain, startGitWorld } from './git-world.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

let w: ActionWorld;
let baseSha = '';
let headSha = '';

beforeAll(async () => {
  ({ w, baseSha, headSha } = await startGitWorld());
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
