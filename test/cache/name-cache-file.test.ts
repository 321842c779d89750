/** The name cache on disk: where it lives, atomic writes, and that nothing about it fails a run. */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheDirFor, cacheFileName, nameCacheFile } from '../../src/cache/name-cache-file.js';
import type { NameCache } from '../../src/cache/name-cache.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-72230000a1b2c3d4';
const FILE = 'permission-set-names-ssoins-72230000a1b2c3d4.json';
const arn = (id: string): string => `arn:aws:sso:::permissionSet/ssoins-72230000a1b2c3d4/ps-${id.padEnd(16, '0')}`;
const cache = (n: number): NameCache => ({
  instanceArn: INSTANCE,
  names: Object.fromEntries(Array.from({ length: n }, (_, i) => [arn(i.toString(16)), `Set${i}`])),
  lastFullRead: '2026-11-28T06:17:03.120Z',
});

let dir: string;
let notices: string[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idc-name-cache-'));
  notices = [];
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});
const store = (at = join(dir, 'cache'), readOnly = false) => nameCacheFile({ dir: at, readOnly, notice: (line) => notices.push(line) });

describe('cacheDirFor', () => {
  it('IDC_CACHE_DIR, else $XDG_CACHE_HOME/idc-gitops (absolute only), else ~/.cache/idc-gitops', () => {
    expect(cacheDirFor({ IDC_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(cacheDirFor({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/x/idc-gitops');
    expect(cacheDirFor({ XDG_CACHE_HOME: 'relative', HOME: '/h' })).toBe('/h/.cache/idc-gitops');
    expect(cacheDirFor({ HOME: '/h' })).toBe('/h/.cache/idc-gitops');
    expect(cacheDirFor({})).toBeUndefined();
  });
  it('none when the calls go to another endpoint (an emulator may give an old ARN another name), unless IDC_CACHE_DIR asks for one', () => {
    expect(cacheDirFor({ HOME: '/h', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBeUndefined();
    expect(cacheDirFor({ HOME: '/h', AWS_ENDPOINT_URL_SSO_ADMIN: 'http://127.0.0.1:4566' })).toBeUndefined();
    expect(cacheDirFor({ HOME: '/h', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', IDC_CACHE_DIR: '/c' })).toBe('/c');
  });
  it('one file per instance, named by its ID (hashed when the ARN has none)', () => {
    expect(cacheFileName(INSTANCE)).toBe(FILE);
    expect(cacheFileName('arn:aws:sso:::instance/../../etc')).toMatch(/^permission-set-names-instance-[0-9a-f]{16}\.json$/);
  });
});

describe('nameCacheFile', () => {
  it('is empty before the first write, quietly, and reads back what it wrote', async () => {
    const s = store();
    expect(await s.load(INSTANCE)).toBeUndefined();
    await s.save(cache(3));
    expect(await s.load(INSTANCE)).toEqual(cache(3));
    expect(notices).toEqual([]);
  });

  it('writes atomically: a temporary file renamed over the old one, none left behind, even with writes at once', async () => {
    const s = store();
    await s.save(cache(2));
    await Promise.all([s.save(cache(50)), s.save(cache(80)), s.save(cache(1))]);
    expect(await readdir(join(dir, 'cache'))).toEqual([FILE]);
    const loaded = await s.load(INSTANCE);
    // One whole file, whichever write renamed last.
    expect([cache(50), cache(80), cache(1)]).toContainEqual(loaded);
    expect(notices).toEqual([]);
  });

  it('ignores a malformed file with one notice (escaped), and a file of another instance', async () => {
    const odd = join(dir, 'ca\u001b[2Jche');
    await mkdir(odd);
    await writeFile(join(odd, FILE), '{"format": "idc-gitops permission set names", "version": 1, "instanceArn": "\u001b[2J", ');
    expect(await store(odd).load(INSTANCE)).toBeUndefined();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Permission set name cache .*permission-set-names-ssoins-72230000a1b2c3d4\.json ignored \(not JSON\): reading every name\.$/);
    expect(notices[0]).not.toContain('\u001b');

    await mkdir(join(dir, 'cache'));

    await store().save({ ...cache(1), instanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111' });
    await writeFile(join(dir, 'cache', FILE), await readFile(join(dir, 'cache', 'permission-set-names-ssoins-1111111111111111.json'), 'utf8'));
    expect(await store().load(INSTANCE)).toBeUndefined();
    expect(notices[1]).toMatch(/ignored \(written for another Identity Center instance\)/);
  });

  it('a file too large is ignored without reading it', async () => {
    await mkdir(join(dir, 'cache'));
    await writeFile(join(dir, 'cache', FILE), Buffer.alloc(2_000_001, 0x20));
    expect(await store().load(INSTANCE)).toBeUndefined();
    expect(notices).toEqual([expect.stringMatching(/ignored \(larger than 2000000 bytes\)/)]);
  });

  it('a directory it cannot create or write is a notice, never a failure (the run goes on)', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const s = store(join(dir, 'file', 'cache'));
    await expect(s.save(cache(2))).resolves.toBeUndefined();
    expect(await s.load(INSTANCE)).toBeUndefined();
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/^Permission set name cache .* not written \(.*ENOTDIR.*\); the next run reads every name again\.$/);
    expect(notices[1]).toMatch(/not read \(.*ENOTDIR/);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only directory (a read-only home) is a notice, and the old file stays whole', async () => {
    const s = store();
    await s.save(cache(2));
    await chmod(join(dir, 'cache'), 0o500);
    await expect(s.save(cache(5))).resolves.toBeUndefined();
    expect(notices).toEqual([expect.stringMatching(/not written \(.*EACCES/)]);
    expect(await s.load(INSTANCE)).toEqual(cache(2));
  });

  it('read-only (a pull request run): loads, never writes', async () => {
    await store().save(cache(2));
    const ro = store(join(dir, 'cache'), true);
    await ro.save(cache(9));
    expect(await ro.load(INSTANCE)).toEqual(cache(2));
    await ro.save(cache(9));
    expect(await readdir(dir)).toEqual(['cache']);
    const fresh = store(join(dir, 'other'), true);
    await fresh.save(cache(1));
    expect(await readdir(dir)).toEqual(['cache']);
  });
});
