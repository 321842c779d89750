/**
 * The Action's plan step on a plan apply will refuse: the step fails with `failure-reason: unsafe`
 * (branch protection stops the merge), the comment starts with the refusal, the refusal is
 * annotated where access.yaml says it, and the outputs still describe the plan.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHeader } from '../../src/github/comment-header.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { FakeEngine, planCreating, refusedPlan } from './fakes.js';
import { pullRequestEvent, runWithFakes } from './harness.js';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(async () => {
  await github.close();
});

describe('plan step: a plan apply will refuse', () => {
  it('fails with failure-reason unsafe, comments the refusal first, annotates it on access.yaml', async () => {
    const engine = new FakeEngine();
    const plan = refusedPlan(planCreating(['jonathan']), ['plan deletes 12 objects; safety.max_deletes is 10']);
    engine.pending = {
      ...plan,
      safety: { safe: false, refusals: plan.safety.refusals.map((r) => ({ ...r, pos: { file: 'access.yaml', line: 4, col: 16 } })) },
    };
    github.addPull({ number: 31 });

    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(31), render: renderMarkdown });

    expect(run.ok).toBe(false);
    expect(run.failureReason).toBe('unsafe');
    expect(run.io.outputs).toMatchObject({ 'failure-reason': 'unsafe', 'has-changes': 'true', creates: '1', 'plan-hash': plan.hash });
    expect(run.io.failed).toBe(
      'Apply will refuse this plan: 1 safety check fails (max-deletes-exceeded); see the pull request comment or the job summary. Fix access.yaml before merging.',
    );
    expect(run.io.annotations).toContainEqual({
      level: 'error',
      message: 'plan deletes 12 objects; safety.max_deletes is 10',
      properties: { file: 'access.yaml', startLine: 4, startColumn: 16 },
    });
    const body = github.commentsOn(31)[0]!.body;
    expect(parseHeader(body)).toMatchObject({ status: 'planned', planHash: plan.hash });
    const visible = body.slice(body.indexOf('\n') + 1).trimStart();
    expect(visible.startsWith('> [!CAUTION]\n> **Apply will refuse this plan**: a safety check fails.')).toBe(true);
    expect(run.io.summary).toContain('Apply will refuse this plan');
  });

  it('passes a safe plan', async () => {
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    github.addPull({ number: 32 });
    const run = await runWithFakes({ github, engine, eventName: 'pull_request', payload: pullRequestEvent(32), render: renderMarkdown });
    expect(run.ok).toBe(true);
    expect(run.io.outputs['failure-reason']).toBe('');
    expect(github.commentsOn(32)[0]!.body).not.toMatch(/CAUTION|Apply will refuse/);
  });
});
