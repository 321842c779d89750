/**
 * Escaping for text the Action itself puts into markdown (titles, error messages, diagnostics,
 * safety reasons, file paths). The plan body is escaped by the renderer; everything else goes
 * through the renderer's own `escapeMarkdown` (one line, HTML entities, markdown punctuation,
 * no @mentions or issue links), so nothing from access.yaml or AWS can inject markdown or HTML.
 */
import { oneLine } from '../render/escape.js';

export { escapeMarkdown } from '../render/escape.js';

/**
 * Wraps text in an inline code span that cannot be broken out of: the fence is longer than the
 * longest run of backticks inside; newlines and invisible characters are made harmless.
 */
export function inlineCode(text: string): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
