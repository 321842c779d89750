/**
 * Rows and paths as words, unescaped: every renderer escapes the result for its medium.
 * `direct (access.yaml:12)`, `group ops (aws-only: drift)`, `group new (file-only: access.yaml:40)`.
 */
import type { Report, ReportPath, ReportRow } from './types.js';
import { count } from '../model/plural.js';

/** `access.yaml:12, access.yaml:30` */
export function rulePositions(path: ReportPath): string {
  return path.rules.map((r) => `${r.pos.file}:${r.pos.line}`).join(', ');
}

export function pathText(path: ReportPath): string {
  const name = path.via === 'direct' ? 'direct' : `group ${path.group ?? ''}`;
  const where = rulePositions(path);
  switch (path.source) {
    case 'both':
    case 'file':
      return where === '' ? name : `${name} (${where})`;
    case 'file-only':
      return `${name} (file-only, pending${where === '' ? '' : `: ${where}`})`;
    case 'aws-only':
      return `${name} (aws-only: ${path.drift === false ? 'not owned by the file' : 'drift'})`;
  }
}

export const pathsText = (row: ReportRow): string => row.paths.map(pathText).join('; ');

/** `prod (111122223333)`, or the ID alone when the name is not known. */
export const accountText = (row: Pick<ReportRow, 'accountId' | 'accountName'>): string =>
  row.accountName === '' ? row.accountId : `${row.accountName} (${row.accountId})`;

/** `12 rows for 5 people: 9 in both, 2 aws-only, 1 file-only`. */
export function countsText(report: Report): string {
  const c = report.counts;
  const parts = report.mode === 'offline' ? [] : [`${c.both} in both`, `${c.awsOnly} aws-only`, `${c.fileOnly} file-only`].filter((p) => !p.startsWith('0 '));
  return `${count(c.rows, 'row')} for ${count(c.people, 'person', 'people')}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}

/** `since <hash> (<time>): 2 gained, 1 lost`. */
export function sinceText(report: Report): string | undefined {
  const s = report.since;
  if (!s) return undefined;
  return `Since the report ${s.hash.slice(0, 12)} of ${s.generatedAt}: ${s.gained.length} gained, ${s.lost.length} lost`;
}
