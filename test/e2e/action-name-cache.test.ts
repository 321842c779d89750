/**
 * The permission set name cache in the Action (dist/index.js), as the example workflows use it
 * with actions/cache: the drift check writes it (with the time of its full read); a pull
 * request's plan reads it, describes no set its change does not touch, says when the last full
 * read was, and never writes the cache; the apply on merge writes it again. Without a cache the
 * same plan comes out. dist/ must be current (`npm run build`).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, headerOf, pullRequestPayload, pushPayload, runAction, runNode, type ActionRun, type ActionWorld } from './action-harness.js';
import { explain, startGitWorld, type GitWorld } from './git-world.js';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const DESCRIBE = 'sso-admin:DescribePermissionSet';

let w: ActionWorld;
let git: GitWorld['git'];
let cacheDir: string;
let cacheFile: string;
let baseSha = '';
let headSha = '';

/** Runs the Action and counts the DescribePermissionSet calls the emulator received. */
async function describes(runIt: () => Promise<ActionRun>): Promise<{ r: ActionRun; describes: number }> {
  const before = w.emu.calls()[DESCRIBE] ?? 0;
  const r = await runIt();
  return { r, describes: (w.emu.calls()[DESCRIBE] ?? 0) - before };
}

function pullRequest(n: number, cache: boolean): Promise<ActionRun> {
  w.github.addPull({ number: n, commits: [headSha] });
  const payload = pullRequestPayload(n, { headSha });
  (payload['pull_request'] as { base: { sha: string } }).base.sha = baseSha;
  return runAction(w, { eventName: 'pull_request', payload, sha: headSha, ...(cache ? { with: { 'cache-dir': cacheDir } } : {}) });
}

beforeAll(async () => {
  ({ w, baseSha, headSha, git } = await startGitWorld());
  cacheDir = await mkdtemp(join(tmpdir(), 'idc-action-cache-'));
  cacheFile = join(cacheDir, `permission-set-names-${w.emu.state.instanceArn.split('/').pop() ?? ''}.json`);
});
afterAll(async () => {
  await w?.close();
  if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
});

describe('the name cache in the Action (cache-dir)', () => {
  const sets = (): number => (w.emu.dump().permissionSets ?? []).length;
  let lastFullRead = '';

  it('the drift check writes it: every set by ARN, and when it read everything', async () => {
    await git('checkout', '-q', baseSha);
    const { r, describes: n } = await describes(() =>
      runAction(w, {
        eventName: 'workflow_dispatch',
        payload: { ref: 'refs/heads/main', repository: { full_name: 'acme/access', default_branch: 'main' } },
        sha: baseSha,
        with: { 'cache-dir': cacheDir },
      }),
    );
    await git('checkout', '-q', headSha);
    expect(r.code, explain(r)).toBe(0);
    expect(n).toBe(sets()); // a full plan describes every set it manages: all of them here
    const file = JSON.parse(await readFile(cacheFile, 'utf8')) as { permissionSets: Record<string, string>; lastFullRead: string };
    expect(Object.keys(file.permissionSets)).toHaveLength(sets());
    expect(Date.now() - Date.parse(file.lastFullRead)).toBeLessThan(120_000);
    lastFullRead = file.lastFullRead;
  });

  it("a pull request's plan reads it, describes no set, says when the last full read was, and does not write it", async () => {
    const before = await stat(cacheFile);
    const text = await readFile(cacheFile, 'utf8');
    const { r, describes: n } = await describes(() => pullRequest(21, true));
    expect(r.code, explain(r)).toBe(0);
    expect(n).toBe(0);
    const body = w.github.commentsOn(21)[0]?.body ?? '';
    const when = `${lastFullRead.slice(0, 10)} ${lastFullRead.slice(11, 16)} UTC`;
    expect(body).toContain(`Drift elsewhere is left to the drift check (last full read ${when}; idc plan --full reads everything now).`);
    const after = await stat(cacheFile);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(await readFile(cacheFile, 'utf8')).toBe(text);

    // The same pull request without a cache: every set described, the same plan (hash), no date.
    const cold = await describes(() => pullRequest(22, false));
    expect(cold.r.code, explain(cold.r)).toBe(0);
    expect(cold.describes).toBe(sets());
    expect(headerOf(w.github.commentsOn(22)[0]).planHash).toBe(headerOf(w.github.commentsOn(21)[0]).planHash);
    expect(w.github.commentsOn(22)[0]?.body).toContain('Drift elsewhere is left to the drift check: run the drift check (idc plan --full) to see it.');
  });

  it('the apply on merge applies the reviewed plan and writes the cache again (same names, the same last full read)', async () => {
    const reviewed = headerOf(w.github.commentsOn(21)[0]).planHash;
    const before = await stat(cacheFile);
    w.github.mergePull(21, headSha);
    const { r, describes: n } = await describes(() =>
      runAction(w, { eventName: 'push', payload: { ...pushPayload(headSha), before: baseSha }, sha: headSha, with: { 'cache-dir': cacheDir } }),
    );
    expect(r.code, explain(r)).toBe(0);
    expect(r.outputs).toMatchObject({ 'plan-hash': reviewed, 'failure-reason': '' });
    expect(n).toBe(0);
    expect((await stat(cacheFile)).ino).not.toBe(before.ino);
    const file = JSON.parse(await readFile(cacheFile, 'utf8')) as { permissionSets: Record<string, string>; lastFullRead: string };
    expect(Object.keys(file.permissionSets)).toHaveLength(sets());
    expect(file.lastFullRead).toBe(lastFullRead);
  });
});

describe('the name cache of idc (IDC_CACHE_DIR, --no-cache)', () => {
  const idc = (dir: string, ...args: string[]) =>
    runNode(CLI, ['plan', '--quiet', ...args], w.workspace, {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: w.workspace,
      NO_COLOR: '1',
      AWS_ENDPOINT_URL: w.emu.endpoint,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEE2E000000',
      AWS_SECRET_ACCESS_KEY: 'e2e-secret',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      IDC_CACHE_DIR: dir,
    });

  it('idc plan writes it, --no-cache neither reads nor writes it, a malformed one is a one-line notice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'idc-cli-cache-'));
    try {
      const first = await idc(join(dir, 'a'));
      expect(first.code, first.stderr).toBe(0);
      expect(await readdir(join(dir, 'a'))).toEqual([cacheFile.split('/').pop()]);

      const off = await idc(join(dir, 'b'), '--no-cache');
      expect(off.code, off.stderr).toBe(0);
      expect(existsSync(join(dir, 'b'))).toBe(false);

      await writeFile(join(dir, 'a', cacheFile.split('/').pop() ?? ''), 'not json');
      const malformed = await idc(join(dir, 'a'));
      expect(malformed.code, malformed.stderr).toBe(0);
      expect(malformed.stdout).toBe(first.stdout);
      expect(malformed.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^idc: note: Permission set name cache .* ignored \(not JSON\): reading every name\.$/),
      ]);
      // …and written again, whole.
      expect(JSON.parse(await readFile(join(dir, 'a', cacheFile.split('/').pop() ?? ''), 'utf8'))).toMatchObject({ version: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
