/** Reads an earlier JSON report for `--since`, checking that it is one and that it was not edited. */
import { reportHash } from './build-report.js';
import { REPORT_FORMAT_VERSION, REPORT_KIND, type Report, type ReportRow } from './types.js';

export type ReadReport = { ok: true; report: Report; warnings: string[] } | { ok: false; message: string };

const isString = (v: unknown): v is string => typeof v === 'string';

function isRow(v: unknown): v is ReportRow {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return isString(r['user']) && isString(r['accountId']) && isString(r['permissionSet']) && isString(r['source']) && Array.isArray(r['paths']);
}

/** `text` is the file's content, `name` how to call it in messages. */
export function parseReport(text: string, name: string): ReadReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `${name} is not JSON (${e instanceof Error ? e.message : String(e)}): pass a report written by "idc report --format json"` };
  }
  const r = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (r['kind'] !== REPORT_KIND) {
    return { ok: false, message: `${name} is not an access report (no "kind": "${REPORT_KIND}"): pass a report written by "idc report --format json"` };
  }
  if (r['formatVersion'] !== REPORT_FORMAT_VERSION) {
    return {
      ok: false,
      message: `${name} has report format version ${String(r['formatVersion'])}; this idc reads version ${REPORT_FORMAT_VERSION}: make it again with this idc`,
    };
  }
  const rows = r['rows'];
  if (!Array.isArray(rows) || !rows.every(isRow) || (r['mode'] !== 'aws' && r['mode'] !== 'offline') || !isString(r['hash']) || !isString(r['generatedAt'])) {
    return {
      ok: false,
      message: `${name} is not a complete access report (rows, mode, hash or generatedAt missing or malformed): make it again with "idc report --format json"`,
    };
  }
  const report = value as Report;
  const warnings = reportHash(report) === report.hash ? [] : [`${name} was changed after it was made: its content does not match its hash ${report.hash}`];
  return { ok: true, report, warnings };
}
