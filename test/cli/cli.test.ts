import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIdc, type IdcResult } from './run-idc.js';

const root = join(import.meta.dirname, '../..');

const idc = (...argv: string[]): Promise<IdcResult> => runIdc(argv, { cwd: root });

describe('idc validate', () => {
  it('exits 0 with a one-line summary for the example access.yaml (the default path)', async () => {
    const r = await idc('validate');
    expect(r).toEqual({ code: 0, stdout: 'access.yaml: valid — 1 user, 0 groups, 2 permission sets, 2 assignment rules\n', stderr: '' });
  });

  it('exits 1 and prints every error as file:line:col: message', async () => {
    const r = await idc('validate', 'test/fixtures/invalid/rule-undefined-references.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('test/fixtures/invalid/rule-undefined-references.yaml:17:21: permission set "Admin" is not defined (did you mean "Administrator"?)');
    expect(lines[8]).toBe('test/fixtures/invalid/rule-undefined-references.yaml: 8 problems found');
  });

  it('exits 1 when the file does not exist, saying where it looked', async () => {
    const r = await idc('validate', 'missing.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`missing.yaml:1:1: cannot read missing.yaml: no such file (looked for ${join(root, 'missing.yaml')})`);
  });

  it('prints its help with --help and -h', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await idc('validate', flag);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: idc validate \[path\]/);
      expect(r.stdout).toContain('default: access.yaml');
    }
    expect((await idc('help', 'validate')).stdout).toMatch(/^Usage: idc validate/);
  });

  it('exits 2 on an unknown flag or too many arguments, pointing at --help', async () => {
    expect(await idc('validate', '--strict')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'idc validate: unknown option "--strict"\nRun "idc validate --help" for usage.\n',
    });
    const extra = await idc('validate', 'a.yaml', 'b.yaml');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain('too many arguments: b.yaml');
  });
});

describe('idc', () => {
  it('lists the commands with --help', async () => {
    const r = await idc('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: idc <command> \[options\]/);
    expect(r.stdout).toMatch(/\n {2}validate {2}Check access\.yaml/);
  });

  it('exits 2 with the help on stderr when no command is given', async () => {
    const r = await idc();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: idc <command>/);
  });

  it('exits 2 on an unknown command, suggesting the closest', async () => {
    expect(await idc('valdate')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'idc: unknown command "valdate" (did you mean "validate"?)\nRun "idc --help" for usage.\n',
    });
    expect((await idc('--verbose')).code).toBe(2);
  });
});
