/**
 * `idc export --split team|permission-set`: a root access.yaml plus one file per team or per
 * permission set under access.d/; the set validates and `idc plan` with it shows no changes.
 * Real CLI command, SDK gateway and reader, the local emulator over HTTP.
 */
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSdkGateway } from '../../src/aws/sdk-gateway.js';
import { createExportCommand } from '../../src/cli/export.js';
import { runCli, type CliIo } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config/load.js';
import { createEngine } from '../../src/engine.js';
import { formatDiagnostic } from '../../src/model/source.js';
import { describeChange } from '../../src/render/change-line.js';
import { silentProgress } from '../../src/progress/progress.js';
import { generateWorld, startEmulator, type RunningEmulator, type World } from '../../emulator/index.js';
import { exportWorld } from './world.js';

const REGION = 'us-east-1';
const CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

let emu: RunningEmulator | undefined;
let dir: string | undefined;
afterEach(async () => {
  await emu?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  emu = undefined;
  dir = undefined;
});

async function start(
  world: World,
): Promise<{ run: (argv: string[]) => Promise<{ code: number; stderr: string }>; plan: () => Promise<string[]>; dir: string }> {
  emu = await startEmulator({ world, rateLimit: 0, asyncPolls: 1, asyncMs: 20, seed: 5, orgEmptyPageRate: 0 });
  const endpoint = emu.endpoint;
  dir = await mkdtemp(join(tmpdir(), 'idc-export-split-'));
  const here = dir;
  const gatewayFor = (region: string) => createSdkGateway({ region, endpoint, credentials: async () => CREDENTIALS, rateLimit: Infinity, concurrency: 8 });
  const run = async (argv: string[]) => {
    let err = '';
    const io: CliIo = { stdout: { write: () => undefined }, stderr: { write: (t: string) => (err += t) }, cwd: here, env: { AWS_REGION: REGION } };
    const code = await runCli(['export', '--quiet', ...argv], io, [createExportCommand({ gatewayFor })]);
    return { code, stderr: err };
  };
  const plan = async () => {
    const engine = createEngine({ region: REGION, env: {}, gatewayFor });
    const outcome = await engine.plan(join(here, 'access.yaml'), silentProgress);
    if (!outcome.ok) throw new Error(`plan refused:\n${outcome.diagnostics.map(formatDiagnostic).join('\n')}`);
    return outcome.plan.changes.map((c) => describeChange(c, outcome.plan.accountNames));
  };
  return { run, plan, dir: here };
}

describe('idc export --split', () => {
  it('by team: a root file and one file per group, which validate and plan to zero changes', async () => {
    const s = await start(exportWorld());
    const { code, stderr } = await s.run(['--out', 'access.yaml', '--split', 'team']);
    expect(code, stderr).toBe(0);
    const files = (await readdir(join(s.dir, 'access.d'))).sort();
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(stderr).toContain(`in access.d/ (one per team)`);
    const root = await readFile(join(s.dir, 'access.yaml'), 'utf8');
    expect(root).toMatch(/^include: \[access\.d\/\*\.yaml\]$/m);
    const loaded = await loadConfig('access.yaml', { cwd: s.dir });
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    // Every group is defined in its own file, with the rules that give it access.
    for (const [name, group] of Object.entries(loaded.desired!.groups)) {
      const pos = loaded.desired!.positions[`groups.${name}`]!;
      expect(pos.file, name).toMatch(/^access\.d\/[a-z0-9-]+\.yaml$/);
      const text = await readFile(join(s.dir, pos.file), 'utf8');
      expect(text).toMatch(/^# yaml-language-server: \$schema=.*access-include\.schema\.json$/m);
      expect(group.displayName).toBe(name);
    }
    for (const rule of loaded.desired!.rules.filter((r) => r.groups.length > 0)) {
      expect(rule.groups).toHaveLength(1);
      expect(rule.pos.file).toBe(loaded.desired!.positions[`groups.${rule.groups[0]}`]?.file ?? rule.pos.file);
    }
    expect(await s.plan()).toEqual([]);
  });

  it('by permission set, on a generated organization: one file per set, zero changes', async () => {
    const s = await start(generateWorld({ accounts: 20, permissionSets: 6, users: 30, groups: 6, assignments: 120, seed: 4 }));
    const { code, stderr } = await s.run(['--out', 'access.yaml', '--split', 'permission-set']);
    expect(code, stderr).toBe(0);
    const loaded = await loadConfig('access.yaml', { cwd: s.dir });
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    const sets = Object.keys(loaded.desired!.permissionSets);
    expect((await readdir(join(s.dir, 'access.d'))).length).toBe(sets.length);
    for (const rule of loaded.desired!.rules) {
      expect(rule.permissionSets).toHaveLength(1);
      expect(rule.pos.file).toBe(loaded.desired!.positions[`permission_sets.${rule.permissionSets[0]}`]?.file);
    }
    expect(await s.plan()).toEqual([]);
    // Deterministic: a second export with --force writes the same bytes.
    const before = await Promise.all(loaded.files.map((f) => readFile(join(s.dir, f), 'utf8')));
    expect((await s.run(['--out', 'access.yaml', '--split', 'permission-set', '--force'])).code).toBe(0);
    expect(await Promise.all(loaded.files.map((f) => readFile(join(s.dir, f), 'utf8')))).toEqual(before);
  });

  it('refuses to write beside YAML files it would include too, and needs --out', async () => {
    const s = await start(exportWorld());
    expect((await s.run(['--split', 'team'])).stderr).toContain('--split writes several files: name the root file with --out');
    expect((await s.run(['--out', 'access.yaml', '--split', 'teams'])).stderr).toContain('--split must be team or permission-set, not "teams"');
    await mkdir(join(s.dir, 'access.d'));
    await writeFile(join(s.dir, 'access.d', 'old.yaml'), 'users: {}\n');
    const r = await s.run(['--out', 'access.yaml', '--split', 'team', '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('access.d/old.yaml, which the export does not write and the root file would include: nothing was written');
    expect(await readdir(join(s.dir, 'access.d'))).toEqual(['old.yaml']);
  });
});
