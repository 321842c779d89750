/** "Did you mean …?" suggestions for misspelt keys and names. */

/** Edit distance (insert, delete, substitute), stopping early once it exceeds `max`. */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * Longest name (and candidate) compared: the edit distance costs length × length (two
 * 100,000-character names took minutes). Longer names get no suggestion; Identity Center's names
 * are at most 128 characters, group names at most 1,024.
 */
const MAX_COMPARED_CHARS = 256;

/**
 * The candidate closest to `name`, or undefined when none is close: same text in another case,
 * one a prefix of the other (`Admin` → `Administrator`), a candidate containing what was typed
 * (`legacy` → `legacy-prod`), or within an edit distance of a third of the length (at least 2).
 * Ties go to the alphabetically first candidate.
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_COMPARED_CHARS) return undefined;
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    if (c === name || c.length > MAX_COMPARED_CHARS) continue;
    const cl = c.toLowerCase();
    let score: number;
    if (cl === lower) score = 0;
    else {
      // A typo one letter away beats a prefix match (`/Workloads/Prd` → `/Workloads/Prod`, not
      // `/Workloads`), which beats containment (`managed` → `managed_policy`, not
      // `customer_managed`); those beat anything further.
      const long = lower.length >= 3 && cl.length >= 3;
      const prefix = long && (cl.startsWith(lower) || lower.startsWith(cl));
      const contains = long && cl.includes(lower);
      score = Math.min(levenshtein(lower, cl, limit), prefix ? 1.25 : contains ? 1.5 : Infinity);
    }
    if (score > limit) continue;
    if (score < bestScore || (score === bestScore && best !== undefined && c < best)) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const c = closest(name, candidates);
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}
