/** `idc report [path]`: effective access per person, from the file and from AWS as it is. */
import { readFile, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Engine } from '../engine-contract.js';
import type { Desired } from '../model/desired.js';
import { count } from '../model/plural.js';
import { buildPlan } from '../plan/build-plan.js';
import type { Progress } from '../progress/progress.js';
import { diagnosticText, plainText } from '../render/escape.js';
import { buildReport, type ReportInputs } from '../report/build-report.js';
import type { OrganizationSource } from '../report/file-view.js';
import { needsOrganization } from '../report/offline-targets.js';
import { parseReport } from '../report/read-report.js';
import { renderReport, REPORT_FORMATS, type ReportFormat } from '../report/render.js';
import type { Report, ReportFilters } from '../report/types.js';
import type { CliIo, Command, CommandArgs } from './command.js';
import { EXIT, UsageError } from './command.js';
import { configPath, engineFor, printDiagnostics, progressFor, regionHelp, REGION_OPTION } from './runtime.js';

const HELP = `Usage: idc report [path] [--offline] [--user U] [--group G] [--account A]
                  [--permission-set P] [--format table|csv|json|markdown]
                  [--output FILE] [--since FILE] [--region R] [--quiet]

Who can do what, where: one row per (person, account, permission set), with
every path that grants it (directly, or through a group) and the rules of
access.yaml (file:line) that do. Reads AWS IAM Identity Center as it is and
compares it with the file; nothing is changed. The source of each row and path:

  both       AWS grants it and the file grants it
  aws-only   AWS grants it and the file does not: "drift" when the next apply
             removes it, "not owned by the file" when idc leaves it alone (a
             permission set, group or user the file does not own)
  file-only  the file grants it and AWS does not yet (pending: the next apply
             creates it)
  file       --offline: from the file alone

Arguments:
  path                the file to report on (default: access.yaml)

Options:
  --offline           from the file alone: Identity Center is not read. Rules
                      targeting OUs, tags, all accounts or account names are
                      expanded with the organization read from AWS when that
                      works; otherwise the report says which rules were not
  --user U            only these people (repeat for more; * and ? globs)
  --group G           only access through these groups
  --account A         only these accounts: ID, name or accounts: alias
  --permission-set P  only these permission sets
  --format F          table (default): for a terminal
                      csv: one line per (person, account, permission set), for a
                      spreadsheet (cells that could run as formulas start with ')
                      json: the report with its hash (cite it in a review; the
                      input of --since)
                      markdown: a table for a pull request, an issue or a review
                      (default from the --output name: .csv, .json, .md)
  -o, --output FILE   write the report to FILE instead of stdout
  --since FILE        compare with an earlier JSON report: list the access gained
                      and lost since (in AWS; offline: in the file). With csv,
                      the lines are the differences, with a first column change
${regionHelp(22)}
  -q, --quiet         no progress on stderr
  -h, --help          show this help

The JSON report holds formatVersion, generatedAt, and hash: the sha256 of its
content without generatedAt, so the same access gives the same hash.

Exit codes:
  0  the report was written
  1  the file is invalid (with errors in its rules the report is still written),
     AWS could not be read, or --since is not a report
  2  the command line is wrong
`;

function list(args: CommandArgs, name: string): string[] {
  const v = args.values[name];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
}

function format(args: CommandArgs, output: string | undefined): ReportFormat {
  const given = args.values['format'];
  if (given === undefined) {
    const byName: Record<string, ReportFormat> = { '.csv': 'csv', '.json': 'json', '.md': 'markdown' };
    return (output !== undefined ? byName[extname(output).toLowerCase()] : undefined) ?? 'table';
  }
  const f = REPORT_FORMATS.find((x) => x === given);
  if (f === undefined) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${String(given)}"`);
  return f;
}

async function readSince(io: CliIo, name: string | undefined): Promise<Report | undefined | 'failed'> {
  if (name === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, name), 'utf8');
  } catch (e) {
    io.stderr.write(`idc report: could not read --since ${plainText(name)}: ${diagnosticText((e as Error).message)}\n`);
    return 'failed';
  }
  const r = parseReport(text, name);
  if (!r.ok) {
    io.stderr.write(`idc report: ${diagnosticText(r.message)}\n`);
    return 'failed';
  }
  for (const w of r.warnings) io.stderr.write(`warning: ${diagnosticText(w)}\n`);
  return r.report;
}

/** Offline: the organization when a rule needs it and it can be read, else why not. */
async function offlineOrganization(engine: Engine, desired: Desired, progress: Progress): Promise<OrganizationSource> {
  if (!needsOrganization(desired)) return { error: 'no rule needs it' };
  try {
    return { organization: await engine.readOrganization(desired, progress) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export const reportCommand: Command = {
  name: 'report',
  summary: 'List who can do what, where: every person, account and permission set, and why',
  maxPositionals: 1,
  options: {
    offline: { type: 'boolean' },
    user: { type: 'string', multiple: true },
    group: { type: 'string', multiple: true },
    account: { type: 'string', multiple: true },
    'permission-set': { type: 'string', multiple: true },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    since: { type: 'string' },
    ...REGION_OPTION,
    quiet: { type: 'boolean', short: 'q' },
  },
  help: HELP,
  async run(args, io) {
    const path = configPath(args.positionals);
    const output = typeof args.values['output'] === 'string' ? args.values['output'] : undefined;
    const fmt = format(args, output);
    const filters: ReportFilters = {
      users: list(args, 'user'),
      groups: list(args, 'group'),
      accounts: list(args, 'account'),
      permissionSets: list(args, 'permission-set'),
    };
    const since = await readSince(io, typeof args.values['since'] === 'string' ? args.values['since'] : undefined);
    if (since === 'failed') return EXIT.failure;

    const engine = engineFor(io, args);
    const loaded = await engine.validate(path);
    printDiagnostics(io, loaded.diagnostics);
    if (!loaded.ok || !loaded.desired) {
      io.stderr.write(`idc report: ${plainText(path)} is invalid: fix the problems above.\n`);
      return EXIT.failure;
    }
    const desired = loaded.desired;
    const now = new Date();
    const progress = progressFor(io, args.values['quiet'] === true);
    const inputs: ReportInputs = { desired, filters, now, ...(since ? { since } : {}) };
    let planErrors = 0;
    try {
      if (args.values['offline'] === true) inputs.organization = await offlineOrganization(engine, desired, progress);
      else {
        const live = await engine.read(desired, progress);
        const planned = buildPlan(desired, live, { now });
        printDiagnostics(io, planned.diagnostics);
        planErrors = planned.diagnostics.filter((d) => d.severity === 'error').length;
        inputs.aws = { live, plan: planned.plan };
      }
    } finally {
      progress.close();
    }
    const { report, diagnostics } = buildReport(inputs, now);
    // Online, the plan's diagnostics already hold those of the expansion.
    if (inputs.aws === undefined) printDiagnostics(io, diagnostics);
    const errors = inputs.aws === undefined ? diagnostics.filter((d) => d.severity === 'error').length : planErrors;

    const text = renderReport(fmt, report);
    if (output !== undefined) {
      await writeFile(resolve(io.cwd, output), text);
      io.stderr.write(`Report written to ${plainText(output)}: ${count(report.rows.length, 'row')}, hash ${report.hash.slice(0, 12)}.\n`);
    } else io.stdout.write(text);
    if (errors > 0) {
      io.stderr.write(`idc report: ${plainText(path)} has ${count(errors, 'error')} (above): the rows from the file may be incomplete.\n`);
      return EXIT.failure;
    }
    return EXIT.ok;
  },
};
