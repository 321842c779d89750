/**
 * The README's first command, as a person with `aws sso login` runs it: `AWS_PROFILE=admin idc plan`
 * with the region only in ~/.aws/config. The bundled CLI (`dist/cli.js`: run `npm run build`
 * first) runs as a child process with a temporary HOME; the emulator records the region each
 * request was signed for, so the test sees what AWS would see.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readWorldFile, startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { CLI, ROOT, runNode } from './action-harness.js';

let emu: RunningEmulator;
let home: string;

beforeAll(async () => {
  emu = await startEmulator({ world: await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')), rateLimit: 0 });
  home = await mkdtemp(join(tmpdir(), 'idc-home-'));
  await mkdir(join(home, '.aws'));
  await writeFile(join(home, '.aws', 'config'), '[profile admin]\nregion = eu-west-1\n');
  // The keys of the profile, where `aws configure` puts them (the emulator accepts any).
  await writeFile(join(home, '.aws', 'credentials'), '[admin]\naws_access_key_id = AKIAEXAMPLEADMIN0000\naws_secret_access_key = admin-secret\n');
  await writeFile(join(home, 'access.yaml'), await readFile(join(ROOT, 'access.yaml'), 'utf8'));
});
afterAll(async () => {
  await emu?.close();
  await rm(home, { recursive: true, force: true });
});
beforeEach(() => emu.resetCalls());

/** `idc ARGS` with only what a shell would have: no AWS_REGION, no keys in the environment. */
function idc(args: string[], extra: Record<string, string> = {}) {
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    NO_COLOR: '1',
    AWS_ENDPOINT_URL: emu.endpoint,
    AWS_PROFILE: 'admin',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
  return runNode(CLI, args, home, env);
}

describe('idc plan with AWS_PROFILE and the region in ~/.aws/config', () => {
  it('uses the profile’s region: every request is signed for eu-west-1', async () => {
    const r = await idc(['plan', 'access.yaml', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('+ user jonathan');
    expect(Object.keys(emu.regions())).toEqual(['eu-west-1']);
  });

  it('--region overrides the profile', async () => {
    const r = await idc(['plan', 'access.yaml', '--quiet', '--region', 'us-west-2']);
    expect(r.code).toBe(2);
    expect(Object.keys(emu.regions())).toEqual(['us-west-2']);
  });

  it('without any region says where to set one', async () => {
    const r = await idc(['plan', 'access.yaml', '--quiet'], { AWS_PROFILE: 'nobody' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('No AWS region');
    expect(r.stderr).toContain('--region');
    expect(r.stderr).toContain('profile "nobody"');
    expect(emu.regions()).toEqual({});
  });
});

describe('the bundled idc', () => {
  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await idc(['--version']);
    expect(r).toEqual({ code: 0, stdout: `idc ${version}\n`, stderr: '' });
  });

  it('on Node < 22 says in one line what the AWS SDK says in nine', async () => {
    const r = await runNode(CLI, ['plan', 'access.yaml', '--quiet'], home, {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      AWS_ENDPOINT_URL: emu.endpoint,
      AWS_PROFILE: 'admin',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('NodeVersionSupportWarning');
    const major = Number(process.versions.node.split('.')[0]);
    expect(r.stderr).toBe(
      major < 22
        ? `idc: note: AWS SDK releases from January 2027 need Node.js 22 or later; this is Node.js ${process.versions.node} (https://a.co/c895JFp).\n`
        : '',
    );
  });
});
