/**
 * Making values from access.yaml and AWS safe to show. A value can contain anything: markdown,
 * HTML, @mentions, issue references, table pipes, newlines, terminal escape sequences, bidi
 * overrides that make text read differently from what it is.
 */

/** Bidirectional overrides/isolates and other invisible format characters. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;
const ZWJ = '\u200D';

function codePoint(ch: string): string {
  return `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** One line: newlines and tabs become spaces; control and invisible characters become `<U+XXXX>`. */
export function oneLine(s: string): string {
  return s.replace(/\r\n|[\r\n\u2028\u2029\t]/gu, ' ').replace(CONTROL, codePoint).replace(INVISIBLE, codePoint);
}

/**
 * Characters with a meaning in GitHub markdown inline text (`$` is math). `(`, `)` and `!` need no
 * escape once `[` and `]` are escaped (no link or image can start).
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]#|~$]/g;

/**
 * Escapes a value for GitHub markdown inline text, safe in table cells, list items and headings:
 * one line, HTML special characters as entities, markdown punctuation backslash-escaped, and a
 * zero-width joiner after `@` (no mention) and `#` / `GH-` before digits (no issue link).
 */
export function escapeMarkdown(s: string): string {
  return oneLine(s)
    .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, `$1@${ZWJ}`)
    .replace(/#(?=\d)/g, `#${ZWJ}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWJ}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_SPECIAL, '\\$&');
}

/** A fence of backticks longer than any run of backticks in `content` (at least 3). */
export function codeFence(content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A fenced code block; its content is shown literally (control characters made visible). */
export function codeBlock(content: string, info = ''): string {
  const safe = content
    .split('\n')
    .map((line) => line.replace(CONTROL, codePoint).replace(INVISIBLE, codePoint))
    .join('\n');
  const fence = codeFence(safe);
  return `${fence}${info}\n${safe}\n${fence}`;
}

/** Text for a terminal: no escape sequences or other control characters. */
export function escapeTerminal(s: string): string {
  return oneLine(s);
}
