/**
 * What an editor shows: yaml-language-server (the server behind VS Code's YAML extension and
 * most editors' YAML support) is driven over stdio with the schema, on five common mistakes, and
 * must show the same words as `idc validate`, on the same line and column — not a raw regex.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import type { LspDiagnostic } from './lsp-client.js';
import { LspClient } from './lsp-client.js';

const root = resolve(import.meta.dirname, '../..');
const schemaUri = pathToFileURL(join(root, 'schema/access.schema.json')).href;

/** The modeline the README gives, pointing at this checkout's schema (tests use no network). */
const FILE = `# yaml-language-server: $schema=${schemaUri}
version: 1
accounts:
  management: 111122223333
users:
  jonathan:
    display_name: Jonathan
    given_name: Jonathan
    family_name: Bergknoff
    emial: jonathan@example.com
permission_sets:
  Admin:
    session_duration: PT13H
    inline_policy:
      Version: "2012-10-17"
      Statement:
        - Effect: Alow
          Action: "*"
          Resource: "*"
assignments:
  - permission_set: Admin
    accounts: [management]
`;

/** Each mistake: its line in FILE and the words both the editor and idc must say there. */
const MISTAKES = [
  { mistake: 'unquoted account ID', line: 4, words: 'must be quoted (YAML reads an unquoted account ID as a number and drops leading zeros)' },
  { mistake: 'a typo in a key', line: 10, words: 'unknown key' },
  { mistake: 'PT13H', line: 13, words: 'must be from PT1H to PT12H' },
  { mistake: 'Effect: Alow', line: 17, words: 'must be Allow or Deny' },
  { mistake: 'a rule without principal', line: 21, words: 'names no user or group: add users: [NAME] or groups: [NAME]' },
];

let dir: string;
let editor: { line: number; col: number; message: string }[];
let hover: string;
let idc: { line: number; col: number; message: string }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'idc-editor-'));
  const file = join(dir, 'access.yaml');
  writeFileSync(file, FILE);

  const server = new LspClient(process.execPath, [join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], {
    // As an editor with the YAML extension, minus the SchemaStore catalog (it would need the network).
    yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: {} },
  });
  let published: LspDiagnostic[];
  try {
    await server.initialize(pathToFileURL(dir).href);
    published = await server.open(pathToFileURL(file).href, FILE);
    // Hover on the key session_duration (line 13, 0-based 12).
    const answer = (await server.request('textDocument/hover', { textDocument: { uri: pathToFileURL(file).href }, position: { line: 12, character: 6 } })) as {
      contents?: { value?: string } | string;
    } | null;
    hover = typeof answer?.contents === 'string' ? answer.contents : (answer?.contents?.value ?? '');
  } finally {
    await server.close();
  }
  editor = published.map((d) => ({ line: d.range.start.line + 1, col: d.range.start.character + 1, message: d.message }));

  let stderr = '';
  const code = await runCli(['validate', 'access.yaml'], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: {} });
  expect(code).toBe(1);
  idc = stderr
    .split('\n')
    .map((l) => /^access\.yaml:(\d+):(\d+): (.*)$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => ({ line: Number(m[1]), col: Number(m[2]), message: m[3] ?? '' }));
}, 20_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('yaml-language-server with schema/access.schema.json', () => {
  it('flags exactly the five mistakes, no more', () => {
    expect(editor.map((d) => d.line).sort((a, b) => a - b)).toEqual(MISTAKES.map((m) => m.line));
  });

  it('hover shows the markdownDescription (with code formatting), not the plain description', () => {
    expect(hover).toContain('ISO-8601 hours and minutes from `PT1H` to `PT12H`');
  });

  it.each(MISTAKES)('$mistake: the editor and idc validate say "$words" at the same place', ({ line, words }) => {
    const inEditor = editor.filter((d) => d.line === line);
    const inIdc = idc.filter((d) => d.line === line);
    expect(inEditor).toHaveLength(1);
    expect(inIdc).toHaveLength(1);
    expect(inEditor[0]?.message).toContain(words);
    expect(inIdc[0]?.message).toContain(words);
    expect(inEditor[0]?.col).toBe(inIdc[0]?.col);
    // The editor shows the schema's sentence, never the pattern it checks.
    expect(inEditor[0]?.message).not.toMatch(/pattern|\^|\$\)|String does not match|Incorrect type/);
  });
});
