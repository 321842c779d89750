/** The report's formats, filters, hash, --since comparison and offline notes, on one small world. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { buildReport, type ReportInputs } from '../../src/report/build-report.js';
import { NO_FILTERS } from '../../src/report/filter.js';
import { parseReport } from '../../src/report/read-report.js';
import { renderReport } from '../../src/report/render.js';
import { renderReportMarkdown } from '../../src/report/render-markdown.js';
import type { ReportFilters } from '../../src/report/types.js';
import {
  desired,
  group,
  live,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  NOW,
  permissionSet,
  PROD_APP,
  rule,
  STAGING,
  user,
} from '../plan/builders.js';

const EVIL = '=HYPERLINK("http://x")';

function world(filters: ReportFilters = NO_FILTERS): ReportInputs {
  const d = desired({
    users: [user('alice'), user('bob'), user(EVIL)],
    groups: [group('ops', ['alice', 'bob']), group('devs', ['bob'])],
    permissionSets: [permissionSet('Admin'), permissionSet('ReadOnly')],
    aliases: { prod: PROD_APP },
    rules: [
      rule(0, { sets: ['Admin'], groups: ['ops'], accounts: ['prod'] }),
      rule(1, { sets: ['ReadOnly'], users: ['alice', EVIL], accounts: ['staging'] }),
      rule(2, { sets: ['ReadOnly'], groups: ['devs'], ous: ['/Workloads/Prod'] }),
    ],
  });
  const l = live({
    users: [liveUser('alice'), liveUser('bob'), liveUser(EVIL)],
    groups: [liveGroup('ops', ['alice', 'bob']), liveGroup('devs', [])],
    permissionSets: [livePermissionSet('Admin'), livePermissionSet('ReadOnly'), livePermissionSet('AWSControlTowerAdmin')],
    assignments: [
      liveAssignment('Admin', 'GROUP', 'ops', PROD_APP),
      liveAssignment('Admin', 'USER', 'bob', STAGING), // drift: no rule
      liveAssignment('AWSControlTowerAdmin', 'USER', 'alice', PROD_APP), // not owned by the file
    ],
  });
  const { plan } = buildPlan(d, l, { now: NOW });
  return { desired: d, aws: { live: l, plan }, filters, now: NOW };
}

const lines = (text: string): string[] => text.trimEnd().split('\n');

describe('idc report', () => {
  it('marks each path: both with its rule, aws-only drift or not owned, file-only pending', () => {
    const { report } = buildReport(world(), NOW);
    const text = renderReport('table', report);
    const cols = lines(text).map((l) => l.split(/ {2,}/).join(' | '));
    expect(cols).toContain('alice | prod-app (222222222222) | Admin | both | group ops (access.yaml:100)');
    expect(cols).toContain('alice | prod-app (222222222222) | AWSControlTowerAdmin | aws-only | direct (aws-only: not owned by the file)');
    expect(cols).toContain('bob | staging (444444444444) | Admin | aws-only | direct (aws-only: drift)');
    expect(cols).toContain('bob | prod-data (333333333333) | ReadOnly | file-only | group devs (file-only, pending: access.yaml:120)');
    expect(report.counts).toEqual({ rows: 9, people: 3, both: 2, awsOnly: 2, fileOnly: 5, file: 0 });
  });

  it('CSV: one line per (person, account, set), formulas defused, values escaped', () => {
    const { report } = buildReport(world(), NOW);
    const csv = renderReport('csv', report);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(report.rows.length);
    expect(new Set(rows.map((r) => `${r['user']}|${r['account_id']}|${r['permission_set']}`)).size).toBe(rows.length);
    const evil = rows.find((r) => r['user']?.includes('HYPERLINK'));
    expect(evil?.['user']).toBe(`'${EVIL}`);
    expect(evil?.['rules']).toBe('access.yaml:110');
  });

  it('the hash depends on the content, not on when the report was made', () => {
    const a = buildReport(world(), new Date('2026-01-01T00:00:00Z')).report;
    const b = buildReport(world(), new Date('2026-06-01T00:00:00Z')).report;
    expect(a.generatedAt).not.toBe(b.generatedAt);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(buildReport(world({ ...NO_FILTERS, users: ['bob'] }), NOW).report.hash).not.toBe(a.hash);
    // The JSON report reads back, and an edited one is noticed.
    const json = renderReport('json', a);
    const back = parseReport(json, 'r.json');
    expect(back.ok && back.warnings).toEqual([]);
    const edited = parseReport(json.replace('"bob"', '"mallory"'), 'r.json');
    expect(edited.ok && edited.warnings[0]).toContain('was changed after it was made');
    expect(parseReport('{"kind":"other"}', 'p.json')).toMatchObject({ ok: false, message: expect.stringContaining('not an access report') });
  });

  it('filters by user, group, account (ID, name or alias) and permission set', () => {
    const keys = (f: Partial<ReportFilters>): string[] =>
      buildReport(world({ ...NO_FILTERS, ...f }), NOW).report.rows.map((r) => `${r.user} ${r.accountName} ${r.permissionSet}`);
    expect(keys({ users: ['alice'] })).toEqual(['alice prod-app AWSControlTowerAdmin', 'alice prod-app Admin', 'alice staging ReadOnly']);
    // Sorted by user, then account ID (legacy-prod is 555555555555), then permission set.
    expect(keys({ groups: ['devs'] })).toEqual(['bob prod-app ReadOnly', 'bob prod-data ReadOnly', 'bob legacy-prod ReadOnly']);
    expect(keys({ accounts: ['prod'], permissionSets: ['Adm*'] })).toEqual(['alice prod-app Admin', 'bob prod-app Admin']);
    expect(keys({ accounts: ['staging', '222222222222'], users: ['bob'] })).toEqual(['bob prod-app Admin', 'bob prod-app ReadOnly', 'bob staging Admin']);
  });

  it('--since lists exactly the access held now and not then, and then and not now', () => {
    const before = buildReport(world(), NOW).report;
    const w = world();
    // After an apply: the pending rows are held, the drift is gone, the unowned set stays.
    const l = w.aws?.live;
    if (!l) throw new Error('no live');
    l.assignments = l.assignments.filter((a) => a.principal !== 'bob' || a.permissionSet !== 'Admin' || a.accountId !== STAGING);
    l.assignments.push(liveAssignment('ReadOnly', 'USER', 'alice', STAGING));
    const { report } = buildReport({ ...w, since: before }, NOW);
    expect(report.since?.gained.map((r) => `${r.user} ${r.accountName} ${r.permissionSet}`)).toEqual(['alice staging ReadOnly']);
    expect(report.since?.lost.map((r) => `${r.user} ${r.accountName} ${r.permissionSet}`)).toEqual(['bob staging Admin']);
    expect(lines(renderReport('csv', report))).toEqual([
      'change,user,account_id,account_name,permission_set,source,paths,rules',
      'gained,alice,444444444444,staging,ReadOnly,both,direct (access.yaml:110),access.yaml:110',
      'lost,bob,444444444444,staging,Admin,aws-only,direct (aws-only: drift),',
    ]);
  });

  it('shows what comes from an earlier report file escaped', () => {
    const before = { ...buildReport(world(), NOW).report, generatedAt: '2026\u001b[2J\u202e' };
    const text = renderReport('table', buildReport({ ...world(), since: before }, NOW).report);
    expect(text).toContain(`of 2026\\u001b[2J\\u202e: 0 gained, 0 lost`);
    expect(text).not.toContain('\u001b');
  });

  it('offline without the organization: expands rules on IDs and aliases, names the others', () => {
    const w = world();
    const { report } = buildReport({ desired: w.desired, organization: { error: 'AccessDeniedException: no' }, filters: NO_FILTERS, now: NOW }, NOW);
    expect(report.mode).toBe('offline');
    expect(report.rows.map((r) => `${r.user} ${r.accountId} ${r.permissionSet} ${r.source}`)).toEqual([
      'alice 222222222222 Admin file',
      'bob 222222222222 Admin file',
    ]);
    expect(report.rows[0]?.accountName).toBe('prod');
    expect(report.notes).toEqual([
      'assignments[1] (access.yaml:110) was not expanded: it names an account by its Organizations name, and the organization could not be read (AccessDeniedException: no)',
      'assignments[2] (access.yaml:120) was not expanded: it targets organizational units, and the organization could not be read (AccessDeniedException: no)',
    ]);
  });

  it('markdown escapes values and stays under its cap, counting the rows left out', () => {
    const { report } = buildReport(world(), NOW);
    const full = renderReportMarkdown(report);
    // No link: GitHub would autolink http://; a zero-width joiner breaks it.
    expect(full).toContain('| =HYPERLINK("http:\u200D//x") | staging (444444444444) |');
    const capped = renderReportMarkdown(report, { maxChars: 900 });
    expect(capped.length).toBeLessThanOrEqual(900);
    expect(capped).toMatch(/… and \d+ more rows \(the full report is in the attached file\)\./);
  });
});
