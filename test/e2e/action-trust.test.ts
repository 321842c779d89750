/**
 * The Action end to end (dist/index.js as GitHub runs it) with the IAM roles of examples/iam
 * enforced by the emulator's STS, and a GitHub App installation token as `github-token`:
 * - a pull request inside a repository that is itself a fork is planned, with the plan role;
 * - a pull request's token is refused by the apply role's trust policy;
 * - with an App token the same comment is edited on every push, and the merge applies;
 * - the plan role's credentials are refused on every write (an apply run with them changes nothing).
 *
 * dist/ must be current (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRoleArn, exampleRoles, planRoleArn } from '../../emulator/example-roles.js';
import { readWorldFile, type World } from '../../emulator/index.js';
import {
  ACTION,
  headerOf,
  OWNER,
  pullRequestPayload,
  pushPayload,
  REPO,
  ROOT,
  runAction,
  sha,
  startActionWorld,
  withUser,
  type ActionRun,
  type ActionWorld,
} from './action-harness.js';

const ACCOUNT = '111122223333';
const PLAN_ROLE = planRoleArn(ACCOUNT);
const APPLY_ROLE = applyRoleArn(ACCOUNT);
/** An installation token of the GitHub App `idc-bot` (what actions/create-github-app-token outputs). */
const APP_TOKEN = 'ghs_idcbotinstallation000000000000000000';
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

let w: ActionWorld;
let example: string;

beforeAll(async () => {
  if (!existsSync(ACTION)) throw new Error(`${ACTION} is missing: run npm run build`);
  example = await readFile(join(ROOT, 'access.yaml'), 'utf8');
  w = await startActionWorld(await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')), {
    iam: exampleRoles({ accountId: ACCOUNT, owner: OWNER, repo: REPO }),
    github: { apps: { [APP_TOKEN]: 'idc-bot' } },
  });
});
afterAll(async () => {
  await w?.close();
});

function explain(run: ActionRun): string {
  return `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}\n--- summary\n${run.summary}`;
}

const userNames = (world: World): string[] => (world.users ?? []).map((u) => u.userName).sort();
const withRole = (role: string, extra: Record<string, string> = {}) => ({
  with: { 'role-to-assume': role, 'aws-region': 'us-east-1', ...extra },
  awsEnv: false,
});
/** Identity Center / Organizations write calls the emulator received. */
const writeCalls = (): number =>
  Object.entries(w.emu.calls())
    .filter(([k]) => !k.startsWith('sts:') && /:(Create|Update|Delete|Put|Attach|Detach|Tag|Untag|Provision)/.test(k))
    .reduce((n, [, v]) => n + v, 0);

describe('the Action with the examples/iam roles enforced', () => {
  it('a pull request inside a repository that is itself a fork gets a plan, with the plan role', async () => {
    await w.writeConfig(example);
    w.github.addPull({ number: 1, commits: [sha('a')] });
    const run = await runAction(w, {
      eventName: 'pull_request',
      payload: pullRequestPayload(1, { headSha: sha('a'), repoIsFork: true }),
      sha: sha('1'),
      ...withRole(PLAN_ROLE),
    });

    expect(run.code, explain(run)).toBe(0);
    expect(run.summary).not.toContain('Plan skipped');
    expect(run.outputs['has-changes']).toBe('true');
    expect(headerOf(w.github.commentsOn(1)[0])).toMatchObject({ status: 'planned', planHash: run.outputs['plan-hash'] });
    expect(w.emu.calls()['sts:AssumeRoleWithWebIdentity']).toBe(1);
    expect(w.emu.errors()).toEqual({});
  });

  it("a pull request's token cannot assume the apply role: the run fails with credentials and says which sub to trust", async () => {
    w.github.addPull({ number: 2, commits: [sha('b')] });
    const before = w.emu.dump();
    const run = await runAction(w, {
      eventName: 'pull_request',
      payload: pullRequestPayload(2, { headSha: sha('b') }),
      sha: sha('2'),
      ...withRole(APPLY_ROLE),
    });

    expect(run.code, explain(run)).toBe(1);
    expect(run.outputs['failure-reason']).toBe('credentials');
    expect(run.stdout).toContain(`Could not assume role ${APPLY_ROLE} with GitHub OIDC: Not authorized to perform sts:AssumeRoleWithWebIdentity`);
    expect(run.stdout).toContain(`repo:${OWNER}/${REPO}:pull_request`);
    expect(w.emu.errors()).toEqual({ AccessDenied: 1 });
    expect(w.emu.dump()).toEqual(before);
  });

  it('with a GitHub App installation token: one comment, edited on every push, and the merge applies it', async () => {
    const app = { 'github-token': APP_TOKEN };
    w.github.addPull({ number: 3, commits: [sha('c')] });
    const first = await runAction(w, {
      eventName: 'pull_request',
      payload: pullRequestPayload(3, { headSha: sha('c') }),
      sha: sha('3'),
      ...withRole(PLAN_ROLE, app),
    });
    expect(first.code, explain(first)).toBe(0);

    await w.writeConfig(withUser(example, 'maria'));
    w.github.pulls.find((p) => p.number === 3)!.commits.push(sha('d'));
    const second = await runAction(w, {
      eventName: 'pull_request',
      payload: pullRequestPayload(3, { action: 'synchronize', headSha: sha('d') }),
      sha: sha('4'),
      ...withRole(PLAN_ROLE, app),
    });
    expect(second.code, explain(second)).toBe(0);
    const comments = w.github.commentsOn(3);
    expect(comments.map((c) => c.user.login)).toEqual(['idc-bot[bot]']);
    expect(headerOf(comments[0]).planHash).toBe(second.outputs['plan-hash']);

    w.github.mergePull(3, sha('e'));
    const apply = await runAction(w, { eventName: 'push', payload: pushPayload(sha('e')), sha: sha('e'), ...withRole(APPLY_ROLE, app) });
    expect(apply.code, explain(apply)).toBe(0);
    expect(apply.outputs['failure-reason']).toBe('');
    expect(headerOf(w.github.commentsOn(3)[0])).toMatchObject({ status: 'applied', planHash: second.outputs['plan-hash'] });
    expect(w.github.commentsOn(3)).toHaveLength(1);
    expect(userNames(w.emu.dump())).toEqual(['jonathan', 'maria']);
  });

  it("the plan role's credentials are refused on every write: an apply run with them changes nothing", async () => {
    await w.writeConfig(withUser(withUser(example, 'maria'), 'priya'));
    w.github.addPull({ number: 4, commits: [sha('f')] });
    const planned = await runAction(w, {
      eventName: 'pull_request',
      payload: pullRequestPayload(4, { headSha: sha('f') }),
      sha: sha('5'),
      ...withRole(PLAN_ROLE),
    });
    expect(planned.code, explain(planned)).toBe(0);
    w.github.mergePull(4, sha('9'));
    const before = w.emu.dump();
    const writesBefore = writeCalls();
    const deniedBefore = w.emu.errors()['AccessDeniedException'] ?? 0;

    // A misconfigured apply workflow: the plan role on main (its trust policy allows main, for the drift check).
    const run = await runAction(w, { eventName: 'push', payload: pushPayload(sha('9')), sha: sha('9'), ...withRole(PLAN_ROLE) });

    expect(run.code, explain(run)).toBe(1);
    expect(run.outputs['failure-reason']).toBe('apply-failed');
    const writes = writeCalls() - writesBefore;
    const denied = (w.emu.errors()['AccessDeniedException'] ?? 0) - deniedBefore;
    expect(writes, explain(run)).toBeGreaterThan(0);
    expect(denied).toBe(writes);
    expect(`${run.stdout}\n${run.summary}`).toMatch(/not authorized to perform: identitystore:CreateUser/);
    expect(w.emu.dump()).toEqual(before);
    expect(headerOf(w.github.commentsOn(4)[0]).status).toBe('failed');
  });
});
