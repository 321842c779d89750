/** The Action's name cache: where `cache-dir` puts it, and that pull request runs never write it. */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFileName } from '../../src/cache/name-cache-file.js';
import { readRunContext } from '../../src/github/event.js';
import { readInputs } from '../../src/github/inputs.js';
import { actionNameCache } from '../../src/github/name-cache.js';
import { FakeIO } from './fakes.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-72230000a1b2c3d4';
const cache = { instanceArn: INSTANCE, names: { 'arn:aws:sso:::permissionSet/ssoins-72230000a1b2c3d4/ps-0000000000000001': 'Admin' } };

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'idc-action-home-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

function storeFor(event: string, cacheDir: string | undefined, env: Record<string, string> = {}) {
  const io = new FakeIO(cacheDir === undefined ? {} : { 'cache-dir': cacheDir });
  const fullEnv = { HOME: home, GITHUB_REPOSITORY: 'acme/access', GITHUB_EVENT_NAME: event, ...env };
  const payload = event === 'pull_request' ? { pull_request: { number: 7, head: { sha: 'h' }, base: { sha: 'b' } } } : {};
  return { io, store: actionNameCache(readInputs(io), readRunContext(fullEnv, payload), fullEnv, io, join(home, 'work')) };
}

describe('the Action name cache', () => {
  it('cache-dir `~/…` is under HOME (as actions/cache reads it), a relative one under the workspace', async () => {
    await storeFor('schedule', '~/.cache/idc-gitops').store?.save(cache);
    expect(existsSync(join(home, '.cache', 'idc-gitops', cacheFileName(INSTANCE)))).toBe(true);
    await storeFor('push', 'names').store?.save(cache);
    expect(existsSync(join(home, 'work', 'names', cacheFileName(INSTANCE)))).toBe(true);
  });

  it('empty cache-dir: the default directory, none when AWS_ENDPOINT_URL points elsewhere', async () => {
    await storeFor('schedule', undefined).store?.save(cache);
    expect(existsSync(join(home, '.cache', 'idc-gitops', cacheFileName(INSTANCE)))).toBe(true);
    expect(storeFor('schedule', undefined, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }).store).toBeUndefined();
  });

  it('a pull request run reads the restored cache and never writes one', async () => {
    const dir = join(home, 'restored');
    await mkdir(dir);
    await writeFile(join(dir, cacheFileName(INSTANCE)), 'not json');
    const { io, store } = storeFor('pull_request', dir);
    expect(await store?.load(INSTANCE)).toBeUndefined();
    expect(io.annotations).toEqual([{ level: 'notice', message: expect.stringMatching(/ignored \(not JSON\)/) }]);
    await store?.save(cache);
    expect(await store?.load(INSTANCE)).toBeUndefined(); // still the malformed file: not written
    const elsewhere = storeFor('pull_request', join(home, 'new'));
    await elsewhere.store?.save(cache);
    expect(existsSync(join(home, 'new'))).toBe(false);
  });
});
