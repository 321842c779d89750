/**
 * Fuzzing `idc validate` with generated and mutated access.yaml files (fast-check): hostile
 * names and values (control characters, escape sequences, bidi controls, separators, invisible
 * characters, URLs, very long text), deep nesting, long lists, anchors, policy files that are
 * devices, pipes, symlinks out of the repository or /proc files, and random edits of the text.
 *
 * For every file: the loader never throws (the command never reaches its crash handler), the
 * exit code is 0 or 1, every problem is printed as `access.yaml:LINE:COL: …` with a line inside
 * the file, and no output line contains a control, format or separator character.
 *
 * `npm test` runs 1,000 files; `npm run fuzz` runs 10,000 (FUZZ_RUNS sets the number,
 * FUZZ_SEED replays a failure fast-check reported).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/run.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1_000);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);

/** Anything a terminal acts on or a reader cannot see. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u3164\u{E0000}-\u{E007F}]/u;

const PIECES = [
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u0008',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u001b[8m',
  '\u001b[2J\u001b[H',
  '\u001b]8;;https://evil.example\u0007x\u001b]8;;\u0007',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u2028',
  '\u2029',
  '\u00ad',
  '\u061c',
  '\u180e',
  '\u3164',
  '\u{e0001}',
  '\u{e0041}',
  '\ud800',
  'https://evil.example',
  'www.evil.example',
  '@someone',
  '#12',
  '3e5c1e60269ae0329094de131227285d4682b665',
  'access.yaml:1:1: valid',
  '"',
  "'",
  ':',
  ': ',
  '- ',
  '{',
  '}',
  '[',
  ']',
  ',',
  '&a ',
  '*a',
  '!!binary ',
  '? ',
  '%YAML 1.2',
  '---',
  '...',
  '#',
  '|',
  '>',
  '`',
  '\\',
  '<b>',
  'é',
  '😀',
  '日本',
];
const NAMES = ['alice', 'bob', 'admins', 'ReadOnly', 'Admin', 'ReadOnlyAccess', '111122223333', 'prod', '/Workloads/Prod'];
const ODD_PATHS = [
  '/dev/zero',
  '/dev/urandom',
  '/proc/self/environ',
  '/proc/self/mem',
  '/etc/passwd',
  'policies/fifo.json',
  'policies/link-out.json',
  'policies/link-in.json',
  '../outside.json',
  'policies',
  'policies/ok.json',
  'policies/big.json',
  'policies/deep.json',
  '',
  '.',
  '/',
  '~/x.json',
  'policies/ok.json\u0000.txt',
];

const hostileText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
      { weight: 2, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
      { weight: 2, arbitrary: fc.constantFrom(...NAMES) },
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));
const longText = fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n));
const text = fc.oneof({ weight: 6, arbitrary: hostileText }, { weight: 3, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: longText });
const names = fc.array(text, { maxLength: 4 });
const policy = fc.oneof(
  fc.constant({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
  fc.jsonValue({ maxDepth: 4 }),
  fc.integer({ min: 30, max: 500 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  hostileText,
);

const document = fc.record(
  {
    version: fc.oneof(fc.constant(1), fc.constant(2), text),
    users: fc.dictionary(text, fc.record({ display_name: text, given_name: text, family_name: text, email: text }, { requiredKeys: [] }), { maxKeys: 3 }),
    groups: fc.dictionary(text, fc.record({ members: names, description: text }, { requiredKeys: [] }), { maxKeys: 3 }),
    permission_sets: fc.dictionary(
      text,
      fc.record(
        {
          managed_policies: names,
          customer_managed_policies: names,
          inline_policy: policy,
          inline_policy_file: fc.oneof(fc.constantFrom(...ODD_PATHS), text),
          session_duration: text,
          description: text,
          relay_state: text,
          tags: fc.dictionary(text, text, { maxKeys: 3 }),
        },
        { requiredKeys: [] },
      ),
      { maxKeys: 3 },
    ),
    accounts: fc.dictionary(text, fc.oneof(fc.constant('111122223333'), text), { maxKeys: 2 }),
    assignments: fc.array(
      fc.record(
        { permission_set: text, permission_sets: names, users: names, groups: names, accounts: names, organizational_units: names, expires: text },
        { requiredKeys: [] },
      ),
      { maxLength: 3 },
    ),
    safety: fc.record(
      {
        max_deletes: fc.oneof(fc.integer(), text),
        protected: fc.array(fc.record({ permission_set: text, users: names, accounts: names }, { requiredKeys: [] }), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['version'] },
);

/** Edits of the file's text, at an offset taken modulo its length. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.oneof(fc.constantFrom(...PIECES), hostileText) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }), times: fc.integer({ min: 2, max: 50 }) }),
  fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 60, max: 400 }), open: fc.constantFrom('[', '{a: ', '- ', '[{"a":') }),
  fc.record({ kind: fc.constant('list' as const), entries: fc.integer({ min: 100, max: 1_000 }), duplicate: fc.boolean() }),
  fc.record({ kind: fc.constant('policy-file' as const), path: fc.constantFrom(...ODD_PATHS) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(source: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (source.length + 1) : 0;
  switch (m.kind) {
    case 'insert':
      return source.slice(0, at) + m.piece + source.slice(at);
    case 'delete':
      return source.slice(0, at) + source.slice(at + m.length);
    case 'repeat':
      return source.slice(0, at) + source.slice(at, at + m.length).repeat(m.times) + source.slice(at + m.length);
    case 'nest':
      return (
        source.slice(0, at) +
        (m.open === '- ' ? Array.from({ length: m.depth }, (_, i) => `\n${' '.repeat(i)}- `).join('') : m.open.repeat(m.depth)) +
        source.slice(at)
      );
    case 'list': {
      const items = Array.from({ length: m.entries }, (_, i) => `      - P${m.duplicate ? i % 7 : i}`);
      return `${source}\npermission_sets:\n  Big:\n    managed_policies:\n${items.join('\n')}\n`;
    }
    case 'policy-file':
      return `${source}\npermission_sets:\n  Odd:\n    inline_policy_file: ${JSON.stringify(m.path)}\n`;
  }
}

let repo: string;
let seeds: string[];

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'idc-fuzz-'));
  repo = join(base, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'policies'));
  writeFileSync(join(repo, 'policies', 'ok.json'), '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}');
  writeFileSync(join(repo, 'policies', 'big.json'), ' '.repeat(40_000));
  writeFileSync(join(repo, 'policies', 'deep.json'), `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  writeFileSync(join(base, 'outside.json'), '{"OutsideSecret": 1}');
  symlinkSync(join(base, 'outside.json'), join(repo, 'policies', 'link-out.json'));
  symlinkSync(join(repo, 'policies', 'ok.json'), join(repo, 'policies', 'link-in.json'));
  execFileSync('mkfifo', [join(repo, 'policies', 'fifo.json')]);
  const fixtures = join(import.meta.dirname, '../fixtures');
  seeds = ['valid', 'invalid'].flatMap((kind) =>
    readdirSync(join(fixtures, kind))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => readFileSync(join(fixtures, kind, f), 'utf8')),
  );
});

afterAll(() => rmSync(join(repo, '..'), { recursive: true, force: true }));

/** Runs `idc validate access.yaml` on `source` in the fuzz repository. */
async function validate(source: string): Promise<{ code: number; out: string[] }> {
  writeFileSync(join(repo, 'access.yaml'), source);
  let output = '';
  const write = (s: string): boolean => {
    output += s;
    return true;
  };
  const code = await runCli(['validate', 'access.yaml'], { stdout: { write }, stderr: { write }, cwd: repo, env: {} });
  return { code, out: output.split('\n').filter((l) => l !== '') };
}

function check(source: string, result: { code: number; out: string[] }): void {
  const lines = source.split(/\r\n|\r|\n/).length;
  expect([0, 1]).toContain(result.code);
  expect(result.out.length).toBeGreaterThan(0);
  for (const line of result.out) {
    expect(line, 'a control, format or separator character').not.toMatch(HIDDEN);
    expect(line, 'the crash handler').not.toMatch(/^idc validate: /);
    const m = /^access\.yaml:(\d+):(\d+): /.exec(line);
    if (m) {
      expect(Number(m[1])).toBeGreaterThanOrEqual(1);
      expect(Number(m[1])).toBeLessThanOrEqual(lines + 1);
      expect(Number(m[2])).toBeGreaterThanOrEqual(1);
    } else {
      expect(line).toMatch(result.code === 0 ? /^access\.yaml: valid — / : /^access\.yaml: \d{1,3}(,\d{3})* problems? found$/);
    }
  }
}

describe(`fuzzing idc validate (${RUNS.toLocaleString('en-US')} files)`, () => {
  it(
    'never throws, exits 0 or 1, positions every problem, prints no control character',
    async () => {
      const generated = document.map((doc) => stringify(doc, { lineWidth: 0 }));
      const seeded = fc.integer({ min: 0, max: 10_000 }).map((i) => seeds[i % seeds.length] ?? '');
      const file = fc.tuple(fc.oneof(generated, seeded), fc.array(mutation, { maxLength: 3 })).map(([source, edits]) => edits.reduce(mutate, source));
      let valid = 0;
      await fc.assert(
        fc.asyncProperty(file, async (source) => {
          const result = await validate(source);
          check(source, result);
          if (result.code === 0) valid++;
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      console.log(`RESULT fuzz_runs=${RUNS} valid=${valid} invalid=${RUNS - valid}`);
    },
    30_000 + RUNS * 100,
  );
});
