/**
 * The Action end to end, as GitHub runs it: the bundled dist/index.js as a child process (INPUT_*
 * and GITHUB_* variables, an event payload file, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT), against
 * the fake GitHub REST API and the Identity Center emulator. One story, in order: a pull request
 * is opened, updated and merged (applied); a second one is overtaken by a change made by hand and
 * refused; a fork's pull request is only validated; an invalid file is annotated and fails.
 * Assertions are what a user sees: comments, outputs, summaries, exit codes, and AWS's state.
 *
 * dist/ must be current (`npm run build`; CI checks it): this test runs what GitHub would run.
 */
import { DeleteUserCommand } from '@aws-sdk/client-identitystore';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWorldFile, type World } from '../../emulator/index.js';
import { clients } from '../../emulator/sdk-clients.js';
import {
  ACTION,
  actionManifest,
  OIDC_REQUEST_TOKEN,
  annotations,
  headerOf,
  pullRequestPayload,
  pushPayload,
  ROOT,
  runAction,
  runCli,
  sha,
  startActionWorld,
  type ActionRun,
  type ActionWorld,
  withUser,
} from './action-harness.js';

const RUN_URL = 'https://github.com/acme/access/actions/runs/7001';
/** As in examples/workflows/plan.yml. */
const PLAN_ROLE = 'arn:aws:iam::111122223333:role/idc-gitops-plan';
// The test's own SDK clients (the change made by hand) would warn about the Node version.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

let w: ActionWorld;
let example: string;

beforeAll(async () => {
  expect(join(ROOT, actionManifest().runs.main)).toBe(ACTION);
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run npm run build`);
  example = await readFile(join(ROOT, 'access.yaml'), 'utf8');
  w = await startActionWorld(await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')));
});
afterAll(async () => {
  await w?.close();
});

/** The child's log on failure, so a red test says why. */
function explain(run: ActionRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}\n--- summary\n${run.summary}`;
}

const totalCalls = (): number => Object.values(w.emu.calls()).reduce((a, b) => a + b, 0);
const userNames = (world: World): string[] => (world.users ?? []).map((u) => u.userName).sort();
const setNames = (world: World): string[] => (world.permissionSets ?? []).map((p) => p.name).sort();

describe('the Action (dist/index.js) on GitHub events', () => {
  const PR = 1;
  const MERGE = sha('d');
  let reviewedHash = '';
  let firstBody = '';

  it('1. pull request opened: one comment with the plan hash, the plan in the summary, outputs', async () => {
    await w.writeConfig(example);
    w.github.addPull({ number: PR, commits: [sha('a')] });
    const run = await runAction(w, { eventName: 'pull_request', payload: pullRequestPayload(PR, { headSha: sha('a') }), sha: sha('1') });

    expect(run.code, explain(run)).toBe(0);
    const comments = w.github.commentsOn(PR);
    expect(comments).toHaveLength(1);
    const head = headerOf(comments[0]);
    expect(head).toMatchObject({ version: 1, status: 'planned', config: 'access.yaml' });
    expect(head.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect(comments[0]!.user.login).toBe('github-actions[bot]');
    expect(comments[0]!.body).toContain('jonathan');
    expect(comments[0]!.body).toContain('UploadBackups');
    expect(comments[0]!.body).toContain(RUN_URL);

    expect(Object.keys(run.outputs).sort()).toEqual(Object.keys(actionManifest().outputs).sort());
    expect(run.outputs).toMatchObject({ 'has-changes': 'true', 'plan-hash': head.planHash, 'failure-reason': '' });
    expect(Number(run.outputs['creates'])).toBeGreaterThanOrEqual(5); // user, 2 sets, 2 assignments
    expect(run.outputs['deletes']).toBe('0');
    expect(run.summary).toContain(head.planHash);
    for (const thing of ['jonathan', 'ReadOnly', 'UploadBackups', 's3:PutObject']) expect(run.summary).toContain(thing);
    // Planning does not touch AWS's state; the comments were listed once, not once per step.
    expect(userNames(w.emu.dump())).toEqual([]);
    expect(w.github.requestsMatching('GET', /\/issues\/1\/comments$/)).toHaveLength(1);
    reviewedHash = head.planHash;
    firstBody = comments[0]!.body;
  });

  it('2. pull request updated: the same comment is edited with the new plan', async () => {
    await w.writeConfig(withUser(example, 'maria'));
    w.github.pulls.find((p) => p.number === PR)!.commits.push(sha('b'));
    const run = await runAction(w, {
      eventName: 'pull_request',
      payload: pullRequestPayload(PR, { action: 'synchronize', headSha: sha('b') }),
      sha: sha('2'),
    });

    expect(run.code, explain(run)).toBe(0);
    const comments = w.github.commentsOn(PR);
    expect(comments).toHaveLength(1);
    const head = headerOf(comments[0]);
    expect(head.status).toBe('planned');
    expect(head.planHash).not.toBe(reviewedHash);
    expect(head.planHash).toBe(run.outputs['plan-hash']);
    expect(comments[0]!.body).not.toBe(firstBody);
    expect(comments[0]!.body).toContain('maria');
    expect(w.github.requestsMatching('POST', /\/issues\/\d+\/comments$/)).toHaveLength(1);
    expect(w.github.requestsMatching('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
    reviewedHash = head.planHash;
  });

  it('3. merge: the reviewed plan is applied, the comment marked applied, and a new plan is empty', async () => {
    w.github.mergePull(PR, MERGE);
    const run = await runAction(w, { eventName: 'push', payload: pushPayload(MERGE), sha: MERGE });

    expect(run.code, explain(run)).toBe(0);
    expect(run.outputs).toMatchObject({ 'has-changes': 'true', 'plan-hash': reviewedHash, 'failure-reason': '' });
    const comments = w.github.commentsOn(PR);
    expect(comments).toHaveLength(1);
    expect(headerOf(comments[0])).toMatchObject({ status: 'applied', planHash: reviewedHash });
    expect(comments[0]!.body).toMatch(/applied/i);
    expect(comments[0]!.body).toContain(RUN_URL);
    expect(run.summary).toMatch(/Applied \d+ of \d+ changes/);

    const world = w.emu.dump();
    expect(userNames(world)).toEqual(['jonathan', 'maria']);
    expect(setNames(world)).toEqual(['ReadOnly', 'UploadBackups']);
    const arnOf = new Map((world.permissionSets ?? []).map((p) => [p.arn, p.name]));
    const nameOf = new Map((world.users ?? []).map((u) => [u.id, u.userName]));
    const assignments = (world.assignments ?? [])
      .map((a) => `${arnOf.get(a.permissionSet) ?? a.permissionSet} ${nameOf.get(a.principalId)} ${a.accountId}`)
      .sort();
    expect(assignments).toEqual(['ReadOnly jonathan 111122223333', 'ReadOnly maria 111122223333', 'UploadBackups jonathan 111122223333']);

    // A fresh plan, the way a user would check: the Action in plan mode, and the CLI.
    const replan = await runAction(w, { eventName: 'push', payload: pushPayload(MERGE), sha: MERGE, with: { mode: 'plan' } });
    expect(replan.code, explain(replan)).toBe(0);
    expect(replan.outputs).toMatchObject({ 'has-changes': 'false', creates: '0', updates: '0', deletes: '0', 'failure-reason': '' });
    const cli = await runCli(w, ['plan', 'access.yaml']);
    expect(cli.code, `${cli.stdout}\n${cli.stderr}`).toBe(0);
    expect(cli.stdout).toMatch(/no changes/i);

    // "Re-run jobs" on the merge: nothing left to do, a success, the comment left as it was.
    const body = w.github.commentsOn(PR)[0]!.body;
    const rerun = await runAction(w, { eventName: 'push', payload: pushPayload(MERGE), sha: MERGE });
    expect(rerun.code, explain(rerun)).toBe(0);
    expect(rerun.summary).toContain('Already applied');
    expect(w.github.commentsOn(PR)[0]!.body).toBe(body);
  });

  it('4. state changed between review and merge: the apply is refused and AWS is left alone', async () => {
    const PR2 = 2;
    const MERGE2 = sha('e');
    await w.writeConfig(withUser(withUser(example, 'maria'), 'priya'));
    w.github.addPull({ number: PR2, commits: [sha('c')] });
    const planned = await runAction(w, { eventName: 'pull_request', payload: pullRequestPayload(PR2, { headSha: sha('c') }), sha: sha('3') });
    expect(planned.code, explain(planned)).toBe(0);
    const reviewed = headerOf(w.github.commentsOn(PR2)[0]).planHash;
    expect(reviewed).toBe(planned.outputs['plan-hash']);

    // Someone removes maria in the console before the merge.
    const world = w.emu.dump();
    const maria = world.users!.find((u) => u.userName === 'maria')!;
    await clients(w.emu).ids.send(new DeleteUserCommand({ IdentityStoreId: world.instance.identityStoreId, UserId: maria.id }));
    const before = w.emu.dump();
    expect(userNames(before)).toEqual(['jonathan']);

    w.github.mergePull(PR2, MERGE2);
    const run = await runAction(w, { eventName: 'push', payload: pushPayload(MERGE2), sha: MERGE2 });

    expect(run.code, explain(run)).toBe(1);
    expect(run.outputs['failure-reason']).toBe('plan-changed');
    expect(run.outputs['plan-hash']).not.toBe(reviewed);
    expect(run.stdout).toMatch(/^::error::Apply refused: the plan changed/m);
    const comments = w.github.commentsOn(PR2);
    expect(comments).toHaveLength(1);
    expect(headerOf(comments[0]).status).toBe('failed');
    expect(comments[0]!.body).toMatch(/refused/i);
    expect(comments[0]!.body).toContain('maria'); // the new plan re-creates her: what changed is shown
    expect(run.summary).toMatch(/refused/i);
    expect(w.emu.dump()).toEqual(before);
  });

  it('5. pull request from a fork: validated only, the summary says why, no AWS calls', async () => {
    const PR3 = 3;
    w.github.addPull({ number: PR3, commits: [sha('f')] });
    const calls = totalCalls();
    const tokens = w.oidc.requests.length;
    const run = await runAction(w, {
      eventName: 'pull_request',
      payload: pullRequestPayload(PR3, { headSha: sha('f'), fork: true }),
      sha: sha('4'),
      // The example plan workflow; GitHub gives a fork's pull request no OIDC token.
      with: { 'role-to-assume': PLAN_ROLE, 'aws-region': 'eu-west-1' },
      oidc: false,
      awsEnv: false,
    });

    expect(run.code, explain(run)).toBe(0);
    expect(totalCalls()).toBe(calls);
    expect(w.oidc.requests).toHaveLength(tokens);
    expect(run.summary).toContain('is valid');
    expect(run.summary).toContain('pull requests from forks get no OIDC token');
    expect(run.stdout).toMatch(/^::notice::Pull request from a fork/m);
    expect(run.outputs).toMatchObject({ 'has-changes': 'false', 'plan-hash': '', 'failure-reason': '' });
    expect(w.github.commentsOn(PR3)).toHaveLength(0);
  });

  it('6. invalid access.yaml: annotations at the line and column, and the run fails', async () => {
    const PR4 = 4;
    const broken = example.replace(
      'users: [jonathan]\n    accounts: [management]\n  - permission_set: UploadBackups',
      'users: [jonathn]\n    accounts: [management]\n  - permission_set: UploadBackups',
    );
    expect(broken).not.toBe(example);
    await w.writeConfig(broken);
    w.github.addPull({ number: PR4, commits: [sha('9')] });
    const calls = totalCalls();
    const run = await runAction(w, { eventName: 'pull_request', payload: pullRequestPayload(PR4, { headSha: sha('9') }), sha: sha('5') });

    expect(run.code, explain(run)).toBe(1);
    expect(run.outputs['failure-reason']).toBe('invalid-config');
    const errors = annotations(run.stdout);
    const line = broken.split('\n').findIndex((l) => l.includes('jonathn')) + 1;
    const col = broken.split('\n')[line - 1]!.indexOf('jonathn') + 1;
    expect(errors).toContainEqual({ props: { file: 'access.yaml', line: String(line), col: String(col) }, message: expect.stringContaining('jonathn') });
    expect(run.summary).toContain('is not valid');
    expect(headerOf(w.github.commentsOn(PR4)[0]).status).toBe('failed');
    expect(totalCalls()).toBe(calls);
  });

  it('7. role-to-assume: the Action gets its own OIDC token and assumes the role (no AWS keys in the job)', async () => {
    const PR5 = 5;
    await w.writeConfig(withUser(example, 'maria'));
    w.github.addPull({ number: PR5, commits: [sha('7')] });
    const calls = w.emu.calls()['sts:AssumeRoleWithWebIdentity'] ?? 0;
    const run = await runAction(w, {
      eventName: 'pull_request',
      payload: pullRequestPayload(PR5, { headSha: sha('7') }),
      sha: sha('6'),
      with: { 'role-to-assume': PLAN_ROLE, 'aws-region': 'eu-west-1' },
      awsEnv: false,
    });

    expect(run.code, explain(run)).toBe(0);
    expect(w.oidc.requests.at(-1)).toEqual({ audience: 'sts.amazonaws.com', authorization: `Bearer ${OIDC_REQUEST_TOKEN}` });
    expect(w.emu.calls()['sts:AssumeRoleWithWebIdentity']).toBe(calls + 1);
    expect(headerOf(w.github.commentsOn(PR5)[0]).planHash).toBe(run.outputs['plan-hash']);
    expect(run.outputs['has-changes']).toBe('true');
    // The ID token is masked, and never printed otherwise.
    const masked = /^::add-mask::(eyJ\S+)$/m.exec(run.stdout)?.[1];
    expect(masked, explain(run)).toBeDefined();
    expect(run.stdout.split('\n').filter((l) => l.includes(masked!) && !l.startsWith('::add-mask::'))).toEqual([]);
  });

  it('8. drift check (workflow_dispatch): AWS differs from the file, the job fails, nothing is changed', async () => {
    // AWS still lacks maria (removed by hand in 4); the checked-out file has her.
    await w.writeConfig(withUser(example, 'maria'));
    const before = w.emu.dump();
    const run = await runAction(w, {
      eventName: 'workflow_dispatch',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'acme/access', default_branch: 'main' } },
      sha: sha('e'),
    });

    expect(run.code, explain(run)).toBe(1);
    expect(run.outputs).toMatchObject({ 'has-changes': 'true', 'failure-reason': 'drift' });
    expect(run.summary).toContain('Drift detected');
    expect(run.summary).toContain('maria');
    expect(w.emu.dump()).toEqual(before);
  });

  it('9. a pull request and its merge change no file access.yaml reads: nothing to plan or apply, no AWS call, success despite drift', async () => {
    // AWS still differs from the file (8): a full plan on the merge would fail it as no-reviewed-plan.
    const PR6 = 6;
    w.github.addPull({ number: PR6, commits: [sha('8')], files: [{ filename: 'README.md', status: 'modified' }] });
    const calls = totalCalls();
    const planned = await runAction(w, { eventName: 'pull_request', payload: pullRequestPayload(PR6, { headSha: sha('8') }), sha: sha('8') });

    expect(planned.code, explain(planned)).toBe(0);
    expect(planned.outputs).toMatchObject({ skipped: 'no-config-change', 'has-changes': 'false', 'plan-hash': '', 'failure-reason': '' });
    expect(planned.summary).toContain('Nothing to plan: this pull request changes neither `access.yaml` nor any file it reads');
    expect(w.github.commentsOn(PR6)).toHaveLength(0);

    const MERGE6 = sha('9');
    w.github.mergePull(PR6, MERGE6);
    w.github.addComparison(MERGE, MERGE6, { status: 'ahead', files: [{ filename: 'README.md', status: 'modified' }] });
    const applied = await runAction(w, { eventName: 'push', payload: { ...pushPayload(MERGE6), before: MERGE }, sha: MERGE6 });

    expect(applied.code, explain(applied)).toBe(0);
    expect(applied.outputs).toMatchObject({ skipped: 'no-config-change', 'failure-reason': '' });
    expect(applied.summary).toContain('Nothing to apply');
    expect(totalCalls()).toBe(calls);
    expect(actionManifest().outputs['skipped']?.description).toContain('no-config-change');
  });
});
