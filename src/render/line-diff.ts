/** A line diff (longest common subsequence) for showing policy changes. */
import { count } from '../model/plural.js';

export interface DiffLine {
  op: ' ' | '+' | '-';
  text: string;
}

export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: length of the LCS of before[i..] and after[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as number[];
    const next = lcs[i + 1] as number[];
    for (let j = m - 1; j >= 0; j--) {
      row[j] = before[i] === after[j] ? (next[j + 1] as number) + 1 : Math.max(next[j] as number, row[j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ op: ' ', text: before[i] as string });
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      out.push({ op: '+', text: after[j] as string });
      j++;
    } else {
      out.push({ op: '-', text: before[i] as string });
      i++;
    }
  }
  // Show removals before additions within a hunk, as people expect.
  return regroup(out);
}

function regroup(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let adds: DiffLine[] = [];
  let dels: DiffLine[] = [];
  const flush = (): void => {
    out.push(...dels, ...adds);
    adds = [];
    dels = [];
  };
  for (const l of lines) {
    if (l.op === '+') adds.push(l);
    else if (l.op === '-') dels.push(l);
    else {
      flush();
      out.push(l);
    }
  }
  flush();
  return out;
}

/** Keeps `context` unchanged lines around changes; longer unchanged runs become one `…` line. */
export function withContext(lines: DiffLine[], context = 3): (DiffLine | { op: '…'; text: string })[] {
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.op === ' ') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const out: (DiffLine | { op: '…'; text: string })[] = [];
  let skipped = 0;
  lines.forEach((l, i) => {
    if (keep[i]) {
      if (skipped > 0) out.push({ op: '…', text: count(skipped, 'unchanged line') });
      skipped = 0;
      out.push(l);
    } else skipped++;
  });
  if (skipped > 0) out.push({ op: '…', text: count(skipped, 'unchanged line') });
  return out;
}
