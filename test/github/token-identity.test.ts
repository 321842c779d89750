/**
 * Who the Action is on GitHub, through the real Octokit against the fake GitHub server: with a
 * GitHub App installation token or a personal token (not only the workflow token), the Action
 * finds its own comment again, edits it in place, and the merge applies the reviewed plan. And a
 * pull request inside a repository that is itself a fork is planned like any other.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseHeader } from '../../src/github/comment-header.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { FakeEngine, FakeIO, planCreating } from './fakes.js';
import { pullRequestEvent, pushEvent, runWithFakes } from './harness.js';

const APP_TOKEN = 'ghs_apptoken0000000000000000000000000000';
const PAT = 'github_pat_0000000000000000000000000000';
const MERGE_SHA = 'd'.repeat(40);

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github?.close();
  github = undefined;
});

function planHash(body: string | undefined): string | undefined {
  return body === undefined ? undefined : parseHeader(body)?.planHash;
}

/** Plan twice (the second plan differs), merge, apply: the story every token must support. */
async function reviewAndMerge(gh: FakeGitHub, inputs: Record<string, string>, number: number) {
  const engine = new FakeEngine();
  gh.addPull({ number });
  engine.pending = planCreating(['jonathan']);
  const first = await runWithFakes({ github: gh, engine, io: new FakeIO(inputs), eventName: 'pull_request', payload: pullRequestEvent(number) });
  expect(first.ok, first.message).toBe(true);
  engine.pending = planCreating(['jonathan', 'maria']);
  const second = await runWithFakes({ github: gh, engine, io: new FakeIO(inputs), eventName: 'pull_request', payload: pullRequestEvent(number) });
  expect(second.ok, second.message).toBe(true);
  const reviewedHash = engine.pending.hash;
  gh.mergePull(number, MERGE_SHA);
  const apply = await runWithFakes({ github: gh, engine, io: new FakeIO(inputs), eventName: 'push', payload: pushEvent(), sha: MERGE_SHA });
  return { engine, apply, reviewedHash };
}

describe('the comment author comes from the token', () => {
  it('a GitHub App installation token (GET /user answers 403): one comment, edited, and the merge applies', async () => {
    github = await startFakeGitHub({ apps: { [APP_TOKEN]: 'idc-bot' } });
    const { engine, apply, reviewedHash } = await reviewAndMerge(github, { 'github-token': APP_TOKEN }, 41);

    const comments = github.commentsOn(41);
    expect(comments.map((c) => c.user.login)).toEqual(['idc-bot[bot]']);
    expect(apply.ok, apply.message).toBe(true);
    expect(apply.failureReason).toBe('');
    expect(engine.calls.at(-1)).toEqual({
      method: 'apply',
      config: 'access.yaml',
      request: {
        base: { unavailable: 'the event names no base commit (a new branch, or not a pull request or push)' },
        expectedHash: reviewedHash,
        force: false,
      },
    });
    expect(parseHeader(comments[0]!.body)).toMatchObject({ status: 'applied', planHash: reviewedHash });
    // GitHub was asked who the token is (GraphQL viewer), not assumed to be github-actions[bot].
    expect(github.requestsMatching('POST', /^\/graphql$/).length).toBeGreaterThan(0);
  });

  it('a personal token: comments by the user, found again', async () => {
    github = await startFakeGitHub({ users: { [PAT]: 'octocat' } });
    const { apply, reviewedHash } = await reviewAndMerge(github, { 'github-token': PAT }, 42);
    expect(github.commentsOn(42).map((c) => c.user.login)).toEqual(['octocat']);
    expect(apply.ok, apply.message).toBe(true);
    expect(planHash(github.commentsOn(42)[0]?.body)).toBe(reviewedHash);
  });

  it('ignores a comment with our header by the workflow bot when the App token writes (and the reverse)', async () => {
    github = await startFakeGitHub({ apps: { [APP_TOKEN]: 'idc-bot' } });
    github.addPull({ number: 43 });
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    // A plan posted earlier by a workflow that used the default token: not this token's comment.
    await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(43) });
    engine.pending = planCreating(['maria']);
    await runWithFakes({ github, engine, io: new FakeIO({ 'github-token': APP_TOKEN }), eventName: 'pull_request', payload: pullRequestEvent(43) });

    const byLogin = Object.fromEntries(github.commentsOn(43).map((c) => [c.user.login, planHash(c.body)]));
    expect(byLogin).toEqual({ 'github-actions[bot]': planCreating(['jonathan']).hash, 'idc-bot[bot]': planCreating(['maria']).hash });
  });

  it('comment-author given: used as is, GitHub is not asked', async () => {
    github = await startFakeGitHub({ apps: { [APP_TOKEN]: 'idc-bot' } });
    const inputs = { 'github-token': APP_TOKEN, 'comment-author': 'idc-bot[bot]' };
    const { apply } = await reviewAndMerge(github, inputs, 44);
    expect(github.commentsOn(44)).toHaveLength(1);
    expect(apply.ok, apply.message).toBe(true);
    expect(github.requestsMatching('POST', /^\/graphql$/)).toHaveLength(0);
    expect(github.requestsMatching('GET', /^\/user$/)).toHaveLength(0);
  });

  it('a malformed comment-author fails the run before any call, saying what is expected', async () => {
    github = await startFakeGitHub();
    const run = await runWithFakes({ github, io: new FakeIO({ 'comment-author': 'idc bot' }), eventName: 'pull_request', payload: pullRequestEvent(45) });
    expect(run.failureReason).toBe('invalid-input');
    expect(run.io.failed).toMatch(/Input "comment-author" is "idc bot": expected a GitHub login such as my-app\[bot\]/);
    expect(github.requests).toHaveLength(0);
  });
});

describe('a repository that is itself a fork', () => {
  it('plans its own pull requests (head and base are the same repository, both fork: true)', async () => {
    github = await startFakeGitHub();
    github.addPull({ number: 46 });
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(46, { repoIsFork: true }) });

    expect(run.ok, run.message).toBe(true);
    expect(engine.methods()).toEqual(['validate', 'plan']);
    expect(run.io.summary).not.toContain('Plan skipped');
    expect(planHash(github.commentsOn(46)[0]?.body)).toBe(engine.pending.hash);
  });
});
