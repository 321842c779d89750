/**
 * `idc profiles` on the example access.yaml, against the emulator (the example names neither a
 * start URL nor an identity store, so the instance is read). The output is checked with the AWS
 * SDK itself: parsed by its shared-ini loader, and every profile resolved to credentials by its
 * SSO provider (`fromSSO`), with a cached `aws sso login` token and a loopback SSO portal that
 * records which account and role each profile asks for.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSSO } from '@aws-sdk/credential-providers';
import { externalDataInterceptor, loadSharedConfigFiles } from '@smithy/core/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdc, type IdcResult } from '../cli/run-idc.js';
import { readWorldFile } from '../../emulator/index.js';
import { startE2E, type E2E } from '../e2e/harness.js';

const ROOT = join(import.meta.dirname, '../..');
let e2e: E2E;
let home: string;

beforeAll(async () => {
  e2e = await startE2E({ world: await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')) });
  await e2e.write(await readFile(join(ROOT, 'access.yaml'), 'utf8'));
  home = await mkdtemp(join(tmpdir(), 'idc-profiles-'));
});
afterAll(async () => {
  await e2e?.close();
  await rm(home, { recursive: true, force: true });
});

function idc(...argv: string[]): Promise<IdcResult> {
  // No real ~/.aws is read: the region comes from AWS_REGION, as in CI.
  const env = { AWS_REGION: 'us-east-1', HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none') };
  return runIdc(argv, { cwd: e2e.dir, env, engine: e2e.engine });
}

/** A loopback SSO portal: GetRoleCredentials (GET /federation/credentials), recording each call. */
async function fakePortal(): Promise<{ url: string; calls: string[]; server: Server }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    calls.push(`${url.pathname} ${url.searchParams.get('account_id')} ${url.searchParams.get('role_name')} ${String(req.headers['x-amz-sso_bearer_token'])}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ roleCredentials: { accessKeyId: 'ASIAPORTAL', secretAccessKey: 's', sessionToken: 't', expiration: Date.now() + 3_600_000 } }));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls, server };
}

describe('idc profiles --user jonathan on the example', () => {
  it('prints one [sso-session] and a profile for ReadOnly and UploadBackups on the management account', async () => {
    const r = await idc('profiles', '--user', 'jonathan', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.match(/^\[sso-session /gm)).toEqual(['[sso-session ']);
    expect(r.stdout.match(/^\[profile .*\]$/gm)).toEqual(['[profile management-ReadOnly]', '[profile management-UploadBackups]']);
  });

  it('is read by the SDK: the session and each profile resolve to the right account and role through aws sso login', async () => {
    const r = await idc('profiles', '--user', 'jonathan', '--quiet');
    const file = join(home, 'printed-config');
    await writeFile(file, r.stdout);
    const { configFile } = await loadSharedConfigFiles({ configFilepath: file, filepath: join(home, 'none'), ignoreCache: true });
    expect(configFile['sso-session.d-9067000001']).toEqual({
      sso_start_url: 'https://d-9067000001.awsapps.com/start',
      sso_region: 'us-east-1',
      sso_registration_scopes: 'sso:account:access',
    });
    for (const ps of ['ReadOnly', 'UploadBackups']) {
      expect(configFile[`management-${ps}`]).toEqual({
        sso_session: 'd-9067000001',
        sso_account_id: '111122223333',
        sso_role_name: ps,
        region: 'us-east-1',
        output: 'json',
      });
    }

    // What `aws sso login --sso-session d-9067000001` leaves in ~/.aws/sso/cache.
    externalDataInterceptor.interceptToken('d-9067000001', {
      accessToken: 'portal-token',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      region: 'us-east-1',
      startUrl: 'https://d-9067000001.awsapps.com/start',
    });
    const portal = await fakePortal();
    try {
      for (const ps of ['ReadOnly', 'UploadBackups']) {
        const provider = fromSSO({ profile: `management-${ps}`, configFilepath: file, filepath: join(home, 'none'), clientConfig: { endpoint: portal.url } });
        expect((await provider()).accessKeyId).toBe('ASIAPORTAL');
      }
      expect(portal.calls).toEqual([
        '/federation/credentials 111122223333 ReadOnly portal-token',
        '/federation/credentials 111122223333 UploadBackups portal-token',
      ]);
    } finally {
      portal.server.close();
    }
  });

  it('merging twice into a config with other profiles and comments changes nothing the second time and keeps them', async () => {
    const config = join(home, 'merge-config');
    const mine = '# my own settings\n[default]\nregion = eu-central-1 ; keep me\n\n[profile personal]\n# a comment inside\naws_access_key_id = AKIAOWN\n';
    await writeFile(config, mine);

    const first = await idc('profiles', '--user', 'jonathan', '--merge', config, '--quiet');
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('Wrote [sso-session d-9067000001] and 2 profiles');
    const once = await readFile(config, 'utf8');
    expect(once.startsWith(mine)).toBe(true);
    const backups = (await readdir(home)).filter((f) => f.startsWith('merge-config.idc-backup-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(home, backups[0] as string), 'utf8')).toBe(mine);

    const second = await idc('profiles', '--user', 'jonathan', '--merge', config, '--quiet');
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('is up to date');
    expect(await readFile(config, 'utf8')).toBe(once);
    expect((await readdir(home)).filter((f) => f.startsWith('merge-config.idc-backup-'))).toHaveLength(1);

    const { configFile } = await loadSharedConfigFiles({ configFilepath: config, filepath: join(home, 'none'), ignoreCache: true });
    expect(configFile['default']).toEqual({ region: 'eu-central-1' });
    expect(configFile['personal']).toEqual({ aws_access_key_id: 'AKIAOWN' });
    expect(Object.keys(configFile).sort()).toEqual(['default', 'management-ReadOnly', 'management-UploadBackups', 'personal', 'sso-session.d-9067000001']);
  });

  it('updates and prunes what it wrote: a renamed template replaces the old profiles', async () => {
    const config = join(home, 'prune-config');
    await writeFile(config, '[profile personal]\nregion = eu-west-1\n');
    await idc('profiles', '--user', 'jonathan', '--merge', config, '--quiet');
    const r = await idc('profiles', '--user', 'jonathan', '--merge', config, '--quiet', '--name-template', '{account_id}.{permission_set}');
    expect(r.code).toBe(0);
    const text = await readFile(config, 'utf8');
    expect(text.match(/^\[profile .*\]$/gm)).toEqual(['[profile personal]', '[profile 111122223333.ReadOnly]', '[profile 111122223333.UploadBackups]']);
  });

  it('refuses to write when the file defines one of the same profiles outside its block', async () => {
    const config = join(home, 'clash-config');
    const mine = '[profile management-ReadOnly]\nregion = eu-west-1\n';
    await writeFile(config, mine);
    const r = await idc('profiles', '--user', 'jonathan', '--merge', config, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('also defines [profile management-ReadOnly] outside the block');
    expect(await readFile(config, 'utf8')).toBe(mine);
  });

  it('reads the live organization for an OU target, and says so', async () => {
    await e2e.write(
      [
        'version: 1',
        'identity_center: { start_url: "https://acme.awsapps.com/start" }',
        'users:',
        '  ana: { display_name: Ana A, given_name: Ana, family_name: A, email: ana@example.com }',
        'groups:',
        '  developers: { members: [ana] }',
        'permission_sets:',
        '  Deploy: { managed_policies: [PowerUserAccess] }',
        'assignments:',
        '  - { permission_set: Deploy, groups: [developers], organizational_units: [/Workloads] }',
        '',
      ].join('\n'),
      'ou.yaml',
    );
    const r = await idc('profiles', 'ou.yaml', '--user', 'ana');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Reading Identity Center and the organization in us-east-1 for the accounts of assignments[0]');
    expect(r.stderr).toContain('(targets organizational units)');
    expect(r.stdout.match(/^\[profile .*\]$/gm)).toEqual(['[profile workloads-Deploy]']);
    expect(r.stdout).toContain('sso_account_id = 444455556666');
    expect(r.stdout).toContain('[sso-session acme]');
  });

  it('answers --help, and says whose profiles are wanted', async () => {
    const help = await idc('profiles', '--help');
    expect(help.stdout).toMatch(/^Usage: idc profiles \[path\] \(--user NAME \| --all\)/);
    expect(help.stdout).toContain('aws sso login --sso-session NAME');
    const none = await idc('profiles');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--user NAME or --all');
    const unknown = await idc('profiles', '--user', 'jonathon', '--quiet');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('user "jonathon" is not in access.yaml (did you mean "jonathan"?)');
  });
});
