/** `idc report --format table|csv|json|markdown`: one report, four audiences. */
import { renderReportCsv } from './render-csv.js';
import { renderReportJson } from './render-json.js';
import { renderReportMarkdown } from './render-markdown.js';
import { renderReportTable } from './render-table.js';
import type { Report } from './types.js';

export const REPORT_FORMATS = ['table', 'csv', 'json', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function renderReport(format: ReportFormat, report: Report): string {
  switch (format) {
    case 'table':
      return renderReportTable(report);
    case 'csv':
      return renderReportCsv(report);
    case 'json':
      return renderReportJson(report);
    case 'markdown':
      return renderReportMarkdown(report);
  }
}
