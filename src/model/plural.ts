/**
 * Counts and lists in every output (plan, comments, progress, export, CLI): the one place that
 * picks "1 user" or "2 users" (Intl.PluralRules) and joins names (Intl.ListFormat).
 */

const PLURAL = new Intl.PluralRules('en-US');
const NUMBER = new Intl.NumberFormat('en-US');
/** `unit` joins with commas only ("a, b, c"), the form every output already used. */
const UNITS = new Intl.ListFormat('en-US', { style: 'long', type: 'unit' });

/** `user` or `users` for `n` of them. */
export function noun(n: number, one: string, other = `${one}s`): string {
  return PLURAL.select(n) === 'one' ? one : other;
}

/** `1 user`, `2 users`, `1,024 users`. */
export function count(n: number, one: string, other = `${one}s`): string {
  return `${NUMBER.format(n)} ${noun(n, one, other)}`;
}

/** `a, b, c`. */
export function joinList(items: readonly string[]): string {
  return UNITS.format(items);
}

/** `a, b, c`, or the first `max` and `and 3 more`. */
export function listOf(items: readonly string[], max = 5): string {
  if (items.length <= max) return joinList(items);
  return `${joinList(items.slice(0, max))} and ${items.length - max} more`;
}
