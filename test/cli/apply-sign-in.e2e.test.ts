/** `idc apply` that creates a user tells them how to get in (the emulator plays AWS). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIdc, type IdcResult } from './run-idc.js';
import { startE2E, type E2E } from '../e2e/harness.js';
import { readWorldFile } from '../../emulator/index.js';

const ROOT = join(import.meta.dirname, '../..');
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({ world: await readWorldFile(join(ROOT, 'emulator/worlds/demo.json')) });
  await e2e.write(await readFile(join(ROOT, 'access.yaml'), 'utf8'));
});
afterAll(() => e2e?.close());

function idc(...argv: string[]): Promise<IdcResult> {
  return runIdc(argv, { cwd: e2e.dir, engine: e2e.engine });
}

describe('idc apply creating a user', () => {
  it('prints the first sign-in: the start URL, Forgot password, and the idc profiles command', async () => {
    const r = await idc('apply', '--yes', '--quiet', 'access.yaml');
    expect(r.code).toBe(0);
    const signIn = r.stdout.slice(r.stdout.indexOf('First sign-in'));
    expect(signIn).toBe(
      [
        'First sign-in for the new user: AWS sends no invitation email to users created through the API.',
        '  1. Open the AWS access portal https://d-9067000001.awsapps.com/start and enter the user name.',
        '  2. Choose "Forgot password" and set a password with the link AWS emails (or an administrator sends it: IAM Identity Center console → Users → the user → Reset password → send an email).',
        '  3. Write the AWS CLI profiles and sign in:',
        '       idc profiles access.yaml --user jonathan --merge ~/.aws/config    # jonathan (Jonathan Bergknoff, jonathan@example.com)',
        '       aws sso login --sso-session d-9067000001',
        '',
      ].join('\n'),
    );
  });

  it('says nothing about it when no user is created', async () => {
    const r = await idc('apply', '--yes', '--quiet', 'access.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('First sign-in');
  });
});
