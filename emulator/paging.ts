import type { AwsError } from './errors.js';
import type { SortedMap } from './sorted-map.js';
import { maxResults, type Input } from './validate.js';

/** Where the next page starts: after key `k`. `e` marks a token handed out with an empty page. */
export interface Cursor {
  k: string | undefined;
  e?: 1;
}

function checksum(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 33) ^ s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

/** Opaque: base64url of the cursor, bound to the operation, with a checksum. */
export function encodeToken(op: string, cursor: Cursor): string {
  const body = JSON.stringify({ o: op, ...cursor });
  return Buffer.from(`${checksum(body)}.${body}`, 'utf8').toString('base64url');
}

export function decodeToken(input: Input, op: string, invalid: () => AwsError): Cursor | undefined {
  const token = input['NextToken'];
  if (token === undefined || token === null) return undefined;
  if (typeof token !== 'string' || token.length === 0) throw invalid();
  const raw = Buffer.from(token, 'base64url').toString('utf8');
  const dot = raw.indexOf('.');
  const body = raw.slice(dot + 1);
  if (dot < 0 || raw.slice(0, dot) !== checksum(body)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalid();
  }
  const p = parsed as { o?: unknown; k?: unknown; e?: unknown };
  if (p.o !== op || (p.k !== undefined && typeof p.k !== 'string')) throw invalid();
  return p.e === 1 ? { k: p.k, e: 1 } : { k: p.k };
}

export interface PageOptions<V> {
  op: string;
  max: number;
  def: number;
  invalid: () => AwsError;
  accept?: (v: V) => boolean;
  /** Return an empty page with a NextToken (Organizations does this now and then). */
  emptyPage?: () => boolean;
}

export interface Page<V> {
  items: V[];
  nextToken: string | undefined;
}

/** One page of a sorted collection, continuing from the request's NextToken. */
export function pageOf<V>(coll: SortedMap<V> | undefined, input: Input, o: PageOptions<V>): Page<V> {
  const limit = maxResults(input, o.max, o.def);
  const cursor = decodeToken(input, o.op, o.invalid);
  if (!coll) return { items: [], nextToken: undefined };
  if (o.emptyPage && cursor?.e !== 1 && o.emptyPage()) {
    const peek = coll.page(cursor?.k, 1);
    if (peek.items.length > 0) return { items: [], nextToken: encodeToken(o.op, { k: cursor?.k, e: 1 }) };
  }
  const p = o.accept ? coll.page(cursor?.k, limit, o.accept) : coll.page(cursor?.k, limit);
  return { items: p.items, nextToken: p.more ? encodeToken(o.op, { k: p.last }) : undefined };
}

/** Pages a small array already in memory (per-resource lists: tags, policies). */
export function pageArray<V>(all: readonly V[], input: Input, o: Omit<PageOptions<V>, 'accept' | 'emptyPage'>): Page<V> {
  const limit = maxResults(input, o.max, o.def);
  const cursor = decodeToken(input, o.op, o.invalid);
  const start = cursor?.k === undefined ? 0 : Number(cursor.k);
  if (!Number.isInteger(start) || start < 0) throw o.invalid();
  const items = all.slice(start, start + limit);
  const end = start + items.length;
  return { items, nextToken: end < all.length ? encodeToken(o.op, { k: String(end) }) : undefined };
}
