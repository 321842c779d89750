/** `idc export`: read the live Identity Center state and write an access.yaml that describes it. */
import { stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { resolveRegion } from '../aws/discover.js';
import type { IdentityCenterGateway } from '../aws/gateway.js';
import { createEngine } from '../engine.js';
import { buildExport, DEFAULT_SCHEMA_REF, exportDesired, selfCheck } from '../export/index.js';
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
                  [--identity-source internal|external] [--schema REF] [--quiet]

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
      quiet: { type: 'boolean', short: 'q' },
    },
    help: HELP,
    async run(args, io) {
      const source = identitySourceFlag(args);
      const out = stringFlag(args, 'out');
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
    },
  };
}

export const exportCommand: Command = createExportCommand();
