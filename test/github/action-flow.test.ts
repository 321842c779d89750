/**
 * The Action's user-visible flows, in-process, through the real Octokit against the fake GitHub
 * server: PR → sticky comment, update in place, merge → apply, plan changed → refused, fork →
 * validate only, invalid file → annotations, drift → failure.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHeader } from '../../src/github/comment-header.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { FakeEngine, FakeIO, planCreating, refusedPlan } from './fakes.js';
import { pullRequestEvent, pushEvent, runWithFakes } from './harness.js';

const MERGE_SHA = 'd'.repeat(40);
const RUN_URL = 'https://github.com/acme/access/actions/runs/4242';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(async () => {
  await github.close();
});

function header(body: string) {
  const h = parseHeader(body);
  if (!h) throw new Error(`no header in:\n${body}`);
  return h;
}

/** The push events here name no `before` commit: the apply is full and says why (issue 13). */
const NO_BASE = { unavailable: 'the event names no base commit (a new branch, or not a pull request or push)' };

describe('pull request', () => {
  it('posts one sticky comment with the plan hash, the full plan in the summary, and outputs', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan', 'maria']);
    github.addPull({ number: 7 });

    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(7) });

    expect(run.ok).toBe(true);
    expect(run.mode).toBe('plan');
    expect(run.io.failed).toBeUndefined();
    const comments = github.commentsOn(7);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(header(body)).toEqual({ version: 1, planHash: engine.pending.hash, status: 'planned', config: 'access.yaml' });
    expect(body).toContain('create user jonathan');
    expect(body).toContain(RUN_URL);
    expect(comments[0]!.user.login).toBe('github-actions[bot]');
    expect(run.io.summary).toContain('create user maria');
    expect(run.io.summary).toContain(engine.pending.hash);
    expect(run.io.outputs).toEqual({
      'has-changes': 'true',
      creates: '2',
      updates: '0',
      deletes: '0',
      'plan-hash': engine.pending.hash,
      'failure-reason': '',
      skipped: '',
      'report-path': '',
    });
    expect(engine.methods()).toEqual(['validate', 'plan']);
  });

  it('works with the real markdown renderer (title, run link, size limit)', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(Array.from({ length: 3000 }, (_, i) => `user-${i}`));
    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(40), render: renderMarkdown });
    expect(run.ok).toBe(true);
    const body = github.commentsOn(40)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(60_000);
    expect(header(body).planHash).toBe(engine.pending.hash);
    expect(body).toContain('idc-gitops plan · access.yaml');
    expect(run.io.summary.length).toBeGreaterThan(body.length);
  });

  it('edits the same comment when the pull request is updated', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(7) });
    const first = github.commentsOn(7)[0]!;
    const firstHash = header(first.body).planHash;

    engine.pending = planCreating(['jonathan', 'maria']);
    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(7) });

    expect(run.ok).toBe(true);
    const comments = github.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(first.id);
    expect(header(comments[0]!.body).planHash).toBe(engine.pending.hash);
    expect(header(comments[0]!.body).planHash).not.toBe(firstHash);
    expect(github.requestsMatching('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
    expect(github.requestsMatching('POST', /\/comments$/)).toHaveLength(1);
  });

  it('finds its comment among many (paginated) and ignores look-alike comments by others', async () => {
    for (let i = 0; i < 120; i++) github.addComment({ issueNumber: 7, body: `comment ${i}`, login: 'someone' });
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(7) });
    // Someone copies our header into their own comment: it must never be taken as the plan.
    github.addComment({ issueNumber: 7, body: github.commentsOn(7).at(-1)!.body, login: 'mallory' });

    engine.pending = planCreating(['maria']);
    await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(7) });

    const ours = github.commentsOn(7).filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(header(ours[0]!.body).planHash).toBe(engine.pending.hash);
    const mallory = github.commentsOn(7).find((c) => c.user.login === 'mallory')!;
    expect(header(mallory.body).planHash).toBe(planCreating(['jonathan']).hash);
    // The listing went past the first page of 100.
    expect(github.requestsMatching('GET', /\/issues\/7\/comments$/).some((r) => r.query['page'] === '2')).toBe(true);
  });

  it('comment: changes-only posts nothing for an empty plan but still updates an existing comment', async () => {
    const engine = new FakeEngine();
    const io = () => new FakeIO({ comment: 'changes-only' });
    let run = await runWithFakes({ github, engine, io: io(), eventName: 'pull_request', payload: pullRequestEvent(8) });
    expect(run.ok).toBe(true);
    expect(github.commentsOn(8)).toHaveLength(0);
    expect(run.io.outputs['has-changes']).toBe('false');

    engine.pending = planCreating(['jonathan']);
    await runWithFakes({ github, engine, io: io(), eventName: 'pull_request', payload: pullRequestEvent(8) });
    expect(github.commentsOn(8)).toHaveLength(1);

    engine.pending = planCreating([]);
    run = await runWithFakes({ github, engine, io: io(), eventName: 'pull_request', payload: pullRequestEvent(8) });
    expect(github.commentsOn(8)).toHaveLength(1);
    expect(header(github.commentsOn(8)[0]!.body).planHash).toBe(planCreating([]).hash);
    expect(github.commentsOn(8)[0]!.body).toContain('No changes');
  });

  it('comment: false never touches comments', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    const run = await runWithFakes({ github, engine, io: new FakeIO({ comment: 'false' }), eventName: 'pull_request', payload: pullRequestEvent(9) });
    expect(run.ok).toBe(true);
    // Only the pull request's changed files are read (to know there is something to plan).
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/acme/access/pulls/9/files']);
    expect(run.io.summary).toContain('create user jonathan');
  });

  it('a pull request from a fork is only validated, and the summary says why', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    const run = await runWithFakes({
      github,
      engine,
      eventName: 'pull_request',
      payload: pullRequestEvent(11, { fork: true }),
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined },
    });
    expect(run.ok).toBe(true);
    expect(run.io.failed).toBeUndefined();
    expect(engine.methods()).toEqual(['validate']);
    expect(run.io.summary).toContain('Plan skipped');
    expect(run.io.summary).toContain('pull requests from forks get no OIDC token');
    expect(run.io.summary).toContain('A maintainer can');
    expect(github.requests).toHaveLength(0);
    expect(run.io.outputs['has-changes']).toBe('false');
  });

  it('without an OIDC token and with role-to-assume, validates only and says how to fix it', async () => {
    const engine = new FakeEngine();
    const run = await runWithFakes({
      github,
      engine,
      io: new FakeIO({ 'role-to-assume': 'arn:aws:iam::111122223333:role/idc-gitops-plan' }),
      eventName: 'pull_request',
      payload: pullRequestEvent(12),
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined },
    });
    expect(run.ok).toBe(true);
    expect(engine.methods()).toEqual(['validate']);
    expect(run.io.summary).toContain('id-token: write');
  });

  it('an invalid file becomes annotations at line and column, a comment, and a failed run', async () => {
    const engine = new FakeEngine();
    engine.diagnostics = [
      { file: 'access.yaml', line: 14, col: 9, severity: 'error', message: 'permission set "Admin" is not defined (did you mean "Administrator"?)' },
      { file: 'access.yaml', line: 3, col: 5, severity: 'warning', message: 'user "bob" has no email' },
    ];
    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(13) });
    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('invalid-config');
    expect(run.io.outputs['failure-reason']).toBe('invalid-config');
    expect(run.io.failed).toMatch(/access\.yaml has 1 error .*annotated/);
    expect(run.io.annotations).toContainEqual({
      level: 'error',
      message: 'permission set "Admin" is not defined (did you mean "Administrator"?)',
      properties: { file: 'access.yaml', startLine: 14, startColumn: 9 },
    });
    expect(run.io.annotations).toContainEqual({
      level: 'warning',
      message: 'user "bob" has no email',
      properties: { file: 'access.yaml', startLine: 3, startColumn: 5 },
    });
    expect(engine.methods()).toEqual(['validate']);
    const body = github.commentsOn(13)[0]!.body;
    expect(header(body)).toMatchObject({ status: 'failed', planHash: '' });
    expect(body).toContain('access.yaml:14:9');
    expect(run.io.summary).toContain('is not valid');
  });
});

describe('merge (push to the default branch)', () => {
  async function reviewed(engine: FakeEngine, number = 21): Promise<void> {
    github.addPull({ number });
    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(number) });
    expect(run.ok).toBe(true);
    github.mergePull(number, MERGE_SHA);
  }

  it('applies the reviewed plan and marks the comment applied, with counts and the run link', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan', 'maria']);
    const reviewedHash = engine.pending.hash;
    await reviewed(engine);

    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });

    expect(run.ok).toBe(true);
    expect(run.mode).toBe('apply');
    expect(engine.calls.at(-1)).toEqual({ method: 'apply', config: 'access.yaml', request: { base: NO_BASE, expectedHash: reviewedHash, force: false } });
    const comments = github.commentsOn(21);
    expect(comments).toHaveLength(1);
    const edits = github.requestsMatching('PATCH', /\/issues\/comments\/\d+$/).map((r) => (r.body as { body: string }).body);
    expect(edits.map((b) => header(b).status)).toEqual(['applying', 'applied']);
    expect(edits[0]).toContain(RUN_URL);
    const final = comments[0]!.body;
    expect(header(final)).toMatchObject({ status: 'applied', planHash: reviewedHash });
    expect(final).toContain('2 changes made (2 created, 0 updated, 0 deleted)');
    expect(final).toContain(RUN_URL);
    expect(run.io.outputs).toMatchObject({ 'has-changes': 'true', creates: '2', 'failure-reason': '' });
    expect(github.requestsMatching('GET', /\/commits\/d+\/pulls$/)).toHaveLength(1);

    // A re-run of the same apply: already applied, nothing left to do.
    const again = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(again.ok).toBe(true);
    expect(engine.calls.at(-1)?.method).toBe('plan');
  });

  it('tells each new user how to sign in, in the applied comment and the job summary', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan', 'maria']);
    await reviewed(engine);

    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });

    expect(run.ok).toBe(true);
    const final = github.commentsOn(21)[0]!.body;
    for (const text of [final, run.io.summary]) {
      expect(text).toContain('First sign-in for the 2 new users');
      expect(text).toContain('`https://d-1234567890.awsapps.com/start`');
      expect(text).toContain('no invitation email');
      expect(text).toContain('Forgot password');
      expect(text).toContain('`idc profiles access.yaml --user jonathan --merge ~/.aws/config`');
      expect(text).toContain('`idc profiles access.yaml --user maria --merge ~/.aws/config`');
      expect(text).toContain('`aws sso login --sso-session d-1234567890`');
    }
  });

  it('says nothing about signing in when no user was created', async () => {
    const engine = new FakeEngine();
    engine.pending = { ...planCreating(['x']), changes: [{ kind: 'group', action: 'create', displayName: 'ops', fields: [] }] };
    await reviewed(engine);
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(run.ok).toBe(true);
    const final = github.commentsOn(21)[0]!.body;
    expect(header(final).status).toBe('applied');
    expect(final).not.toContain('First sign-in');
    expect(run.io.summary).not.toContain('First sign-in');
  });

  it('refuses when the state changed between review and merge (plan-changed), showing the new plan', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    await reviewed(engine);
    engine.pending = planCreating(['jonathan', 'eve']); // someone changed AWS after the review

    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });

    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('plan-changed');
    expect(run.io.outputs['failure-reason']).toBe('plan-changed');
    expect(run.io.outputs['plan-hash']).toBe(engine.pending.hash);
    expect(run.io.failed).toMatch(/plan changed since it was reviewed/);
    expect(run.io.summary).toContain('create user eve');
    const body = github.commentsOn(21)[0]!.body;
    expect(header(body)).toMatchObject({ status: 'failed', planHash: planCreating(['jonathan']).hash });
    expect(body).toContain('Apply refused');
    expect(body).toContain('create user eve');
    expect(engine.pending.changes).toHaveLength(2); // nothing applied
  });

  it('applies a changed plan with force', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    await reviewed(engine);
    engine.pending = planCreating(['jonathan', 'eve']);
    const run = await runWithFakes({ github, engine, io: new FakeIO({ force: 'true' }), eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(run.ok).toBe(true);
    expect(engine.calls.at(-1)?.request).toMatchObject({ force: true });
    expect(header(github.commentsOn(21)[0]!.body).status).toBe('applied');
  });

  it('a direct push (no pull request) is refused without force, applied with it', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    const refused = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: 'f'.repeat(40) });
    expect(refused.ok).toBe(false);
    expect(refused.failureReason).toBe('no-reviewed-plan');
    expect(engine.methods()).toEqual(['plan']); // read only, to see whether there is anything to apply
    expect(refused.io.summary).toContain('No reviewed plan');

    const forced = await runWithFakes({ github, engine, io: new FakeIO({ force: 'true' }), eventName: 'push', payload: pushEvent(), sha: 'f'.repeat(40) });
    expect(forced.ok).toBe(true);
    expect(engine.calls.at(-1)).toEqual({ method: 'apply', config: 'access.yaml', request: { base: NO_BASE, force: true } });
    expect(github.comments).toHaveLength(0);
  });

  it('a push without a reviewed plan that changes no access (a Dependabot or fork merge) succeeds and applies nothing', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating([]);
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: 'f'.repeat(40) });
    expect(run.ok).toBe(true);
    expect(run.failureReason).toBe('');
    expect(engine.methods()).toEqual(['plan']);
    expect(run.io.summary).toContain('Nothing to apply');
    expect(github.comments).toHaveLength(0);
  });

  it('when the read after apply fails, the comment still says what was applied (Applied N of M)', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan', 'maria']);
    await reviewed(engine);
    engine.apply = async () => ({
      status: 'applied-unchecked',
      plan: engine.pending,
      report: { succeeded: 2, failed: [], skipped: 0, calls: {}, durationMs: 900 },
      recheckError: 'Could not list users: ThrottlingException: Rate exceeded — AWS kept throttling after 7 attempts; try again later',
    });
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('apply-failed');
    const body = github.commentsOn(21)[0]!.body;
    expect(body).toContain('Applied 2 of 2 changes; 0 failed.');
    expect(body).toContain('Reading the state again afterwards failed: Could not list users: ThrottlingException');
  });

  it('marks the comment failed with the errors when some changes fail', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan', 'maria']);
    await reviewed(engine);
    engine.failures = 1;
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('apply-failed');
    const body = github.commentsOn(21)[0]!.body;
    expect(header(body).status).toBe('failed');
    expect(body).toContain('create user jonathan: AccessDeniedException: not allowed &lt;b&gt;here&lt;/b&gt;');
    expect(body).not.toContain('<b>');
  });

  it('refuses an unsafe plan with its reasons', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    await reviewed(engine);
    engine.pending = refusedPlan(engine.pending, ['would delete 5 of 6 assignments (safety.max_deletes: 20%)']);
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(run.failureReason).toBe('unsafe');
    const body = github.commentsOn(21)[0]!.body;
    expect(body).toContain('would delete 5 of 6 assignments');
    expect(run.io.failed).toMatch(/safety checks/);
  });

  it('a push to another branch only validates', async () => {
    const engine = new FakeEngine();
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), ref: 'refs/heads/feature' });
    expect(run.mode).toBe('validate');
    expect(engine.methods()).toEqual(['validate']);
  });
});

describe('drift', () => {
  it('fails the job and reports the drift in the summary, without applying', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['ghost']);
    const run = await runWithFakes({ github, engine, eventName: 'schedule', payload: pushEvent() });
    expect(run.mode).toBe('drift');
    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('drift');
    expect(run.io.failed).toMatch(/Drift detected: 1 change between/);
    expect(run.io.summary).toContain('Drift detected');
    expect(run.io.summary).toContain('create user ghost');
    expect(engine.methods()).toEqual(['plan']);
    expect(github.requests).toHaveLength(0);
  });

  it('passes when AWS matches the file', async () => {
    const run = await runWithFakes({ github, eventName: 'workflow_dispatch', payload: pushEvent() });
    expect(run.ok).toBe(true);
    expect(run.io.summary).toContain('No drift');
  });
});

describe('expire', () => {
  it('applies the expiry-only plan on a schedule, with no review and no comment, and prints its hash', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['stale']);
    const hash = engine.pending.hash;
    const run = await runWithFakes({ github, engine, io: new FakeIO({ mode: 'expire' }), eventName: 'schedule', payload: pushEvent() });
    expect(run.mode).toBe('expire');
    expect(run.ok).toBe(true);
    expect(engine.calls).toEqual([{ method: 'apply', config: 'access.yaml', request: { expiryOnly: true } }]);
    expect(run.io.outputs['plan-hash']).toBe(hash);
    expect(run.io.summary).toContain(`Expiry-only plan hash: \`${hash}\``);
    expect(run.io.summary).toContain('Removed 1 of 1 change that expiry causes');
    expect(github.requests).toHaveLength(0);
  });

  it('refuses on a pull request: its file is not reviewed yet, and nothing is planned or applied', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['stale']);
    const run = await runWithFakes({ github, engine, io: new FakeIO({ mode: 'expire' }), eventName: 'pull_request', payload: pullRequestEvent(3) });
    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('invalid-input');
    expect(run.io.failed).toMatch(/mode: expire applies the file of the default branch only; this run is on a pull_request event/);
    expect(engine.methods()).toEqual([]);
  });
});

describe('errors', () => {
  it('a bad input fails with the input named', async () => {
    const run = await runWithFakes({ github, io: new FakeIO({ mode: 'destroy' }), eventName: 'pull_request', payload: pullRequestEvent(1) });
    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('invalid-input');
    expect(run.io.failed).toBe('Input "mode" is "destroy": expected one of auto, plan, apply, validate, drift, expire.');
    expect(run.io.outputs['failure-reason']).toBe('invalid-input');
  });

  it('warns when the comment cannot be updated after an engine error, instead of hiding it', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    github.addPull({ number: 32 });
    await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(32) });
    github.mergePull(32, MERGE_SHA);
    engine.apply = async () => {
      // Someone deletes the comment while the apply runs: the final update answers 404.
      github.comments.splice(0, github.comments.length);
      throw new Error('Could not list users: timed out');
    };
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(run.ok).toBe(false);
    expect(run.io.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      expect.stringMatching(/^Could not update the pull request comment after the apply failed \(it may still say "applying"\): /),
    ]);
  });

  it('an apply that succeeded stays a success when the final comment update fails: a warning and the summary say so', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    github.addPull({ number: 33 });
    await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(33) });
    github.mergePull(33, MERGE_SHA);
    const apply = engine.apply.bind(engine);
    engine.apply = async (...args) => {
      // Someone deletes the comment while the apply runs: the final update answers 404.
      github.comments.splice(0, github.comments.length);
      return apply(...args);
    };
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(run.ok).toBe(true);
    const warnings = run.io.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings).toEqual([expect.stringMatching(/^Could not update the pull request comment after the apply \(it may still say "applying"\): /)]);
    expect(run.io.summary).toContain('Applied 1 of 1 change');
    expect(run.io.summary).toContain('Could not update the pull request comment after the apply');
  });

  it('an engine error fails the run with its message, and the comment does not stay "applying"', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    github.addPull({ number: 31 });
    await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(31) });
    github.mergePull(31, MERGE_SHA);
    engine.apply = async () => {
      throw new Error('Reading permission sets: ThrottlingException');
    };
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('error');
    expect(run.io.failed).toBe('Reading permission sets: ThrottlingException');
    expect(header(github.commentsOn(31)[0]!.body).status).toBe('failed');
  });
});
