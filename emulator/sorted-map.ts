/**
 * A Map whose keys are also kept in a sorted array, so a page is a binary search to the
 * cursor plus a slice: cost grows with the page, never with the collection.
 */
export class SortedMap<V> {
  private readonly map = new Map<string, V>();
  private keys: string[] | null = null;

  get size(): number {
    return this.map.size;
  }
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  set(key: string, value: V): void {
    if (!this.map.has(key) && this.keys) this.keys.splice(upperBound(this.keys, key), 0, key);
    this.map.set(key, value);
  }
  delete(key: string): boolean {
    if (!this.map.delete(key)) return false;
    if (this.keys) {
      const i = upperBound(this.keys, key) - 1;
      if (this.keys[i] === key) this.keys.splice(i, 1);
    }
    return true;
  }
  values(): IterableIterator<V> {
    return this.map.values();
  }
  entries(): IterableIterator<[string, V]> {
    return this.map.entries();
  }
  sortedKeys(): readonly string[] {
    if (!this.keys) this.keys = [...this.map.keys()].sort();
    return this.keys;
  }
  /** Sorted values. O(n): for dumps, not for calls. */
  sortedValues(): V[] {
    return this.sortedKeys().map((k) => this.map.get(k) as V);
  }

  /**
   * Up to `limit` values with keys after `after`, in key order. With `accept`, values
   * not accepted are skipped (and still advance the cursor).
   * `last` is the cursor to continue from; `more` says whether keys remain after it.
   */
  page(after: string | undefined, limit: number, accept?: (v: V) => boolean): { items: V[]; last: string | undefined; more: boolean } {
    const keys = this.sortedKeys();
    let i = after === undefined ? 0 : upperBound(keys, after);
    const items: V[] = [];
    let last = after;
    while (i < keys.length && items.length < limit) {
      const k = keys[i] as string;
      const v = this.map.get(k) as V;
      if (!accept || accept(v)) items.push(v);
      last = k;
      i++;
    }
    return { items, last, more: i < keys.length };
  }
}

/** First index whose key is greater than `key`. */
function upperBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
