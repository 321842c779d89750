/**
 * `idc plan` on a plan apply will refuse, against the emulator through the real engine: the
 * refusal comes first in the text, is in the JSON, and the exit code is 3 (2 when within limits).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MESSY_YAML, messyWorld } from '../e2e/fixtures/messy.js';
import { startE2E, type E2E } from '../e2e/harness.js';
import { runIdc, type IdcResult } from './run-idc.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

async function idc(...argv: string[]): Promise<IdcResult> {
  const run = await runIdc(argv, { cwd: e2e!.dir, engine: e2e!.engine });
  // The engine is given the absolute path; show it as a user in that directory would see it.
  const local = (s: string): string => s.replaceAll(e2e!.config, 'access.yaml');
  return { code: run.code, stdout: local(run.stdout), stderr: local(run.stderr) };
}

describe('idc plan: the safety verdict', () => {
  it('exits 3 and prints the refusal first when apply would refuse; 2 for the same changes within the limit', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML.replace('max_deletes: 50', 'max_deletes: 3'));

    const refused = await idc('plan', e2e.config, '--quiet');
    expect(refused.code).toBe(3);
    expect(refused.stdout.split('\n').slice(0, 6)).toEqual([
      'idc plan: access.yaml',
      '',
      'Apply will refuse this plan (safety checks):',
      '  x too many deletions (safety.max_deletes) (access.yaml:3)',
      '      plan deletes 7 objects; safety.max_deletes is 3: check that every deletion is intended, then raise safety.max_deletes or apply with force',
      '  Fix access.yaml; idc apply --force overrides the safety: checks (break-glass only).',
    ]);
    expect(refused.stderr).toBe('idc plan: idc apply will refuse this plan: 1 safety check fails (see "safety" in the plan).\n');

    const json = await idc('plan', e2e.config, '--quiet', '--json');
    expect(json.code).toBe(3);
    expect((JSON.parse(json.stdout) as { safety: unknown }).safety).toEqual({
      safe: false,
      refusals: [
        {
          code: 'max-deletes-exceeded',
          forceOverrides: true,
          message: 'plan deletes 7 objects; safety.max_deletes is 3: check that every deletion is intended, then raise safety.max_deletes or apply with force',
          pos: { file: 'access.yaml', line: 3, col: 16 },
        },
      ],
    });

    await e2e.write(MESSY_YAML);
    const fine = await idc('plan', e2e.config, '--quiet');
    expect(fine.code).toBe(2);
    expect(fine.stdout).not.toContain('refuse');
    expect(fine.stderr).toBe('');
  });
});
