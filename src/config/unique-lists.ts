/**
 * Lists whose entries must be unique (managed policies, members, names and accounts in rules),
 * checked in one pass with a set, before the schema. The schema used ajv's `uniqueItems`, which
 * compares every pair: 40,000 entries took 36 s.
 */
import type { Diagnostic } from '../model/source.js';
import { describeValue, show } from './describe.js';
import type { PathSegments, SourceMap } from './source-map.js';
import { lineCol } from './source-map.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const values = (v: unknown): [string, unknown][] => (isObj(v) ? Object.entries(v) : []);
const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const RULE_LISTS = ['permission_sets', 'users', 'groups', 'accounts', 'exclude_accounts', 'organizational_units'];
const PROTECTED_LISTS = ['permission_sets', 'users', 'groups', 'accounts'];

/** Every list of the document that must not repeat an entry, with its path. */
function uniqueLists(root: Obj): [PathSegments, unknown][] {
  const out: [PathSegments, unknown][] = [];
  for (const [name, ps] of values(root['permission_sets'])) {
    if (!isObj(ps)) continue;
    for (const key of ['managed_policies', 'customer_managed_policies']) out.push([['permission_sets', name, key], ps[key]]);
  }
  for (const [name, g] of values(root['groups'])) if (isObj(g)) out.push([['groups', name, 'members'], g['members']]);
  items(root['assignments']).forEach((r, i) => {
    if (isObj(r)) for (const key of RULE_LISTS) out.push([['assignments', i, key], r[key]]);
  });
  const safety = isObj(root['safety']) ? root['safety'] : {};
  items(safety['protected']).forEach((p, i) => {
    if (isObj(p)) for (const key of PROTECTED_LISTS) out.push([['safety', 'protected', i, key], p[key]]);
  });
  return out;
}

/**
 * Equal keys for equal entries (as `uniqueItems` compares them: by value, mappings regardless of
 * key order): a list or mapping as its JSON text, keys sorted.
 */
function entryKey(item: object): string {
  // Nesting is limited by the parser, so this recursion is bounded.
  return JSON.stringify(item, (_k, v: unknown) => (isObj(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/**
 * False when `list` is texts only and none repeats (the usual case), found by sorting a copy:
 * for 40,000 texts that takes half the time of the Map below (a hash table that outgrows the
 * caches costs more per entry the longer the list). True otherwise: the Map then finds where.
 */
function mayRepeat(list: readonly unknown[]): boolean {
  if (!list.every((item) => typeof item === 'string')) return true;
  const sorted = [...(list as readonly string[])].sort();
  return sorted.some((x, i) => i > 0 && x === sorted[i - 1]);
}

/** `members of group "admins" lists "jonathan" twice (first at line 9:14): remove one`, at the repeat. */
export function checkUniqueLists(data: unknown, source: SourceMap): Diagnostic[] {
  if (!isObj(data)) return [];
  const out: Diagnostic[] = [];
  for (const [segs, list] of uniqueLists(data)) {
    if (!Array.isArray(list) || !mayRepeat(list)) continue;
    // A text, number or boolean is its own key (a Map tells `1` from `"1"`); lists and
    // mappings are compared by their text, apart from texts.
    const firstScalar = new Map<unknown, number>();
    const firstCollection = new Map<string, number>();
    list.forEach((item: unknown, i) => {
      const collection = item !== null && typeof item === 'object' ? entryKey(item) : undefined;
      const at = collection === undefined ? firstScalar.get(item) : firstCollection.get(collection);
      if (at === undefined) {
        if (collection === undefined) firstScalar.set(item, i);
        else firstCollection.set(collection, i);
        return;
      }
      const shown = typeof item === 'string' ? show(item) : 'the same entry';
      out.push({
        ...source.at([...segs, i]),
        severity: 'error',
        message: `${describeValue(segs)} lists ${shown} twice (first at line ${lineCol(source.at([...segs, at]))}): remove one`,
      });
    });
  }
  return out;
}
