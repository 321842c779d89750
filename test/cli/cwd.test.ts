/** `idc plan` and `idc apply` read access.yaml from the directory they run in (CliIo.cwd), not the process's. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdc } from './run-idc.js';

let dir: string;

beforeAll(async () => {
  // The process runs in the repository root, whose access.yaml is valid; this one is not.
  dir = await mkdtemp(join(tmpdir(), 'idc-cwd-'));
  await writeFile(join(dir, 'access.yaml'), 'version: 1\nusers:\n  alice:\n    display_name: Alice\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('run from another directory', () => {
  for (const argv of [['plan'], ['apply', '--yes']]) {
    it(`idc ${argv.join(' ')} reads access.yaml from there`, async () => {
      const r = await runIdc(argv, { cwd: dir });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^access\.yaml:3:3: /m);
      expect(r.stderr).toContain('given_name');
    });
  }
});
