/** `--since FILE`: what access was gained and lost between an earlier report and this one. */
import { compareTuples } from '../model/compare.js';
import type { Report, ReportRow, ReportSince } from './types.js';

const key = (r: Pick<ReportRow, 'user' | 'accountId' | 'permissionSet'>): string => `${r.user}|${r.accountId}|${r.permissionSet}`;

/**
 * Whether a row's access is held: in AWS for `aws` reports (a pending `file-only` row is not held
 * yet), in the file for offline ones.
 */
export function isHeld(row: ReportRow, mode: Report['mode']): boolean {
  return mode === 'offline' || row.source !== 'file-only';
}

/**
 * Rows held now and not in `earlier` (gained), and held in `earlier` and not now (lost, as the
 * earlier report showed them). `keep` narrows the earlier rows like this report's filters.
 */
export function compareWith(
  now: { mode: Report['mode']; rows: readonly ReportRow[] },
  earlier: Pick<Report, 'mode' | 'rows' | 'hash' | 'generatedAt'>,
  keep: (row: ReportRow) => boolean,
): ReportSince {
  const heldNow = new Map(now.rows.filter((r) => isHeld(r, now.mode)).map((r) => [key(r), r]));
  const heldThen = new Map(earlier.rows.filter((r) => keep(r) && isHeld(r, earlier.mode)).map((r) => [key(r), r]));
  const order = (a: ReportRow, b: ReportRow): number => compareTuples([a.user, a.accountId, a.permissionSet], [b.user, b.accountId, b.permissionSet]);
  return {
    hash: earlier.hash,
    generatedAt: earlier.generatedAt,
    gained: [...heldNow.values()].filter((r) => !heldThen.has(key(r))).sort(order),
    lost: [...heldThen.values()].filter((r) => !heldNow.has(key(r))).sort(order),
  };
}
