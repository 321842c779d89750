/** "did you mean …?" for names that do not exist. */
import { compareStrings } from './compare.js';

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** The closest candidate (case-insensitive edit distance within a third of the length, or containing the name), if any. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  let best: { candidate: string; d: number } | undefined;
  for (const candidate of [...new Set(candidates)].sort(compareStrings)) {
    const c = candidate.toLowerCase();
    // A candidate that contains what was typed (`legacy` → `legacy-prod`) counts as close.
    const d = Math.min(distance(wanted, c), wanted.length >= 3 && c.includes(wanted) ? 1.5 : Infinity);
    const limit = Math.max(2, Math.ceil(Math.max(wanted.length, c.length) / 3));
    if (d <= limit && (best === undefined || d < best.d)) best = { candidate, d };
  }
  return best?.candidate;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closest(name, candidates);
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}
