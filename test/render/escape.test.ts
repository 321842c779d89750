/**
 * User text (access.yaml keys and values, AWS names) reaches a terminal, annotations and the PR
 * comment only through src/render/escape.ts: nothing in it can move the cursor, hide text, start
 * a line, reverse text, or become a link, a mention or a reference.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { annotate } from '../../src/github/annotations.js';
import type { ActionIO } from '../../src/github/io.js';
import {
  diagnosticText,
  escapeMarkdown,
  hasHiddenCharacter,
  inlineCode,
  MAX_MESSAGE_CHARS,
  plainText,
  quoteValue,
  shortText,
} from '../../src/render/escape.js';

const ZWJ = '\u200D';
/** The hostile key of the issue: return, newline, ESC[8m (hidden text) and a fake verdict. */
const FORGED_KEY = 'bob\r\nESC\u001b[8maccess.yaml: valid — 0 users\u202e\u2028\u0000';
/** What a terminal or a browser would act on or not show. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

async function validate(text: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'idc-escape-'));
  try {
    writeFileSync(join(dir, 'access.yaml'), text);
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: {} };
    const code = await runCli(['validate', 'access.yaml'], io);
    return { code, stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('terminal and annotation text', () => {
  it('a key with \\r, a newline and ESC[8m cannot forge a line of idc validate', async () => {
    const r = await validate(`version: 1\nusers:\n  ${JSON.stringify(FORGED_KEY)}: {}\n`);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    for (const line of lines) {
      expect(line).not.toMatch(CONTROL);
      expect(line).toMatch(/^access\.yaml(:\d+:\d+)?: /);
    }
    expect(lines.at(-1)).toMatch(/^access\.yaml: \d+ problems? found$/);
    expect(lines[0]).toContain('user "bob\\r\\nESC\\u001b[8maccess.yaml: valid — 0 users\\u202e\\u2028\\u0000"');
  });

  it('shows hidden characters as escapes, on one line', () => {
    expect(plainText('a\u0000b\u001b[2Jc\u202ed\u2028e\u2029f\u00adg\u061ch\u180ei\u3164j\u{e0041}k\tl\n')).toBe(
      'a\\u0000b\\u001b[2Jc\\u202ed\\u2028e\\u2029f\\u00adg\\u061ch\\u180ei\\u3164j\\u{e0041}k\\tl\\n',
    );
    expect(plainText('Zoë 日本 😀 ❤️ café')).toBe('Zoë 日本 😀 ❤️ café');
    expect(hasHiddenCharacter('ok')).toBe(false);
    expect(hasHiddenCharacter('a\u200bb')).toBe(true);
  });

  it('shortens values to 120 characters with an ellipsis, without splitting a character', () => {
    expect(shortText('x'.repeat(500_000))).toBe(`${'x'.repeat(119)}…`);
    expect(quoteValue('y'.repeat(500_000))).toBe(`"${'y'.repeat(119)}…"`);
    expect(Array.from(shortText('😀'.repeat(200)))).toHaveLength(120);
    expect(shortText('😀'.repeat(120))).toBe('😀'.repeat(120));
    expect(quoteValue('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
  });

  it('bounds a whole message, keeping its start and its advice at the end', () => {
    const message = `user ${'u'.repeat(5_000)} is wrong: do this`;
    const out = diagnosticText(message);
    expect(Array.from(out).length).toBe(MAX_MESSAGE_CHARS);
    expect(out.startsWith('user uuu')).toBe(true);
    expect(out.endsWith('is wrong: do this')).toBe(true);
  });

  it('annotations get the escaped message', () => {
    const messages: string[] = [];
    const io = { error: (m: string) => messages.push(m), warning: (m: string) => messages.push(m) } as unknown as ActionIO;
    annotate(io, [{ file: 'access.yaml', line: 3, col: 3, severity: 'error', message: `user ${JSON.stringify(FORGED_KEY)} is bad` }]);
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toMatch(CONTROL);
    expect(messages[0]).toContain('\\u202e');
  });
});

describe('markdown', () => {
  const linkFree = (s: string): void => {
    expect(s).not.toMatch(/https?:\/\//);
    expect(s).not.toMatch(/(^|[^A-Za-z0-9])www\./i);
    expect(s).not.toMatch(/(^|[^\w])@[A-Za-z0-9]/);
    expect(s).not.toMatch(/#\d/);
    // No 7 or more hex characters between word boundaries (GitHub's commit references).
    expect(s).not.toMatch(/(?<![A-Za-z0-9_])(?=[0-9a-f]*[a-f])[0-9a-f]{7,}(?![A-Za-z0-9_])/i);
  };

  it('neutralises URLs, www. names, commit SHAs, mentions and issue references', () => {
    for (const value of [
      'https://evil.example',
      'see http://evil.example/login now',
      'www.evil.example',
      'WWW.evil.example/path',
      'ftp://evil.example',
      'mailto:evil@evil.example',
      '3e5c1e60269ae0329094de131227285d4682b665',
      'fixed in abc1234',
      'owner/repo@3e5c1e60269ae0329094de131227285d4682b665',
      '@someone',
      'cc @org/team',
      '#12',
      'org/repo#12 and GH-12',
    ]) {
      const out = escapeMarkdown(value);
      linkFree(out);
      // The text reads the same once the zero-width joiners are removed.
      expect(out.replaceAll(ZWJ, '').replace(/\\(.)/g, '$1')).toBe(value);
    }
    expect(escapeMarkdown('https://evil.example')).toBe(`https:${ZWJ}//evil.example`);
    expect(escapeMarkdown('www.evil.example')).toBe(`www${ZWJ}.evil.example`);
    expect(escapeMarkdown('3e5c1e60269ae0329094de131227285d4682b665')).toBe(['3e5c1e', '60269a', 'e03290', '94de13', '122728', '5d4682', 'b665'].join(ZWJ));
    expect(escapeMarkdown('@someone')).toBe(`@${ZWJ}someone`);
    expect(escapeMarkdown('#12')).toBe(`\\#${ZWJ}12`);
  });

  it('leaves account IDs, ARNs and emails copyable', () => {
    expect(escapeMarkdown('111122223333')).toBe('111122223333');
    expect(escapeMarkdown('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(escapeMarkdown('jonathan@example.com')).toBe('jonathan@example.com');
  });

  it('shows the invisible characters GitHub would render as nothing', () => {
    const invisible = ['\u061c', '\u00ad', '\u180e', '\u3164', '\u{e0000}', '\u{e0001}', '\u{e0041}', '\u{e007f}', '\u202e', '\u2066', '\u200b', '\ufeff'];
    for (const ch of invisible) {
      const out = escapeMarkdown(`a${ch}b`);
      expect(out, `U+${ch.codePointAt(0)?.toString(16)}`).not.toContain(ch);
      expect(out).toMatch(/^a\\\\u(\{[0-9a-f]+\}|[0-9a-f]{4})b$/);
      expect(inlineCode(`a${ch}b`)).not.toContain(ch);
    }
  });
});
