/** The report as JSON: the Report itself, keys sorted at every level, 2-space indented. */
import { canonicalJson } from '../plan/canonical-json.js';
import type { Report } from './types.js';

export function renderReportJson(report: Report): string {
  return `${canonicalJson(report, 2)}\n`;
}
