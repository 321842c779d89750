/**
 * The early "nothing to plan" exit: a pull request or a push that changes no file the
 * configuration reads (access.yaml and its `inline_policy_file`s) succeeds without reading AWS;
 * anything GitHub cannot vouch for is planned or applied as usual.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseHeader } from '../../src/github/comment-header.js';
import { startFakeGitHub, type FakeFile, type FakeGitHub } from './fake-github.js';
import { FakeEngine, planCreating } from './fakes.js';
import { pullRequestEvent, pushEvent, runWithFakes } from './harness.js';

const ACCESS = ['version: 1', 'permission_sets:', '  Admin:', '    inline_policy_file: policies/admin.json', ''].join('\n');
const BEFORE = '1'.repeat(40);
const AFTER = 'd'.repeat(40);

let github: FakeGitHub;
let workspace: string;
beforeEach(async () => {
  github = await startFakeGitHub();
  workspace = await mkdtemp(join(tmpdir(), 'idc-changed-'));
  await mkdir(join(workspace, '.git'));
  await mkdir(join(workspace, 'policies'));
  await writeFile(join(workspace, 'access.yaml'), ACCESS);
  await writeFile(join(workspace, 'policies/admin.json'), '{"Version":"2012-10-17","Statement":[]}');
});
afterEach(async () => {
  await github.close();
  await rm(workspace, { recursive: true, force: true });
});

const files = (...names: string[]): FakeFile[] => names.map((filename) => ({ filename, status: 'modified' }));

function planPr(number: number, engine: FakeEngine, payload = pullRequestEvent(number)) {
  return runWithFakes({ github, engine, eventName: 'pull_request', payload, workspace });
}

describe('loadConfig: the files a config reads', () => {
  it('the config and every inline_policy_file, relative to the repository root, with symlinks and their targets', async () => {
    await mkdir(join(workspace, 'infra/shared'), { recursive: true });
    await writeFile(join(workspace, 'infra/shared/real.json'), '{}');
    await symlink('shared/real.json', join(workspace, 'infra/linked.json'));
    const text = [
      'version: 1',
      'permission_sets:',
      '  A:',
      '    inline_policy_file: linked.json',
      '  B:',
      '    inline_policy_file: missing.json',
      '  C:',
      '    inline_policy_file: ../../outside.json',
      '',
    ].join('\n');
    await writeFile(join(workspace, 'infra/access.yaml'), text);
    const loaded = await loadConfig('infra/access.yaml', { cwd: workspace });
    // Invalid or not, unreadable or not: the names are what a change must be compared with.
    expect(loaded.files).toEqual(['infra/access.yaml', 'infra/linked.json', 'infra/missing.json', 'infra/shared/real.json']);
  });

  it('a config that cannot be read still names itself', async () => {
    expect((await loadConfig('nope.yaml', { cwd: workspace })).files).toEqual(['nope.yaml']);
  });
});

describe('pull request', () => {
  it('changes only README.md: no engine call, no comment, success, outputs say skipped', async () => {
    github.addPull({ number: 5, files: files('README.md', 'docs/setup.md') });
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    const run = await planPr(5, engine);

    expect(run.ok).toBe(true);
    expect(run.io.failed).toBeUndefined();
    expect(engine.calls).toEqual([]);
    expect(github.commentsOn(5)).toHaveLength(0);
    expect(github.requestsMatching('POST', /comments$/)).toHaveLength(0);
    expect(run.io.outputs).toMatchObject({ 'has-changes': 'false', 'plan-hash': '', skipped: 'no-config-change', 'failure-reason': '' });
    expect(run.io.summary).toContain('Nothing to plan');
    expect(run.io.summary).toContain('`policies/admin.json`');
  });

  it('changes only the policy file named by inline_policy_file: planned', async () => {
    github.addPull({ number: 6, files: files('README.md', 'policies/admin.json') });
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    const run = await planPr(6, engine);
    expect(run.ok).toBe(true);
    expect(engine.methods()).toEqual(['validate', 'plan']);
    expect(run.io.outputs).toMatchObject({ 'has-changes': 'true', skipped: '' });
    expect(parseHeader(github.commentsOn(6)[0]!.body)?.planHash).toBe(engine.pending.hash);
  });

  it('renames a file the config reads away (previous_filename): planned', async () => {
    github.addPull({ number: 7, files: [{ filename: 'policies/old-admin.json', status: 'renamed', previous_filename: 'policies/admin.json' }] });
    const engine = new FakeEngine();
    const run = await planPr(7, engine);
    expect(engine.methods()).toEqual(['validate', 'plan']);
    expect(run.io.outputs['skipped']).toBe('');
  });

  it('finds access.yaml on the second page of a 150-file pull request', async () => {
    const many = Array.from({ length: 149 }, (_, i) => `src/file-${String(i).padStart(3, '0')}.ts`);
    github.addPull({ number: 8, files: files(...many, 'access.yaml') });
    const engine = new FakeEngine();
    await planPr(8, engine);
    expect(engine.methods()).toEqual(['validate', 'plan']);
    expect(github.requestsMatching('GET', /\/pulls\/8\/files$/).map((r) => r.query['page'] ?? '1')).toEqual(['1', '2']);
  });

  it('plans as usual when GitHub cannot list everything (over 3,000 files) or the listing fails', async () => {
    github.addPull({ number: 9, files: files(...Array.from({ length: 3001 }, (_, i) => `f${i}`)) });
    const payload = pullRequestEvent(9);
    payload.pull_request!.changed_files = 3001;
    let engine = new FakeEngine();
    await planPr(9, engine, payload);
    expect(engine.methods()).toEqual(['validate', 'plan']);
    // Not even asked: the payload says the list would be cut.
    expect(github.requestsMatching('GET', /\/pulls\/9\/files$/)).toHaveLength(0);

    engine = new FakeEngine();
    const run = await planPr(404, engine); // no such pull request: 404
    expect(engine.methods()).toEqual(['validate', 'plan']);
    expect(run.io.logs.join('\n')).toMatch(
      /could not tell which files the pull request changes \(Listing the files acme\/access#404 changes: GitHub answered 404/,
    );
  });

  it('an earlier push changed access.yaml, a later one reverted it: the comment says the pull request no longer changes the configuration', async () => {
    const pull = github.addPull({ number: 10, files: files('access.yaml', 'README.md') });
    const engine = new FakeEngine();
    engine.pending = planCreating(['jonathan']);
    await planPr(10, engine);
    const first = github.commentsOn(10)[0]!;
    expect(parseHeader(first.body)?.planHash).toBe(engine.pending.hash);

    pull.files = files('README.md');
    const run = await planPr(10, engine);
    expect(run.ok).toBe(true);
    expect(engine.methods()).toEqual(['validate', 'plan']); // only the first run's
    const comments = github.commentsOn(10);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.id).toBe(first.id);
    expect(comments[0]!.body).toContain('no longer changes `access.yaml` or any file it reads');
    expect(comments[0]!.body).not.toContain('create user jonathan');
    // No reviewed plan is left for a merge to apply.
    expect(parseHeader(comments[0]!.body)).toMatchObject({ planHash: '', status: 'planned' });

    // Pushed again without config changes: the comment is left as it is (no second edit).
    await planPr(10, engine);
    expect(github.requestsMatching('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
  });
});

describe('push to main', () => {
  it('changes nothing the config reads: no engine call, no pull request lookup, success', async () => {
    github.addComparison(BEFORE, AFTER, { status: 'ahead', files: files('README.md', 'src/app.ts') });
    const engine = new FakeEngine();
    engine.pending = planCreating(['drifted']); // AWS drifted: must not fail this merge
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent({ before: BEFORE, after: AFTER }), sha: AFTER, workspace });
    expect(run.ok).toBe(true);
    expect(run.mode).toBe('apply');
    expect(engine.calls).toEqual([]);
    expect(github.requestsMatching('GET', /\/commits\/[^/]+\/pulls$/)).toHaveLength(0);
    expect(run.io.outputs).toMatchObject({ skipped: 'no-config-change', 'failure-reason': '' });
    expect(run.io.summary).toContain('Nothing to apply: this push changes neither `access.yaml`');
  });

  it('changes a policy file: applies as usual', async () => {
    github.addComparison(BEFORE, AFTER, { status: 'ahead', files: files('policies/admin.json') });
    const engine = new FakeEngine();
    engine.pending = planCreating(['drifted']);
    const run = await runWithFakes({ github, engine, eventName: 'push', payload: pushEvent({ before: BEFORE, after: AFTER }), sha: AFTER, workspace });
    expect(engine.methods()).toEqual(['plan']);
    expect(run.failureReason).toBe('no-reviewed-plan');
  });

  it('cannot tell (new branch, force push, unknown commit, 300 files): behaves as today', async () => {
    github.addComparison(BEFORE, 'e'.repeat(40), { status: 'ahead', files: files(...Array.from({ length: 300 }, (_, i) => `f${i}`)) });
    github.addComparison('2'.repeat(40), AFTER, { status: 'diverged', files: files('README.md') });
    const cases = [
      pushEvent({ before: '0'.repeat(40), after: AFTER }),
      pushEvent({ before: BEFORE, after: AFTER, forced: true }),
      pushEvent({ before: '9'.repeat(40), after: AFTER }), // 404
      pushEvent({ before: BEFORE, after: 'e'.repeat(40) }),
      pushEvent({ before: '2'.repeat(40), after: AFTER }),
      pushEvent(),
    ];
    for (const payload of cases) {
      const engine = new FakeEngine();
      const run = await runWithFakes({ github, engine, eventName: 'push', payload, sha: AFTER, workspace });
      expect(engine.methods(), JSON.stringify(payload)).toEqual(['plan']);
      expect(run.io.outputs['skipped']).toBe('');
    }
  });
});
