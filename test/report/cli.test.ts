/** `idc report` on the command line: help, usage errors, --offline from the file alone, --since input checks. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import type { Engine } from '../../src/engine-contract.js';
import { runIdc } from '../cli/run-idc.js';

let dir: string;
let config: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idc-report-cli-'));
  config = join(dir, 'access.yaml');
  const example = await readFile('access.yaml', 'utf8');
  // One more rule on an OU: offline, it needs the organization.
  await writeFile(config, `${example}  - permission_set: ReadOnly\n    users: [jonathan]\n    organizational_units: [/Workloads]\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The real engine, except that the organization cannot be read (no AWS in this test). */
const noOrganization = (): Engine => ({
  ...createEngine({ env: {} }),
  readOrganization: async () => {
    throw new Error('AccessDeniedException: not authorized to perform organizations:ListAccounts');
  },
});

const idc = (args: string[]) => runIdc(args, { cwd: dir, engine: noOrganization() });

describe('idc report', () => {
  it('is listed in idc --help and has its own help', async () => {
    expect((await idc(['--help'])).stdout).toMatch(/\n {2}report +List who can do what, where/);
    const help = await idc(['report', '--help']);
    expect(help.code).toBe(0);
    for (const s of ['--offline', '--since FILE', '--permission-set P', 'table (default)', 'aws-only', 'file-only']) expect(help.stdout).toContain(s);
  });

  it('refuses an unknown format with exit code 2', async () => {
    const r = await idc(['report', config, '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format must be one of table, csv, json, markdown, not "xml"');
  });

  it('--offline: rules on IDs and aliases from the file alone; says which rule was not expanded and why', async () => {
    const r = await idc(['report', config, '--offline', '--format', 'csv', '--quiet']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => `${x['user']} ${x['account_id']} ${x['account_name']} ${x['permission_set']} ${x['source']}`)).toEqual([
      'jonathan 111122223333 management ReadOnly file',
      'jonathan 111122223333 management UploadBackups file',
    ]);
    const table = await idc(['report', config, '--offline', '--quiet']);
    expect(table.stdout).toContain(
      'note: assignments[2] (' +
        config +
        ':49) was not expanded: it targets organizational units, and the organization could not be read (AccessDeniedException: not authorized to perform organizations:ListAccounts)',
    );
  });

  it('writes to --output, the format from its name', async () => {
    const r = await idc(['report', config, '--offline', '--output', 'r.json', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const json = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')) as { kind: string; hash: string; mode: string };
    expect(json).toMatchObject({ kind: 'idc-access-report', mode: 'offline' });
    expect(r.stderr).toBe(`Report written to r.json: 2 rows, hash ${json.hash.slice(0, 12)}.\n`);
  });

  it('--since refuses a file that is not a report', async () => {
    await writeFile(join(dir, 'plan.json'), '{"formatVersion": 2, "changes": []}');
    const r = await idc(['report', config, '--offline', '--since', 'plan.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('plan.json is not an access report');
    const missing = await idc(['report', config, '--offline', '--since', 'nope.json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('could not read --since nope.json');
  });
});
