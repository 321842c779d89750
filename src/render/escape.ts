/**
 * The one place that makes values from access.yaml and AWS safe to show, in a terminal, in a
 * GitHub annotation and in markdown. A value can contain anything: markdown, HTML, @mentions,
 * issue references, URLs, table pipes, newlines, terminal escape sequences, bidi overrides that
 * make text read differently from what it is, invisible characters.
 *
 * - {@link plainText}: one line, every character a terminal or a browser would not show as
 *   itself written as an escape (`\n`, `\u001b`, `\u202e`, `\u{e0041}`).
 * - {@link shortText} / {@link quoteValue}: the same, shortened to about 120 characters with an
 *   ellipsis (a value inside a message).
 * - {@link diagnosticText}: a whole message for a terminal line or an annotation.
 * - {@link escapeMarkdown}, {@link inlineCode}, {@link codeBlock}: GitHub markdown.
 */

/**
 * Characters shown escaped: controls (C0, DEL, C1), format characters (bidi overrides and
 * isolates, U+061C, U+00AD soft hyphen, U+180E, zero-width characters, U+FEFF, the tag
 * characters), line and paragraph separators, lone surrogates, and the fillers and blanks that
 * render as nothing (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+3164, U+FFA0, U+2800) plus the
 * whole tag block U+E0000–U+E007F (some of it unassigned, so not in \p{Cf}).
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0\u{E0000}-\u{E007F}]/u;
const HIDDEN_ALL = new RegExp(HIDDEN.source, 'gu');
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** How many characters of a value a message shows before `…`. */
export const MAX_VALUE_CHARS = 120;
/** How many characters of a whole diagnostic a line shows (values are already shortened). */
export const MAX_MESSAGE_CHARS = 1_000;

function escapeChar(ch: string): string {
  const short = SHORT_ESCAPES[ch];
  if (short !== undefined) return short;
  const code = ch.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** True when `s` has a character {@link plainText} would escape. */
export function hasHiddenCharacter(s: string): boolean {
  return HIDDEN.test(s);
}

/** One line, with every control, format, separator and invisible character written as an escape. */
export function plainText(s: string): string {
  return s.replace(HIDDEN_ALL, escapeChar);
}

/** `s` cut to `max` characters (code points, never half a surrogate pair), `…` marking the cut. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  // A code point is at most 2 UTF-16 units: this prefix holds more than `max` points when `s` does.
  const head = Array.from(s.slice(0, 2 * max + 2));
  if (head.length <= max && s.length <= 2 * max + 2) return s;
  return `${head.slice(0, max - 1).join('')}…`;
}

/** {@link plainText}, shortened to about `max` characters with an ellipsis: a value inside a message. */
export function shortText(s: string, max = MAX_VALUE_CHARS): string {
  // Cut before escaping (so a huge value costs nothing), then again after (escapes are longer).
  return cut(plainText(cut(s, max)), max);
}

/** A value quoted for a message: `"bob\r\n…"`, shortened, quotes and backslashes escaped. */
export function quoteValue(s: string, max = MAX_VALUE_CHARS): string {
  return plainText(JSON.stringify(cut(s, max)));
}

/**
 * A whole diagnostic or error message for a terminal line or an annotation: one line, escaped;
 * a message still longer than {@link MAX_MESSAGE_CHARS} keeps its start and its end (where the
 * advice is) around `…`.
 */
export function diagnosticText(message: string): string {
  const flat = plainText(message);
  if (flat.length <= MAX_MESSAGE_CHARS) return flat;
  const tail = Math.floor(MAX_MESSAGE_CHARS / 4);
  const points = Array.from(flat);
  return `${points.slice(0, MAX_MESSAGE_CHARS - tail - 1).join('')}…${points.slice(-tail).join('')}`;
}

const ZWJ = '\u200D';

/**
 * Characters with a meaning in GitHub markdown inline text (`$` is math). `(`, `)` and `!` need no
 * escape once `[` and `]` are escaped (no link or image can start).
 */
const MARKDOWN_SPECIAL = /[\\`*_[\]#|~$]/g;

/** A run of 7 or more hex digits standing alone, with a letter in it: GitHub links it to a commit. */
const SHA_LIKE = /(?<![A-Za-z0-9_])[0-9a-fA-F]{7,}(?![A-Za-z0-9_])/g;

/**
 * Breaks everything GitHub would turn into a link or a notification with a zero-width joiner
 * (invisible; GitHub's matchers see it as a non-word character):
 * - extended autolinks of the GFM spec (https://github.github.com/gfm/#autolinks-extension-):
 *   `www.` and `scheme://` (http, https, ftp), the `mailto:` / `xmpp:` protocol autolinks; an
 *   email address stays a mailto link to exactly the address shown;
 * - GitHub's references ("Autolinked references and URLs", docs.github.com): `@user` and
 *   `@org/team` mentions, `#123`, `GH-123`, `owner/repo#123`, and commit SHAs (7–40 hex
 *   characters between word boundaries; split into runs of at most 6). Runs of digits only are
 *   left alone: account IDs must stay copyable, and a SHA link needs a letter in practice.
 * GitHub runs autolinking both while parsing and on the rendered text (see
 * micromark-extension-gfm-autolink-literal's notes), so backslashes or entities do not stop it:
 * only a character in the text does.
 */
function breakAutolinks(s: string): string {
  return s
    .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, `$1@${ZWJ}`)
    .replace(/#(?=\d)/g, `#${ZWJ}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWJ}`)
    .replace(/:(?=\/\/)/g, `:${ZWJ}`)
    .replace(/\b(mailto|xmpp):/gi, `$1:${ZWJ}`)
    .replace(/\b(www)\./gi, `$1${ZWJ}.`)
    .replace(SHA_LIKE, (run) => (/[a-fA-F]/.test(run) ? (run.match(/.{1,6}/g) ?? [run]).join(ZWJ) : run));
}

/**
 * Escapes a value for GitHub markdown inline text, safe in table cells, list items and headings:
 * {@link plainText} (one line, hidden characters visible), no autolinks, mentions or issue and
 * commit references ({@link breakAutolinks}), HTML special characters as entities, markdown
 * punctuation backslash-escaped.
 */
export function escapeMarkdown(s: string): string {
  return breakAutolinks(plainText(s)).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(MARKDOWN_SPECIAL, '\\$&');
}

/** A fence of backticks longer than any run of backticks in `content` (at least 3). */
export function codeFence(content: string): string {
  const longest = Math.max(0, ...[...content.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** A fenced code block; its content is shown literally (hidden characters made visible, line by line). */
export function codeBlock(content: string, info = ''): string {
  const safe = content.split('\n').map(plainText).join('\n');
  const fence = codeFence(safe);
  return `${fence}${info}\n${safe}\n${fence}`;
}

/**
 * Wraps text in an inline code span that cannot be broken out of: the fence is longer than the
 * longest run of backticks inside; newlines and hidden characters are made visible. Code spans
 * are never autolinked.
 */
export function inlineCode(text: string): string {
  const flat = plainText(text);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
