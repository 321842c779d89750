import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withoutYamlLogging } from '../../src/config/quiet-yaml.js';
import { runIdc } from '../cli/run-idc.js';

// yaml's Node build prints every token (LOG_TOKENS) and every composed node (LOG_STREAM) to
// stdout when those variables are set: our output must not depend on them.
describe('yaml debug logging', () => {
  let dir: string;
  const saved = { tokens: process.env['LOG_TOKENS'], stream: process.env['LOG_STREAM'] };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'idc-quiet-yaml-'));
    process.env['LOG_TOKENS'] = '1';
    process.env['LOG_STREAM'] = '1';
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    for (const [name, value] of [
      ['LOG_TOKENS', saved.tokens],
      ['LOG_STREAM', saved.stream],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('prints no token of access.yaml, with LOG_TOKENS and LOG_STREAM set, and leaves them set', async () => {
    const environment = process.env;
    const log = vi.spyOn(console, 'log');
    const dirLog = vi.spyOn(console, 'dir');
    const write = vi.spyOn(process.stdout, 'write');
    // 600 entries: long enough for the list to be composed in batches while it is parsed.
    const policies = Array.from({ length: 600 }, (_, i) => `      - Policy\u202e${i}`).join('\n');
    writeFileSync(join(dir, 'access.yaml'), `version: 1\npermission_sets:\n  Big:\n    managed_policies:\n${policies}\n`);
    const r = await runIdc(['validate', 'access.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('attaches 600 policies');
    expect(log).not.toHaveBeenCalled();
    expect(dirLog).not.toHaveBeenCalled();
    expect(write).not.toHaveBeenCalled();
    expect(process.env).toBe(environment);
    expect(process.env['LOG_TOKENS']).toBe('1');
  });

  it('puts the environment back when the parse throws', () => {
    const environment = process.env;
    expect(() =>
      withoutYamlLogging(() => {
        expect(process.env['LOG_TOKENS']).toBeUndefined();
        throw new Error('parse failed');
      }),
    ).toThrow('parse failed');
    expect(process.env).toBe(environment);
    expect(process.env['LOG_STREAM']).toBe('1');
  });
});
