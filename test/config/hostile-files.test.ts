/**
 * A pull request's access.yaml is untrusted, and the job that reads it holds AWS credentials:
 * `inline_policy_file` must not read devices, pipes, files outside the repository or anything
 * large, and must never show what a refused file contains. Deep nesting is refused with a
 * position instead of crashing the loader.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, loadConfigText } from '../../src/config/load.js';
import { MAX_POLICY_FILE_BYTES } from '../../src/config/policy-source.js';
import { repositoryRoot } from '../../src/config/repository-file.js';
import { formatDiagnostic } from '../../src/model/source.js';

const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

let base: string;
let repo: string;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'idc-hostile-'));
  repo = join(base, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'config'));
  mkdirSync(join(repo, 'policies'));
  writeFileSync(join(repo, 'policies', 'ok.json'), POLICY);
  writeFileSync(join(base, 'outside.json'), '{"SecretKey": "s3cr3t-outside-value"}');
  symlinkSync(join(base, 'outside.json'), join(repo, 'policies', 'link-out.json'));
  symlinkSync(join(repo, 'policies', 'ok.json'), join(repo, 'policies', 'link-in.json'));
  symlinkSync(join(base, 'missing.json'), join(repo, 'policies', 'link-nowhere.json'));
  symlinkSync(base, join(repo, 'policies', 'link-dir'));
  execFileSync('mkfifo', [join(repo, 'policies', 'fifo.json')]);
  writeFileSync(join(repo, 'policies', 'big.json'), `${POLICY}${' '.repeat(MAX_POLICY_FILE_BYTES)}`);
  // The timed cases measure refusing a file, not the first load's one-time set-up (compiling the
  // schema, reading the catalogues): that alone takes over a second under coverage instrumentation
  // (`npm run mutation`) on a loaded machine.
  writeFileSync(join(repo, 'warm.yaml'), `version: 1\npermission_sets:\n  Reader:\n    inline_policy_file: policies/ok.json\n`);
  expect((await loadConfig(join(repo, 'warm.yaml'))).diagnostics).toEqual([]);
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Loads access.yaml at `repo/<dir>` whose one permission set reads `path`; its diagnostics as lines. */
async function withPolicyFile(path: string, dir = '.'): Promise<{ lines: string[]; ms: number; valid: boolean }> {
  const file = join(repo, dir, 'access.yaml');
  writeFileSync(file, `version: 1\npermission_sets:\n  Reader:\n    inline_policy_file: ${JSON.stringify(path)}\n`);
  const started = performance.now();
  const result = await loadConfig(file);
  const ms = performance.now() - started;
  return { lines: result.diagnostics.map(formatDiagnostic), ms, valid: result.desired !== undefined };
}

describe('inline_policy_file', () => {
  it.each([
    ['/dev/zero', 'points outside the repository'],
    ['/proc/self/environ', 'points outside the repository'],
    ['policies/link-out.json', 'points outside the repository'],
    ['../outside.json', 'points outside the repository'],
    // Whether a path outside exists is never told apart.
    ['/nonexistent/secret.json', 'points outside the repository'],
    ['policies/link-nowhere.json', 'points outside the repository .* through a symlink'],
    ['policies/link-dir/outside.json', 'points outside the repository .* through a symlink'],
    ['policies/link-dir/missing.json', 'points outside the repository .* through a symlink'],
    ['policies/fifo.json', 'is not a regular file'],
    ['policies', 'is not a regular file'],
  ])('refuses %s in under a second, at the key, without reading it', async (path, why) => {
    const r = await withPolicyFile(path);
    expect(r.valid).toBe(false);
    expect(r.ms).toBeLessThan(1_000);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatch(new RegExp(`access\\.yaml:4:25: inline_policy_file of permission set "Reader" ${why.replace(' .* ', ' \\(.*\\) ')}\\b`));
    // Nothing of the file is shown: no key of the JSON outside, no byte of the environment.
    expect(r.lines[0]).not.toContain('SecretKey');
    expect(r.lines[0]).not.toMatch(/unexpected|not valid JSON/);
  });

  it('refuses a file over 32 KiB, by its size, before parsing it', async () => {
    const r = await withPolicyFile('policies/big.json');
    expect(r.lines).toEqual([
      expect.stringMatching(
        /access\.yaml:4:25: inline_policy_file of permission set "Reader" is 32,8\d\d bytes: .*policies\/big\.json: Identity Center accepts at most 32,768 bytes; /,
      ),
    ]);
  });

  it('reads a regular file inside the repository, also through a symlink that stays inside and from a sibling directory', async () => {
    expect((await withPolicyFile('policies/ok.json')).valid).toBe(true);
    expect((await withPolicyFile('policies/link-in.json')).valid).toBe(true);
    expect((await withPolicyFile('../policies/ok.json', 'config')).valid).toBe(true);
  });

  it('takes the nearest directory with .git as the repository, else the directory of access.yaml', () => {
    expect(repositoryRoot(join(repo, 'config'))).toBe(repositoryRoot(repo));
    const loose = mkdtempSync(join(tmpdir(), 'idc-no-git-'));
    try {
      expect(repositoryRoot(loose)).toMatch(/idc-no-git-/);
    } finally {
      rmSync(loose, { recursive: true, force: true });
    }
  });
});

describe('access.yaml itself', () => {
  it('is refused when it is a symlink out of the repository, a FIFO or a device, without showing its content', async () => {
    writeFileSync(join(base, 'other.yaml'), 'version: 1\nusers:\n  OutsideSecretKey: {}\n');
    symlinkSync(join(base, 'other.yaml'), join(repo, 'linked.yaml'));
    const cases: [string, RegExp][] = [
      [join(repo, 'linked.yaml'), /:1:1: cannot read .*linked\.yaml: it points outside the repository \(.*\) through a symlink: /],
      [join(repo, 'policies', 'fifo.json'), /:1:1: cannot read .*fifo\.json: it is not a regular file: /],
      ['/dev/zero', /^\/dev\/zero:1:1: cannot read \/dev\/zero: it is not a regular file: /],
    ];
    for (const [path, message] of cases) {
      const started = performance.now();
      const result = await loadConfig(path);
      expect(performance.now() - started).toBeLessThan(1_000);
      const lines = result.diagnostics.map(formatDiagnostic);
      expect(lines).toEqual([expect.stringMatching(message)]);
      expect(lines[0]).not.toContain('OutsideSecretKey');
    }
  });
});

describe('deep nesting', () => {
  const load = (text: string) => loadConfigText(text, 'access.yaml', repo).diagnostics.map(formatDiagnostic);

  it('refuses 20,000 nested [ in an inline policy written as JSON text, with a position', () => {
    const lines = load(`version: 1\npermission_sets:\n  Deep:\n    inline_policy: '${'['.repeat(20_000)}'\n`);
    expect(lines).toEqual([
      'access.yaml:4:20: inline_policy of permission set "Deep" is not valid JSON: it is nested deeper than 64 levels (line 1, column 65 of the JSON); IAM policies need about 5: flatten it; write it as YAML instead, or fix the JSON',
    ]);
  });

  it('refuses 16,000 nested [ in a policy file (32 KiB)', async () => {
    writeFileSync(join(repo, 'policies', 'deep.json'), `${'['.repeat(16_000)}${']'.repeat(16_000)}`);
    const r = await withPolicyFile('policies/deep.json');
    expect(r.lines).toEqual([
      expect.stringMatching(
        /^.*access\.yaml:4:25: inline_policy_file .*deep\.json of permission set "Reader" is not valid JSON: it is nested deeper than 64 levels/,
      ),
    ]);
  });

  it('refuses 20,000 nested YAML flow sequences and deep block nesting before the yaml library recurses', () => {
    const flow = load(`version: 1\npermission_sets:\n  Deep:\n    inline_policy: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    expect(flow).toEqual([expect.stringMatching(/^access\.yaml:4:\d+: the document is nested deeper than 64 levels: flatten it/)]);
    const block = load(`version: 1\nx:\n${Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}a\n`);
    expect(block).toEqual([expect.stringMatching(/^access\.yaml:\d+:\d+: the document is nested deeper than 64 levels/)]);
  });

  it('refuses tags that make bytes or dates, and treats keys named like Object properties as data (found by the fuzz test)', () => {
    expect(load('!!binary # nothing here yet\n')).toEqual([
      'access.yaml:1:10: the YAML tag !!binary is not allowed here: access.yaml holds only text, numbers, true/false, lists and mappings; remove the tag',
    ]);
    const lines = load('version: 1\ntoString: 1\n__proto__: 2\n');
    expect(lines).toEqual([
      expect.stringMatching(/^access\.yaml:2:1: unknown key "toString"/),
      expect.stringMatching(/^access\.yaml:3:1: unknown key "__proto__"/),
    ]);
  });

  it('accepts nesting up to the limit', () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }],
    };
    const lines = load(`version: 1\npermission_sets:\n  Ok:\n    inline_policy: '${JSON.stringify(policy)}'\n`);
    expect(lines).toEqual([]);
  });
});
