/**
 * Safety before merge, end to end with the bundled Action (dist/index.js) against the emulator:
 * a pull request whose plan exceeds `safety.max_deletes` gets a comment that starts with the
 * refusal, and the plan step fails with `failure-reason: unsafe` (so a required check stops the
 * merge); the same file within the limit passes. If it is merged anyway, apply refuses again.
 *
 * dist/ must be current (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSY_YAML, messyWorld } from './fixtures/messy.js';
import {
  ACTION,
  annotations,
  headerOf,
  pullRequestPayload,
  pushPayload,
  runAction,
  sha,
  startActionWorld,
  type ActionRun,
  type ActionWorld,
} from './action-harness.js';

let w: ActionWorld;
beforeAll(async () => {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run npm run build`);
  w = await startActionWorld(messyWorld());
});
afterAll(async () => {
  await w?.close();
});

const explain = (run: ActionRun): string => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}\n--- summary\n${run.summary}`;
const writes = (): string[] => Object.keys(w.emu.calls()).filter((op) => !/:(List|Describe|Get)/.test(op));
/** The comment as a reader sees it: without our hidden header line. */
const visible = (body: string): string => body.slice(body.indexOf('-->') + 3).trimStart();

const TOO_MANY = MESSY_YAML.replace('max_deletes: 50', 'max_deletes: 3');
const MAX_DELETES_LINE = MESSY_YAML.split('\n').findIndex((l) => l.includes('max_deletes: 50')) + 1;
const PR = 41;

/** A new commit on the pull request with `text` as access.yaml, and the plan run it triggers. */
async function pushToPull(text: string, head: string, merge: string): Promise<ActionRun> {
  await w.writeConfig(text);
  w.github.pulls.find((p) => p.number === PR)!.commits.push(sha(head));
  return runAction(w, { eventName: 'pull_request', payload: pullRequestPayload(PR, { action: 'synchronize', headSha: sha(head) }), sha: sha(merge) });
}

describe('the Action refuses, before merge, a plan apply would refuse', () => {
  it('over max_deletes: the comment starts with the refusal and the step fails with failure-reason unsafe', async () => {
    await w.writeConfig(TOO_MANY);
    w.github.addPull({ number: PR, commits: [sha('a')] });
    const run = await runAction(w, { eventName: 'pull_request', payload: pullRequestPayload(PR, { headSha: sha('a') }), sha: sha('1') });

    expect(run.code, explain(run)).toBe(1);
    expect(run.outputs).toMatchObject({ 'failure-reason': 'unsafe', 'has-changes': 'true', deletes: '7' });
    const comments = w.github.commentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(headerOf(comments[0])).toMatchObject({ status: 'planned', planHash: run.outputs['plan-hash'] });
    const body = visible(comments[0]!.body);
    expect(body.split('\n').slice(0, 4)).toEqual([
      '> [!CAUTION]',
      '> **Apply will refuse this plan**: a safety check fails. Merged as it is, the apply changes nothing in AWS IAM Identity Center and fails.',
      '>',
      `> - **too many deletions (safety.max\\_deletes)** (access.yaml:${MAX_DELETES_LINE}): plan deletes 7 objects; safety.max\\_deletes is 3: check that every deletion is intended, then raise safety.max\\_deletes or apply with force`,
    ]);
    // The failure in the log, and the refusal annotated on the max_deletes line of the file.
    expect(run.stdout).toContain('::error::Apply will refuse this plan: 1 safety check fails (max-deletes-exceeded)');
    expect(annotations(run.stdout)).toContainEqual({
      props: { file: 'access.yaml', line: String(MAX_DELETES_LINE), col: '16' },
      message: expect.stringContaining('plan deletes 7 objects; safety.max_deletes is 3') as string,
    });
    expect(run.summary).toContain('> [!CAUTION]\n> **Apply will refuse this plan**: a safety check fails.');
    expect(writes()).toEqual([]);
  });

  it('the same file within the limit passes, and the comment no longer warns', async () => {
    const run = await pushToPull(MESSY_YAML, 'b', '2');

    expect(run.code, explain(run)).toBe(0);
    expect(run.outputs).toMatchObject({ 'failure-reason': '', 'has-changes': 'true', deletes: '7' });
    const comments = w.github.commentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(visible(comments[0]!.body)).toMatch(/^## idc-gitops plan · access\.yaml/);
    expect(comments[0]!.body).not.toContain('Apply will refuse');
    expect(writes()).toEqual([]);
  });

  it('merged over the limit anyway (no branch protection): apply checks again, refuses, and changes nothing', async () => {
    const planned = await pushToPull(TOO_MANY, 'c', '3');
    expect(planned.outputs['failure-reason'], explain(planned)).toBe('unsafe');
    const before = w.emu.dump();

    w.github.mergePull(PR, sha('e'));
    const run = await runAction(w, { eventName: 'push', payload: pushPayload(sha('e')), sha: sha('e') });
    expect(run.code, explain(run)).toBe(1);
    expect(run.outputs['failure-reason']).toBe('unsafe');
    expect(w.github.commentsOn(PR)[0]!.body).toContain('plan deletes 7 objects; safety.max\\_deletes is 3');
    expect(w.emu.dump()).toEqual(before);
    expect(writes()).toEqual([]);
  });
});
