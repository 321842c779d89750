/** `idc export`: read the live Identity Center state and write an access.yaml that describes it. */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, posix, resolve } from 'node:path';
import { resolveRegion } from '../aws/discover.js';
import type { IdentityCenterGateway } from '../aws/gateway.js';
import { createEngine } from '../engine.js';
import {
  buildExport,
  DEFAULT_SCHEMA_REF,
  exportDesired,
  exportModel,
  selfCheck,
  SPLIT_DIR,
  splitExport,
  type SelfCheck,
  type SplitBy,
} from '../export/index.js';
import { includeSchema } from '../config/schema.js';
import type { IdentitySource } from '../model/desired.js';
import type { Live } from '../model/live.js';
import { diagnosticText } from '../render/escape.js';
import type { CliIo, Command, CommandArgs } from './command.js';
import { EXIT, UsageError } from './command.js';
import { progressFor, sdkNodeVersionNotice } from './runtime.js';
import { count } from '../model/plural.js';

export interface ExportDeps {
  /** The gateway for a region (tests: one on the emulator). Default: the AWS SDK. */
  gatewayFor?: (region: string) => IdentityCenterGateway;
  /** "Today" for the self-check plan. */
  now?: () => Date;
}

const HELP = `Usage: idc export [--out FILE] [--force] [--region R] [--instance-arn ARN]
                  [--identity-source internal|external] [--schema REF]
                  [--split team|permission-set] [--quiet]

Reads the live state of AWS IAM Identity Center and writes an access.yaml that
describes it: users, groups with their members, permission sets with all their
policies, and every assignment, grouped into compact rules with account aliases.
Use it to adopt idc on an existing setup:

  idc export --out access.yaml
  idc plan access.yaml          # shows no changes

Control Tower's own groups and permission sets (AWSControlTower*,
AWSServiceCatalog*, AWSReservedSSO*) are left out: idc ignores them by default.
Assignments that no rule can express (a deleted user or group, a suspended
account) are listed as comments and warnings. Nothing in AWS is changed.

Options:
  --out FILE                write the file there instead of to stdout; an existing
                            FILE is never replaced without --force
  --force                   replace an existing --out FILE
  --region R                region of the Identity Center instance (else
                            AWS_REGION, AWS_DEFAULT_REGION, or the region or
                            sso_region of AWS_PROFILE in ~/.aws/config)
  --instance-arn ARN        the instance, when the region has more than one
  --identity-source SOURCE  internal (default): export users and groups.
                            external (SCIM, Active Directory): users and groups
                            come from the identity provider; rules only name them
  --schema REF              the $schema reference of the first line
                            (default: ${DEFAULT_SCHEMA_REF})
  --split BY                write --out FILE as a root file that includes
                            ${SPLIT_DIR}/*.yaml, with one file there per team (BY=team:
                            a group, its rules, the permission sets and users only it
                            has) or per permission set (BY=permission-set), so that
                            CODEOWNERS can give each file its own approvers
  -q, --quiet               no progress on stderr
  -h, --help                show this help

Credentials come from the usual AWS places (AWS_PROFILE, AWS_ACCESS_KEY_ID/...);
the export reads with the same calls as "idc plan".

Exit codes:
  0  exported; warnings (if any) are on stderr and as comments in the file
  1  AWS could not be read, --out exists, or the exported file needs edits before
     "idc plan" accepts it (it is still written: see the messages)
  2  the command line is wrong
`;

function stringFlag(args: CommandArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

function splitFlag(args: CommandArgs): SplitBy | undefined {
  const v = stringFlag(args, 'split');
  if (v === undefined || v === 'team' || v === 'permission-set') return v;
  throw new UsageError(`--split must be team or permission-set, not "${v}"`);
}

/** The $schema of the included files: beside the root's schema when that is ours, else the published one. */
function includedSchemaRef(rootRef: string | undefined): string {
  if (rootRef?.endsWith('/access.schema.json')) return `${rootRef.slice(0, -'access.schema.json'.length)}access-include.schema.json`;
  return String(includeSchema['$id']);
}

/** YAML files already in `dir` (none when it does not exist). */
async function yamlFilesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

function identitySourceFlag(args: CommandArgs): IdentitySource {
  const v = stringFlag(args, 'identity-source') ?? 'internal';
  if (v !== 'internal' && v !== 'external') {
    throw new UsageError(`--identity-source must be internal or external, not "${v}"`);
  }
  return v;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

/** The self-check's verdict on stderr: exit 1 when the export needs edits. */
function reportCheck(io: CliIo, check: SelfCheck): number {
  if (check.errors.length > 0) {
    for (const e of check.errors) io.stderr.write(`${e}\n`);
    io.stderr.write(`idc export: the exported file needs the edits above before idc plan accepts it.\n`);
    return EXIT.failure;
  }
  if (check.changes.length > 0) {
    io.stderr.write(`idc plan with this file would still make ${count(check.changes.length, 'change')} (see the warnings):\n`);
    for (const line of check.changes) io.stderr.write(`  ${line}\n`);
  }
  return EXIT.ok;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function readState(args: CommandArgs, io: CliIo, deps: ExportDeps, source: IdentitySource): Promise<Live> {
  const regionFlag = stringFlag(args, 'region');
  const region = await resolveRegion({}, { ...(regionFlag !== undefined ? { region: regionFlag } : {}), env: io.env });
  const instanceArn = stringFlag(args, 'instance-arn');
  // The same engine as plan and apply: one place decides credentials, rate limit and endpoint.
  if (!io.engine) sdkNodeVersionNotice(io);
  const engine = io.engine ?? createEngine({ env: io.env, cwd: io.cwd, ...(deps.gatewayFor ? { gatewayFor: deps.gatewayFor } : {}) });
  const progress = progressFor(io, args.values['quiet'] === true);
  try {
    const desired = exportDesired({ identitySource: source, region, ...(instanceArn !== undefined ? { instanceArn } : {}) });
    return await engine.read(desired, progress);
  } finally {
    progress.close();
  }
}

/** Messages about access.yaml settings, reworded for this command's flags. */
function forExport(message: string): string {
  return message
    .replace(/set identity_center\.region in access\.yaml \([^)]*\)(, pass --region)?/, 'pass --region')
    .replace(/Set identity_center\.instance_arn in access\.yaml/, 'Pass --instance-arn')
    .replace(/ \(from access\.yaml\)/, '');
}

export function createExportCommand(deps: ExportDeps = {}): Command {
  return {
    name: 'export',
    summary: 'Write an access.yaml that describes Identity Center as it is now (to adopt idc)',
    maxPositionals: 0,
    options: {
      out: { type: 'string', short: 'o' },
      force: { type: 'boolean' },
      region: { type: 'string' },
      'instance-arn': { type: 'string' },
      'identity-source': { type: 'string' },
      schema: { type: 'string' },
      split: { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
    },
    help: HELP,
    async run(args, io) {
      const source = identitySourceFlag(args);
      const out = stringFlag(args, 'out');
      const split = splitFlag(args);
      if (split !== undefined && out === undefined)
        throw new UsageError(`--split writes several files: name the root file with --out (${SPLIT_DIR}/ is written beside it)`);
      const force = args.values['force'] === true;
      const outPath = out === undefined ? undefined : resolve(io.cwd, out);
      if (outPath !== undefined && !force && (await exists(outPath))) {
        io.stderr.write(`idc export: ${out} already exists: nothing was read or written. Choose another --out, or add --force to replace it.\n`);
        return EXIT.failure;
      }

      let live: Live;
      try {
        live = await readState(args, io, deps, source);
      } catch (e) {
        io.stderr.write(`idc export: could not read IAM Identity Center: ${forExport(errorMessage(e))}\n`);
        return EXIT.failure;
      }

      const schema = stringFlag(args, 'schema');
      if (split !== undefined && out !== undefined && outPath !== undefined) {
        return writeSplit({ io, live, split, out, outPath, force, schema, now: deps.now?.() ?? new Date(), source });
      }
      const result = buildExport(live, { identitySource: source, ...(schema !== undefined ? { schema } : {}) });
      const shownName = out ?? 'access.yaml';
      const check = selfCheck(result.yaml, live, shownName, outPath ? dirname(outPath) : io.cwd, deps.now?.() ?? new Date());

      if (outPath !== undefined) {
        try {
          await writeFile(outPath, result.yaml, { flag: force ? 'w' : 'wx' });
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          const why = code === 'EEXIST' ? 'it was created while reading AWS; add --force to replace it' : errorMessage(e);
          io.stderr.write(`idc export: could not write ${out}: ${why}\n`);
          return EXIT.failure;
        }
      } else {
        io.stdout.write(result.yaml);
      }

      for (const w of result.warnings) io.stderr.write(`warning: ${diagnosticText(w)}\n`);
      const c = result.counts;
      io.stderr.write(
        `Exported ${count(c.users, 'user')}, ${count(c.groups, 'group')}, ${count(c.permissionSets, 'permission set')} and ${count(c.assignments, 'assignment')} ` +
          `(${count(c.rules, 'rule')} on ${count(c.accounts, 'account')})${out !== undefined ? ` to ${out}` : ''}.\n`,
      );
      return reportCheck(io, check);
    },
  };
}

interface SplitRun {
  io: CliIo;
  live: Live;
  split: SplitBy;
  out: string;
  outPath: string;
  force: boolean;
  schema: string | undefined;
  now: Date;
  source: IdentitySource;
}

/** `--split`: the root file at --out, the others under access.d/ beside it, checked together. */
async function writeSplit(r: SplitRun): Promise<number> {
  const model = exportModel(r.live, { identitySource: r.source, ...(r.schema !== undefined ? { schema: r.schema } : {}) });
  const result = splitExport(model, r.split, includedSchemaRef(r.schema ?? DEFAULT_SCHEMA_REF));
  const dir = dirname(r.outPath);
  const written = new Set(result.files.map((f) => posix.basename(f.path)));
  // Any other YAML file there would be included too, and define things twice.
  const others = (await yamlFilesIn(join(dir, SPLIT_DIR))).filter((f) => !written.has(f));
  if (others.length > 0) {
    r.io.stderr.write(
      `idc export: ${SPLIT_DIR}/ beside ${r.out} already holds ${others.map((f) => `${SPLIT_DIR}/${f}`).join(', ')}, which the export does not write and the root file would include: nothing was written. Move them away first.\n`,
    );
    return EXIT.failure;
  }
  if (!r.force) {
    const existing = [];
    for (const f of result.files) if (await exists(join(dir, f.path))) existing.push(f.path);
    if (existing.length > 0) {
      r.io.stderr.write(
        `idc export: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: nothing was written. Add --force to replace ${existing.length === 1 ? 'it' : 'them'}.\n`,
      );
      return EXIT.failure;
    }
  }
  const shownDir = posix.dirname(r.out.split('\\').join('/'));
  const included = result.files.map((f) => ({ file: shownDir === '.' ? f.path : posix.join(shownDir, f.path), text: f.yaml }));
  const check = selfCheck(result.root, r.live, r.out, dir, r.now, included);
  try {
    await mkdir(join(dir, SPLIT_DIR), { recursive: true });
    for (const f of result.files) await writeFile(join(dir, f.path), f.yaml, { flag: r.force ? 'w' : 'wx' });
    await writeFile(r.outPath, result.root, { flag: r.force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' ? 'a file was created while reading AWS; add --force to replace it' : errorMessage(e);
    r.io.stderr.write(`idc export: could not write the split export beside ${r.out}: ${why}\n`);
    return EXIT.failure;
  }
  for (const w of result.warnings) r.io.stderr.write(`warning: ${diagnosticText(w)}\n`);
  const c = result.counts;
  r.io.stderr.write(
    `Exported ${count(c.users, 'user')}, ${count(c.groups, 'group')}, ${count(c.permissionSets, 'permission set')} and ${count(c.assignments, 'assignment')} ` +
      `(${count(c.rules, 'rule')} on ${count(c.accounts, 'account')}) to ${r.out} and ${count(result.files.length, 'file')} in ${SPLIT_DIR}/ (one per ${r.split === 'team' ? 'team' : 'permission set'}).\n`,
  );
  return reportCheck(r.io, check);
}

export const exportCommand: Command = createExportCommand();
