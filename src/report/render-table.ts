/** The report for a terminal: aligned columns, every value from the file or AWS escaped. */
import { plainText, shortText } from '../render/escape.js';
import { accountText, countsText, pathsText, sinceText } from './path-text.js';
import type { Report, ReportRow } from './types.js';

const HEADER = ['USER', 'ACCOUNT', 'PERMISSION SET', 'SOURCE', 'PATHS'] as const;

function cells(row: ReportRow): string[] {
  return [shortText(row.user), shortText(accountText(row)), shortText(row.permissionSet), row.source, plainText(pathsText(row))];
}

/** Columns padded to their widest cell (the last one is not padded). */
function table(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length)))
      .join('  ')
      .trimEnd(),
  );
}

export function renderReportTable(report: Report): string {
  const lines: string[] = [];
  const what = report.mode === 'offline' ? `${plainText(report.configFile)} alone (offline)` : `${plainText(report.configFile)} and AWS`;
  lines.push(`Access report: ${what}, ${countsText(report)}`);
  lines.push(`Report hash: ${report.hash}`);
  lines.push('');
  if (report.rows.length === 0) lines.push('No access matches.');
  else lines.push(...table([[...HEADER], ...report.rows.map(cells)]));
  for (const n of report.notes) lines.push(`note: ${plainText(n)}`);
  const since = sinceText(report);
  if (since !== undefined && report.since) {
    lines.push('', plainText(since)); // the earlier report's hash and time come from a file
    const changes = [...report.since.gained.map((r) => ['+', ...cells(r)]), ...report.since.lost.map((r) => ['-', ...cells(r)])];
    if (changes.length > 0) lines.push(...table(changes));
  }
  return `${lines.join('\n')}\n`;
}
