/**
 * IAM policy documents compared by meaning, not by text: AWS returns inline policies re-formatted,
 * and people write the same policy in several equivalent ways.
 */
import { canonicalJson } from './canonical-json.js';
import { compareStrings, sortedStrings } from '../model/compare.js';
import { hasName, nameRecord } from '../model/name-record.js';

/** Statement members whose value may be one string or a list of strings, in any order. */
const LIST_KEYS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

function asSortedList(value: unknown): unknown {
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return list;
  return sortedStrings(list.map(String));
}

/** `"AWS": "arn…"` and `"AWS": ["arn…"]` are the same principal; `"*"` stays `"*"`. */
function normalisePrincipal(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = nameRecord<unknown>();
  for (const [k, v] of Object.entries(value)) out[k] = asSortedList(v);
  return out;
}

/** `{ "StringEquals": { "aws:x": "a" } }`: every value a sorted list of strings. */
function normaliseCondition(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const out = nameRecord<unknown>();
  for (const [operator, block] of Object.entries(value)) {
    if (block === null || typeof block !== 'object' || Array.isArray(block)) {
      out[operator] = block;
      continue;
    }
    const keys = nameRecord<unknown>();
    for (const [key, v] of Object.entries(block)) keys[key] = asSortedList(v);
    out[operator] = keys;
  }
  return out;
}

function normaliseStatement(statement: unknown): unknown {
  if (statement === null || typeof statement !== 'object' || Array.isArray(statement)) return statement;
  const out = nameRecord<unknown>();
  for (const [k, v] of Object.entries(statement)) {
    if (LIST_KEYS.has(k)) out[k] = asSortedList(v);
    else if (k === 'Condition') out[k] = normaliseCondition(v);
    else if (k === 'Principal' || k === 'NotPrincipal') out[k] = normalisePrincipal(v);
    else out[k] = v;
  }
  return out;
}

function normaliseDocument(doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc;
  const out = nameRecord(Object.entries(doc));
  if (hasName(out, 'Statement')) {
    const raw = out['Statement'];
    const list = Array.isArray(raw) ? raw : [raw];
    // Statement order has no meaning in IAM: sort by each statement's canonical text.
    out['Statement'] = list
      .map(normaliseStatement)
      .map((s) => ({ s, key: canonicalJson(s) }))
      .sort((a, b) => compareStrings(a.key, b.key))
      .filter((x, i, all) => all[i - 1]?.key !== x.key)
      .map((x) => x.s);
  }
  return out;
}

function parse(json: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(json) as unknown };
  } catch {
    // Stryker disable next-line ObjectLiteral: `{}` has a falsy `ok` too; callers only test `ok`.
    return { ok: false };
  }
}

/**
 * The semantic normal form of a policy document, as minified JSON with sorted keys: Statement is
 * always a list (sorted, duplicates removed); Action, NotAction, Resource, NotResource, principal
 * and condition values are always sorted lists of strings. Text that is not JSON is returned
 * trimmed, so it still compares equal only to itself.
 */
export function canonicalPolicy(json: string): string {
  const parsed = parse(json);
  if (!parsed.ok) return json.trim();
  return canonicalJson(normaliseDocument(parsed.value));
}

/** The canonical form pretty-printed (2 spaces), for diffs a person reads. */
export function prettyPolicy(json: string): string {
  const parsed = parse(json);
  if (!parsed.ok) return json.trim();
  return canonicalJson(normaliseDocument(parsed.value), 2);
}

function isNone(p: string | undefined): boolean {
  return p === undefined || p.trim() === '' || p.trim() === '{}';
}

/** Equal in meaning. Absent, empty (what AWS returns for "none") and `{}` are all "no policy". */
export function samePolicy(a: string | undefined, b: string | undefined): boolean {
  if (isNone(a) || isNone(b)) return isNone(a) && isNone(b);
  return canonicalPolicy(a as string) === canonicalPolicy(b as string);
}

/** The `Allow` statements' actions of a policy that grant everything or all of IAM, if any. */
export function adminActions(json: string | undefined): string[] {
  // Stryker disable next-line ConditionalExpression: a "none" text is either not JSON or `{}`, both without statements.
  if (isNone(json)) return [];
  const parsed = parse(json as string);
  // Stryker disable next-line ConditionalExpression: text that is not JSON normalises to no statements anyway.
  if (!parsed.ok) return [];
  const doc = normaliseDocument(parsed.value) as { Statement?: unknown } | null;
  // Stryker disable next-line ArrayDeclaration: a placeholder string statement has no Effect, so grants nothing.
  const statements = Array.isArray(doc?.Statement) ? (doc.Statement as (Record<string, unknown> | null)[]) : [];
  const found = new Set<string>();
  for (const s of statements) {
    if (s?.['Effect'] !== 'Allow') continue;
    const actions = s['Action'];
    if (!Array.isArray(actions)) continue;
    for (const a of actions) {
      if (typeof a === 'string' && (a === '*' || a.toLowerCase() === 'iam:*')) found.add(a);
    }
  }
  return [...found].sort(compareStrings);
}
