/** Builds the access report from the file, and from AWS as it is unless offline. Pure: no I/O. */
import type { Desired } from '../model/desired.js';
import type { Live } from '../model/live.js';
import type { Organization } from '../model/organization.js';
import { sortDiagnostics, type Diagnostic } from '../model/source.js';
import { compareStrings, sortedStrings } from '../model/compare.js';
import { liveAccessState } from '../plan/effective-access.js';
import { contentHash } from '../plan/hash.js';
import type { Plan } from '../plan/types.js';
import { fileView, type OrganizationSource } from './file-view.js';
import { rowFilter } from './filter.js';
import { reportRows } from './rows.js';
import { compareWith } from './since.js';
import { REPORT_FORMAT_VERSION, REPORT_KIND, type Report, type ReportFilters, type ReportRow } from './types.js';

export interface ReportInputs {
  desired: Desired;
  /** AWS as it is, and the plan of the file against it (which says what the next apply removes). */
  aws?: { live: Live; plan: Plan };
  /** Offline: the organization, or why it could not be read (only rules that need it are affected). */
  organization?: OrganizationSource;
  filters: ReportFilters;
  /** "Today", for rules with `expires`. */
  now: Date;
  /** An earlier JSON report to compare with (`--since`). */
  since?: Report;
}

/** Name of an account: its Organizations name, else an `accounts:` alias of it, else ''. */
function accountNames(desired: Desired, org: Organization | undefined): (id: string) => string {
  const names = new Map<string, string>();
  for (const [alias, id] of Object.entries(desired.accountAliases).sort(([a], [b]) => compareStrings(b, a))) names.set(id, alias);
  for (const a of org?.accounts ?? []) if (a.name !== '') names.set(a.id, a.name);
  return (id) => names.get(id) ?? '';
}

function counts(rows: readonly ReportRow[]): Report['counts'] {
  const by = (s: ReportRow['source']): number => rows.filter((r) => r.source === s).length;
  return {
    rows: rows.length,
    people: new Set(rows.map((r) => r.user)).size,
    both: by('both'),
    awsOnly: by('aws-only'),
    fileOnly: by('file-only'),
    file: by('file'),
  };
}

/** The report's hash: its content without `generatedAt` and `hash`, with the plan's hashing. */
export function reportHash(report: Omit<Report, 'hash' | 'generatedAt'> & { hash?: string; generatedAt?: string }): string {
  const content: Record<string, unknown> = { ...report };
  delete content['hash'];
  delete content['generatedAt'];
  return contentHash(content);
}

export function buildReport(inputs: ReportInputs, generatedAt: Date): { report: Report; diagnostics: Diagnostic[] } {
  const { desired, aws } = inputs;
  const org: OrganizationSource = aws ? { organization: aws.live.organization } : (inputs.organization ?? { error: 'it was not read' });
  const file = fileView(desired, org, aws?.live, inputs.now);
  const keep = rowFilter(inputs.filters, desired.accountAliases);
  const rows = reportRows({
    ...(aws ? { aws: { state: liveAccessState(aws.live), plan: aws.plan } } : {}),
    file: { state: file.state, expanded: file.expanded },
    accountName: accountNames(desired, 'organization' in org ? org.organization : undefined),
  }).filter(keep);
  const mode: Report['mode'] = aws ? 'aws' : 'offline';
  const body: Omit<Report, 'hash' | 'generatedAt'> = {
    formatVersion: REPORT_FORMAT_VERSION,
    kind: REPORT_KIND,
    mode,
    configFile: desired.file,
    ...(aws ? { instanceArn: aws.live.instance.instanceArn } : {}),
    filters: inputs.filters,
    rows,
    counts: counts(rows),
    notes: sortedStrings(file.notes),
    ...(inputs.since ? { since: compareWith({ mode, rows }, inputs.since, keep) } : {}),
  };
  const report: Report = { ...body, hash: reportHash(body), generatedAt: generatedAt.toISOString() };
  return { report, diagnostics: sortDiagnostics(file.diagnostics) };
}
