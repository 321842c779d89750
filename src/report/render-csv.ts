/**
 * The report as CSV, one line per (person, account, permission set): with csv-stringify
 * (RFC 4180 quoting, and `escape_formulas`: a cell starting with = + - @ tab or CR gets a leading
 * `'` so that a spreadsheet does not run it). Values are first made one line by plainText
 * (newlines and hidden characters shown as escapes). With `--since`, the lines are the
 * differences, with a first column `change` (gained or lost).
 */
import { stringify } from 'csv-stringify/sync';
import { plainText } from '../render/escape.js';
import { pathsText, rulePositions } from './path-text.js';
import type { Report, ReportRow } from './types.js';

export const CSV_COLUMNS = ['user', 'account_id', 'account_name', 'permission_set', 'source', 'paths', 'rules'] as const;

function record(row: ReportRow): string[] {
  const rules = [...new Set(row.paths.map(rulePositions).filter((r) => r !== ''))].join(', ');
  return [row.user, row.accountId, row.accountName, row.permissionSet, row.source, pathsText(row), rules].map(plainText);
}

export function renderReportCsv(report: Report): string {
  const options = { escape_formulas: true, record_delimiter: 'unix' as const };
  if (report.since) {
    const lines = [...report.since.gained.map((r) => ['gained', ...record(r)]), ...report.since.lost.map((r) => ['lost', ...record(r)])];
    return stringify([['change', ...CSV_COLUMNS], ...lines], options);
  }
  return stringify([[...CSV_COLUMNS], ...report.rows.map(record)], options);
}
