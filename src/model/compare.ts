/**
 * Ordinal (code-unit) comparisons. Plan order feeds the plan hash, so it must not depend on the
 * runtime's locale the way `localeCompare` does.
 */

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares two tuples of strings/numbers element by element. */
export function compareTuples(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return compareStrings(String(x), String(y));
  }
  return a.length - b.length;
}

export function sortedStrings(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compareStrings);
}
