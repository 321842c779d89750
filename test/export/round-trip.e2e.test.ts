/**
 * The promise of `idc export`: export a live Identity Center, and `idc plan` with the file shows no
 * changes. Real CLI command, real SDK gateway and reader, the local emulator over HTTP.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSdkGateway } from '../../src/aws/sdk-gateway.js';
import { createExportCommand } from '../../src/cli/export.js';
import { runCli, type CliIo } from '../../src/cli/run.js';
import { loadConfigText } from '../../src/config/load.js';
import { createEngine } from '../../src/engine.js';
import { formatDiagnostic } from '../../src/model/source.js';
import { describeChange } from '../../src/render/change-line.js';
import { silentProgress } from '../../src/progress/progress.js';
import { generateWorld, startEmulator, type RunningEmulator, type World } from '../../emulator/index.js';
import { exportWorld } from './world.js';

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

interface Setup {
  emu: RunningEmulator;
  dir: string;
  gatewayFor: (region: string) => ReturnType<typeof createSdkGateway>;
}

async function setup(world: World): Promise<Setup> {
  const emu = await startEmulator({ world, rateLimit: 0, asyncPolls: 1, asyncMs: 20, seed: 5, orgEmptyPageRate: 0 });
  const dir = await mkdtemp(join(tmpdir(), 'idc-export-'));
  const gatewayFor = (region: string) =>
    createSdkGateway({ region, endpoint: emu.endpoint, credentials: async () => CREDENTIALS, rateLimit: Infinity, concurrency: 8 });
  return { emu, dir, gatewayFor };
}

function fakeIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd,
    env: { AWS_REGION: REGION },
    out: () => out,
    err: () => err,
  };
}

async function exportWith(s: Setup, argv: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = fakeIo(s.dir);
  const code = await runCli(['export', '--quiet', ...argv], io, [createExportCommand({ gatewayFor: s.gatewayFor })]);
  return { code, stdout: io.out(), stderr: io.err() };
}

/** `idc plan` on the text, against the same emulator: the change lines (empty when in sync). */
async function planLines(s: Setup, text: string): Promise<string[]> {
  const path = join(s.dir, 'access.yaml');
  await writeFile(path, text);
  const engine = createEngine({ region: REGION, env: {}, gatewayFor: s.gatewayFor });
  const outcome = await engine.plan(path, silentProgress);
  if (!outcome.ok) throw new Error(`plan refused:\n${outcome.diagnostics.map(formatDiagnostic).join('\n')}`);
  return outcome.plan.changes.map((c) => describeChange(c, outcome.plan.accountNames));
}

describe('idc export → idc plan', () => {
  let s: Setup;
  afterEach(async () => {
    await s.emu.close();
    await rm(s.dir, { recursive: true, force: true });
  });

  describe('a hand-made organization', () => {
    beforeEach(async () => {
      s = await setup(exportWorld());
      // mallory leaves, her assignment stays behind (as in AWS): an `id:` principal
      const ids = new IdentitystoreClient({ region: REGION, endpoint: s.emu.endpoint, credentials: CREDENTIALS });
      await ids.send(new DeleteUserCommand({ IdentityStoreId: 'd-9067000001', UserId: '00000000-0000-4000-8000-000000000006' }));
    });

    it('exports a file that loads cleanly and plans to zero changes', async () => {
      const { code, stdout, stderr } = await exportWith(s);
      expect(stderr).toContain('Exported 5 users, 4 groups, 4 permission sets');
      expect(code, stderr).toBe(0);

      await expect(stdout).toMatchFileSnapshot('golden/world.yaml');
      const loaded = loadConfigText(stdout, 'access.yaml', s.dir);
      expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
      expect(loaded.desired).toBeDefined();

      expect(await planLines(s, stdout)).toEqual([]);
    });

    it('leaves out Control Tower and unknown principals, with a warning', async () => {
      const { stdout, stderr } = await exportWith(s);
      const body = stdout
        .split('\n')
        .filter((l) => !l.trimStart().startsWith('#'))
        .join('\n');
      expect(body).not.toContain('AWSControlTower');
      expect(stdout).toContain('Not exported, and never changed by idc: 1 permission set and 1 group');
      expect(stdout).toMatch(/# - ReadOnly → user id:00000000-0000-4000-8000-000000000006 on Sandbox \(José\) \(333344445555\): the user no longer exists/);
      expect(stderr).toMatch(/^warning: assignment not exported: ReadOnly → user id:00000000-0000-4000-8000-000000000006/m);
    });

    it('writes --out, and never replaces it without --force', async () => {
      const first = await exportWith(s, ['--out', 'access.yaml']);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toBe('');
      const written = await readFile(join(s.dir, 'access.yaml'), 'utf8');
      expect(written).toMatch(/^# yaml-language-server: \$schema=/);

      await writeFile(join(s.dir, 'access.yaml'), 'precious\n');
      const again = await exportWith(s, ['--out', 'access.yaml']);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('access.yaml already exists');
      expect(await readFile(join(s.dir, 'access.yaml'), 'utf8')).toBe('precious\n');

      const forced = await exportWith(s, ['--out', 'access.yaml', '--force']);
      expect(forced.code, forced.stderr).toBe(0);
      expect(await readFile(join(s.dir, 'access.yaml'), 'utf8')).toBe(written);
    });

    it('is deterministic: two exports are byte for byte the same', async () => {
      const a = await exportWith(s);
      const b = await exportWith(s);
      expect(a.stdout).toBe(b.stdout);
    });

    it('with an external identity source: no users or groups, rules name them', async () => {
      const { code, stdout, stderr } = await exportWith(s, ['--identity-source', 'external']);
      expect(code, stderr).toBe(0);
      expect(stdout).toContain('identity_source: external');
      expect(stdout).not.toMatch(/^users:/m);
      expect(stdout).not.toMatch(/^groups:/m);
      expect(await planLines(s, stdout)).toEqual([]);
    });
  });

  it('a generated organization of 60 accounts plans to zero changes', async () => {
    s = await setup(generateWorld({ accounts: 60, permissionSets: 12, users: 80, groups: 15, assignments: 400, seed: 3 }));
    const { code, stdout, stderr } = await exportWith(s);
    expect(code, stderr).toBe(0);
    expect(loadConfigText(stdout, 'access.yaml', s.dir).diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(await planLines(s, stdout)).toEqual([]);
  });
});
