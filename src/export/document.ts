/**
 * Writes the exported data as YAML text with comments: a header that says where it came from,
 * a comment per section, notes above entries that need attention, short lists in flow style.
 */
import { Document, isMap, isPair, isScalar, Scalar, visit, type Pair, type YAMLMap } from 'yaml';

/** Top-level keys in the order of the format's documentation. */
export const TOP_LEVEL_ORDER = ['version', 'include', 'identity_center', 'accounts', 'users', 'groups', 'permission_sets', 'assignments'] as const;
export type TopLevelKey = (typeof TOP_LEVEL_ORDER)[number];

export interface DocumentParts {
  /** Header comment lines (without `#`). */
  header: string[];
  /** The top-level values; absent keys are not written. */
  sections: Partial<Record<TopLevelKey, unknown>>;
  /** Comment lines above a top-level key. */
  sectionComments: Partial<Record<TopLevelKey, string[]>>;
  /** Comment lines above an entry of a top-level map, e.g. `permission_sets` → `ReadOnly` → lines. */
  entryComments: Partial<Record<TopLevelKey, Map<string, string[]>>>;
  /** A comment after a value of a top-level map on the same line (`accounts` → alias → name). */
  inlineComments: Partial<Record<TopLevelKey, Map<string, string>>>;
  /** Comment lines at the end of the file. */
  trailer: string[];
}

/** Lists of scalars up to this many characters are written `[a, b, c]`. */
export const FLOW_LIST_MAX_CHARS = 72;

/**
 * Plain strings YAML 1.1 reads as something else (`yes`, `off`, `~`, the date `2012-10-17`, the
 * base-60 number `1:30`): quoted, so that tools still on YAML 1.1 read the same file as idc does.
 */
const YAML11_AMBIGUOUS = /^(y|n|yes|no|on|off|true|false|null|~|\d{4}-\d\d?-\d\d?([Tt ].*)?|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$/i;

function comment(lines: readonly string[]): string {
  return lines.map((l) => (l === '' ? '' : ` ${l}`)).join('\n');
}

function pairOf(map: YAMLMap, key: string): Pair<Scalar, unknown> | undefined {
  return map.items.find((p): p is Pair<Scalar, unknown> => isPair(p) && isScalar(p.key) && p.key.value === key);
}

export function renderDocument(parts: DocumentParts): string {
  const ordered: Record<string, unknown> = {};
  for (const key of TOP_LEVEL_ORDER) if (parts.sections[key] !== undefined) ordered[key] = parts.sections[key];
  const doc = new Document(ordered);
  doc.commentBefore = comment(parts.header);
  const root = doc.contents;
  if (!isMap(root)) throw new Error('internal error: the exported document is not a mapping');

  for (const key of TOP_LEVEL_ORDER) {
    const pair = pairOf(root, key);
    if (!pair) continue;
    const lines = parts.sectionComments[key];
    if (pair !== root.items[0]) pair.key.spaceBefore = true; // a blank line between sections, none under the header
    if (lines && lines.length > 0) pair.key.commentBefore = comment(lines);
    const entries = parts.entryComments[key];
    const inline = parts.inlineComments[key];
    if (!isMap(pair.value)) continue;
    for (const entry of pair.value.items) {
      if (!isPair(entry) || !isScalar(entry.key)) continue;
      const name = String(entry.key.value);
      const above = entries?.get(name);
      if (above && above.length > 0) entry.key.commentBefore = comment(above);
      const after = inline?.get(name);
      if (after !== undefined && isScalar(entry.value)) entry.value.comment = ` ${after}`;
    }
  }
  if (parts.trailer.length > 0) doc.comment = comment(parts.trailer);

  visit(doc, {
    Seq(_, seq) {
      const scalars = seq.items.every((i) => isScalar(i));
      const width = seq.items.reduce<number>((n, i) => n + String(isScalar(i) ? i.value : '').length + 2, 0);
      if (scalars && seq.items.length > 0 && width <= FLOW_LIST_MAX_CHARS) seq.flow = true;
    },
    Scalar(_, scalar) {
      if (typeof scalar.value === 'string' && YAML11_AMBIGUOUS.test(scalar.value)) scalar.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false, indentSeq: true });
}
