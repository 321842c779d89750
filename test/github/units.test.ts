/** The Action's pure parts: header round trip, escaping, routing, inputs, credentials, limits. */
import { describe, expect, it } from 'vitest';
import { fitComment, MAX_COMMENT_CHARS } from '../../src/github/comment.js';
import { parseHeader, serializeHeader, withHeader, type CommentHeader } from '../../src/github/comment-header.js';
import { oidcCredentials, subjectHint } from '../../src/github/credentials.js';
import { escapeMarkdown, inlineCode } from '../../src/render/escape.js';
import { isFork, readRunContext, routeMode } from '../../src/github/event.js';
import { readInputs } from '../../src/github/inputs.js';
import { findMergedPullRequest } from '../../src/github/pull-request.js';
import { fitSummary, MAX_SUMMARY_BYTES } from '../../src/github/summary.js';
import { FakeIO } from './fakes.js';
import { pullRequestEvent, pushEvent } from './harness.js';

describe('comment header', () => {
  const header: CommentHeader = { version: 1, planHash: 'ab'.repeat(32), status: 'planned', config: 'access.yaml' };

  it('round-trips, and is the first line of the body', () => {
    const line = serializeHeader(header);
    expect(line).toBe(`<!-- idc-gitops {"version":1,"planHash":"${'ab'.repeat(32)}","status":"planned","config":"access.yaml"} -->`);
    expect(parseHeader(line)).toEqual(header);
    expect(parseHeader(withHeader(header, '### plan\n\nbody'))).toEqual(header);
  });

  it('cannot be closed early by a config path', () => {
    const evil: CommentHeader = { ...header, config: 'x --> <img src=x> & "q"' };
    const line = serializeHeader(evil);
    expect(line.indexOf('-->')).toBe(line.length - 3);
    expect(line).not.toContain('<img');
    expect(parseHeader(line)).toEqual(evil);
  });

  it('ignores other comments, other versions and bad fields', () => {
    expect(parseHeader('Looks good to me')).toBeUndefined();
    expect(parseHeader(`text\n${serializeHeader(header)}`)).toBeUndefined();
    expect(parseHeader('<!-- idc-gitops {"version":2,"planHash":"x","status":"planned","config":"a"} -->')).toBeUndefined();
    expect(parseHeader('<!-- idc-gitops {"version":1,"planHash":"x","status":"merged","config":"a"} -->')).toBeUndefined();
    expect(parseHeader('<!-- idc-gitops {not json} -->')).toBeUndefined();
  });
});

describe('escaping', () => {
  it("neutralises markdown, HTML and mentions (the renderer's escapeMarkdown)", () => {
    const out = escapeMarkdown('<script>alert(1)</script> [x](http://e) @org/team *b* `c`\n# h');
    expect(out).not.toMatch(/<script|\n|[^\\]\[|[^\\]\*|@org/);
    expect(out).toContain('&lt;script&gt;');
  });
  it('inline code neutralises newlines', () => {
    expect(inlineCode('a\nb')).toBe('`a\\nb`');
  });
  it('inline code fences outgrow the backticks inside', () => {
    expect(inlineCode('access.yaml')).toBe('`access.yaml`');
    expect(inlineCode('a`b')).toBe('``a`b``');
    expect(inlineCode('`x')).toBe('`` `x ``');
  });
});

describe('limits', () => {
  it('cuts comments to 60,000 characters and summaries to 1 MiB', () => {
    const long = 'x'.repeat(MAX_COMMENT_CHARS + 10);
    expect(fitComment(long)).toHaveLength(MAX_COMMENT_CHARS);
    expect(fitComment(long)).toContain('full plan is in the job summary');
    const huge = 'é'.repeat(MAX_SUMMARY_BYTES);
    const fitted = fitSummary(huge);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(fitted).not.toContain('\uFFFD');
    expect(fitSummary('small')).toBe('small');
  });
});

describe('routing', () => {
  const env = (eventName: string, ref = 'refs/heads/main') => ({ GITHUB_EVENT_NAME: eventName, GITHUB_REPOSITORY: 'acme/access', GITHUB_REF: ref });

  it('routes mode: auto by event', () => {
    expect(routeMode('auto', readRunContext(env('pull_request'), pullRequestEvent(1))).mode).toBe('plan');
    expect(routeMode('auto', readRunContext(env('push'), pushEvent())).mode).toBe('apply');
    expect(routeMode('auto', readRunContext(env('push', 'refs/heads/dev'), pushEvent())).mode).toBe('validate');
    expect(routeMode('auto', readRunContext(env('schedule'), pushEvent())).mode).toBe('drift');
    expect(routeMode('auto', readRunContext(env('workflow_dispatch'), pushEvent())).mode).toBe('drift');
    expect(routeMode('validate', readRunContext(env('push'), pushEvent())).mode).toBe('validate');
    expect(() => routeMode('auto', readRunContext(env('release'), pushEvent()))).toThrow(/set mode: plan, apply, validate or drift/);
  });

  it('reads the run URL, pull request and OIDC availability', () => {
    const ctx = readRunContext(
      { ...env('pull_request'), GITHUB_SERVER_URL: 'https://ghe.example', GITHUB_RUN_ID: '7', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t' },
      pullRequestEvent(5),
    );
    expect(ctx).toMatchObject({
      owner: 'acme',
      repo: 'access',
      runUrl: 'https://ghe.example/acme/access/actions/runs/7',
      pullRequest: { number: 5, fromFork: false },
      oidcAvailable: true,
    });
    expect(() => readRunContext({ GITHUB_EVENT_NAME: 'push' }, {})).toThrow(/GITHUB_REPOSITORY/);
  });

  it('a fork pull request is one whose head repository is not the base repository', () => {
    expect(isFork(pullRequestEvent(1, { fork: true }))).toBe(true);
    expect(isFork(pullRequestEvent(1))).toBe(false);
    // A pull request inside a repository that is itself a fork: head.repo.fork is true, but it is not from another repository.
    expect(isFork(pullRequestEvent(1, { repoIsFork: true }))).toBe(false);
    expect(isFork(pullRequestEvent(1, { fork: true, repoIsFork: true }))).toBe(true);
    // By id when both have one: a renamed base (stale name in one place) is still the same repository.
    expect(isFork({ pull_request: { head: { repo: { id: 7, full_name: 'acme/old' } }, base: { repo: { id: 7, full_name: 'acme/new' } } } })).toBe(false);
    expect(isFork({ pull_request: { head: { repo: { id: 8, full_name: 'acme/b' } }, base: { repo: { id: 7, full_name: 'acme/b' } } } })).toBe(true);
    // By name, case-insensitively, when ids are missing.
    expect(isFork({ pull_request: { head: { repo: { full_name: 'a/b' } }, base: { repo: { full_name: 'c/b' } } } })).toBe(true);
    expect(isFork({ pull_request: { head: { repo: { full_name: 'Acme/B' } }, base: { repo: { full_name: 'acme/b' } } } })).toBe(false);
    // A deleted head repository (head.repo null) was a fork.
    expect(isFork({ pull_request: { head: { repo: null }, base: { repo: { full_name: 'c/b' } } } })).toBe(true);
    expect(isFork(pushEvent())).toBe(false);
  });
});

describe('inputs', () => {
  it('has defaults and masks the token', () => {
    const io = new FakeIO();
    expect(readInputs(io)).toEqual({
      mode: 'auto',
      config: 'access.yaml',
      comment: 'true',
      force: false,
      report: false,
      scope: 'auto',
      githubToken: 'ghs_workflowtoken',
    });
    expect(io.secrets).toContain('ghs_workflowtoken');
  });
  it('explains bad values', () => {
    expect(() => readInputs(new FakeIO({ comment: 'yes' }))).toThrow('Input "comment" is "yes": expected one of true, changes-only, false.');
    expect(() => readInputs(new FakeIO({ force: 'maybe' }))).toThrow('expected true or false');
    expect(() => readInputs(new FakeIO({ 'role-to-assume': 'idc-plan' }))).toThrow(/expected a role ARN/);
    expect(() => readInputs(new FakeIO({ 'aws-region': 'Europe' }))).toThrow(/expected a region/);
  });
});

describe('credentials', () => {
  const base = {
    roleArn: 'arn:aws:iam::111122223333:role/idc-gitops-plan',
    region: 'eu-west-1',
    repository: 'acme/access',
    subjectHint: 'pull_request',
    sessionName: 'idc-gitops-1',
  };

  it('exchanges the GitHub OIDC token for role credentials, lazily, and masks everything', async () => {
    const io = new FakeIO();
    const seen: unknown[] = [];
    const provider = oidcCredentials({
      ...base,
      io,
      fromWebToken: (init) => {
        seen.push(init);
        return async () => ({ accessKeyId: 'AKIAFAKE', secretAccessKey: 'secret', sessionToken: 'session', expiration: new Date(Date.now() + 3600_000) });
      },
    });
    expect(seen).toHaveLength(0);
    const creds = await provider();
    await provider();
    expect(creds.accessKeyId).toBe('AKIAFAKE');
    expect(seen).toEqual([
      { roleArn: base.roleArn, webIdentityToken: 'eyJhbGciOi.fake-oidc.token', roleSessionName: 'idc-gitops-1', clientConfig: { region: 'eu-west-1' } },
    ]);
    expect(io.secrets).toEqual(['eyJhbGciOi.fake-oidc.token', 'secret', 'session']);
    expect(io.logs.join('\n')).not.toContain('secret');
  });

  it('says which trust policy subject to allow when the role cannot be assumed', async () => {
    const provider = oidcCredentials({
      ...base,
      io: new FakeIO(),
      fromWebToken: () => async () => {
        throw new Error('Not authorized to perform sts:AssumeRoleWithWebIdentity (token eyJa.bcd.efg)');
      },
    });
    const error = await provider().then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('CredentialsError');
    expect(error?.message).toContain('Could not assume role arn:aws:iam::111122223333:role/idc-gitops-plan with GitHub OIDC: Not authorized');
    expect(error?.message).toContain("check the role's trust policy allows sub repo:acme/access:pull_request");
    expect(error?.message).not.toContain('eyJa.bcd.efg');
  });

  it('explains a missing id-token permission', async () => {
    const io = new FakeIO();
    io.idToken = async () => {
      throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
    };
    const provider = oidcCredentials({ ...base, io, fromWebToken: () => async () => ({ accessKeyId: 'a', secretAccessKey: 'b' }) });
    await expect(provider()).rejects.toThrow(/permissions: id-token: write/);
  });

  it('names the subject for pushes', () => {
    expect(subjectHint('push', 'refs/heads/main')).toBe('ref:refs/heads/main');
    expect(subjectHint('pull_request', 'refs/pull/1/merge')).toBe('pull_request');
  });
});

describe('merged pull request', () => {
  it('picks the merged pull request whose merge commit is the pushed commit', async () => {
    const pulls = [
      { number: 1, state: 'open', mergedAt: null, mergeCommitSha: 'sha' },
      { number: 2, state: 'closed', mergedAt: '2026-01-01T00:00:00Z', mergeCommitSha: 'other' },
      { number: 3, state: 'closed', mergedAt: '2026-01-01T00:00:00Z', mergeCommitSha: 'sha' },
    ];
    const client = { listPullRequestsForCommit: async () => pulls } as never;
    expect((await findMergedPullRequest(client, { owner: 'a', repo: 'b' }, 'sha'))?.number).toBe(3);
    expect(await findMergedPullRequest(client, { owner: 'a', repo: 'b' }, 'none')).toBeUndefined();
  });
});
