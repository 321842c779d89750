/**
 * `report: true` on a drift run: the access report (see src/report/) of the file and AWS as the
 * drift check read them, written as JSON to a file (its path is the `report-path` output, for
 * actions/upload-artifact) and added to the job summary as markdown, capped.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlanOutcome } from '../engine-contract.js';
import { buildReport } from '../report/build-report.js';
import { NO_FILTERS } from '../report/filter.js';
import { renderReportJson } from '../report/render-json.js';
import { renderReportMarkdown } from '../report/render-markdown.js';
import type { ModeDeps } from './mode.js';

/** What the report may use of the job summary (the plan's part is SUMMARY_PLAN_CHARS). */
export const REPORT_SUMMARY_CHARS = 60_000;
export const REPORT_FILE = 'idc-access-report.json';

export async function attachDriftReport(deps: ModeDeps, outcome: Extract<PlanOutcome, { ok: true }>, now: Date = new Date()): Promise<void> {
  const { report } = buildReport({ desired: outcome.desired, aws: { live: outcome.live, plan: outcome.plan }, filters: NO_FILTERS, now }, now);
  const path = join(deps.tempDir, REPORT_FILE);
  await writeFile(path, renderReportJson(report));
  deps.outputs.reportPath = path;
  deps.summary.add(renderReportMarkdown(report, { maxChars: REPORT_SUMMARY_CHARS, title: 'Who can do what, where (access report)' }));
  deps.io.info(`Access report written to ${path} (${report.rows.length} rows, hash ${report.hash}).`);
}
