/** `idc export`'s command line: help, usage errors and failures that need no AWS. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdentityCenterGateway } from '../../src/aws/gateway.js';
import { createExportCommand } from '../../src/cli/export.js';
import { runCli, type CliIo } from '../../src/cli/run.js';

function fakeIo(cwd: string, env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, cwd, env, out: () => out, err: () => err };
}

/** A gateway that fails the test if export calls AWS. */
const noAws = (): IdentityCenterGateway =>
  new Proxy({} as IdentityCenterGateway, {
    get(_, name) {
      throw new Error(`AWS was called (${String(name)})`);
    },
  });

describe('idc export (command line)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idc-export-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (argv: string[], env: Record<string, string> = {}) => {
    const io = fakeIo(dir, env);
    const code = await runCli(argv, io, [createExportCommand({ gatewayFor: noAws })]);
    return { code, stdout: io.out(), stderr: io.err() };
  };

  it('is listed by idc --help and has its own --help', async () => {
    const main = fakeIo(dir);
    expect(await runCli(['--help'], main)).toBe(0);
    expect(main.out()).toMatch(/^ {2}export +Write an access\.yaml/m);
    const help = await run(['export', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: idc export [--out FILE]');
    expect(help.stdout).toContain('--force');
  });

  it('refuses a wrong command line with exit code 2', async () => {
    const bad = await run(['export', '--identity-source', 'scim']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--identity-source must be internal or external, not "scim"');
    expect((await run(['export', 'access.yaml'])).code).toBe(2);
    expect((await run(['export', '--outt', 'x'])).code).toBe(2);
  });

  it('never replaces an existing --out file, before reading anything', async () => {
    await writeFile(join(dir, 'access.yaml'), 'mine\n');
    const r = await run(['export', '--out', 'access.yaml'], { AWS_REGION: 'us-east-1' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('idc export: access.yaml already exists: nothing was read or written. Choose another --out, or add --force to replace it.\n');
    expect(await readFile(join(dir, 'access.yaml'), 'utf8')).toBe('mine\n');
  });

  it('says how to give a region when there is none', async () => {
    const r = await run(['export', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^idc export: could not read IAM Identity Center: No AWS region: pass --region, or the AWS_REGION environment variable/);
    expect(r.stdout).toBe('');
  });
});
