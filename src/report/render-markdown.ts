/**
 * The report in GitHub markdown (a job summary, a file to attach to an access review): a table,
 * every value escaped with escapeMarkdown. `maxChars` caps it: rows that do not fit are counted
 * in a last line instead.
 */
import { escapeMarkdown, inlineCode } from '../render/escape.js';
import { count } from '../model/plural.js';
import { accountText, countsText, pathsText, sinceText } from './path-text.js';
import type { Report, ReportRow } from './types.js';

const HEAD = '| User | Account | Permission set | Source | Paths |\n|---|---|---|---|---|';

const line = (r: ReportRow, mark = ''): string =>
  `| ${mark}${escapeMarkdown(r.user)} | ${escapeMarkdown(accountText(r))} | ${escapeMarkdown(r.permissionSet)} | ${r.source} | ${escapeMarkdown(pathsText(r))} |`;

/** Adds table lines while they fit in `budget` characters; returns how many did not. */
function fill(out: string[], lines: readonly string[], budget: { left: number }): number {
  let i = 0;
  for (; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.length + 1 > budget.left) break;
    out.push(l);
    budget.left -= l.length + 1;
  }
  return lines.length - i;
}

export function renderReportMarkdown(report: Report, options: { maxChars?: number; title?: string } = {}): string {
  const budget = { left: options.maxChars ?? Number.POSITIVE_INFINITY };
  const what = report.mode === 'offline' ? `${inlineCode(report.configFile)} alone (offline)` : `${inlineCode(report.configFile)} and AWS`;
  const head = [`### ${options.title ?? 'Access report'}`, '', `${what}: ${escapeMarkdown(countsText(report))}. Report hash: ${inlineCode(report.hash)}`, ''];
  for (const n of report.notes) head.push(`- ${escapeMarkdown(n)}`);
  if (report.notes.length > 0) head.push('');
  const out: string[] = [];
  const tail: string[] = [];
  const since = sinceText(report);
  if (since !== undefined && report.since) {
    tail.push('', `#### ${escapeMarkdown(since)}`);
    const changes = [...report.since.gained.map((r) => line(r, '➕ ')), ...report.since.lost.map((r) => line(r, '➖ '))];
    if (changes.length > 0) tail.push('', HEAD, ...changes);
  }
  budget.left -= [...head, HEAD].join('\n').length + 200;
  out.push(...head);
  // The differences get their room first when they are asked for: they are what a reviewer reads.
  const sinceLines: string[] = [];
  const cutSince = fill(sinceLines, tail, budget);
  if (report.rows.length === 0) out.push('No access matches.');
  else {
    out.push(HEAD);
    const cutRows = fill(
      out,
      report.rows.map((r) => line(r)),
      budget,
    );
    if (cutRows > 0) out.push('', `… and ${count(cutRows, 'more row')} (the full report is in the attached file).`);
  }
  out.push(...sinceLines);
  if (cutSince > 0) out.push('', `… and ${count(cutSince, 'more line')} of differences (see the attached file).`);
  return `${out.join('\n')}\n`;
}
