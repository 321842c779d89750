/** `idc profiles`: the ~/.aws/config profiles for `aws sso login`, from access.yaml. */
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { resolveRegion } from '../aws/discover.js';
import { loadConfig } from '../config/load.js';
import { renderBlock } from '../profiles/config-block.js';
import { buildProfiles } from '../profiles/build.js';
import { mergeIntoFile } from '../profiles/merge.js';
import { DEFAULT_NAME_TEMPLATE, templateProblems } from '../profiles/names.js';
import { plainText } from '../render/escape.js';
import type { CliIo, Command, CommandArgs } from './command.js';
import { EXIT, UsageError } from './command.js';
import { configPath, engineFor, printDiagnostics, progressFor, regionFlag, regionHelp, REGION_OPTION } from './runtime.js';
import { count, joinList } from '../model/plural.js';

const OUTPUTS = ['json', 'yaml', 'yaml-stream', 'text', 'table'];

function stringFlag(args: CommandArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** `~/…` as the shell would expand it (a quoted `--merge "~/.aws/config"` is not expanded). */
function expandHome(path: string, io: CliIo): string {
  if (path !== '~' && !path.startsWith('~/')) return resolve(io.cwd, path);
  return resolve(io.env['HOME'] ?? homedir(), path.slice(2));
}

export const profilesCommand: Command = {
  name: 'profiles',
  summary: 'Write the ~/.aws/config profiles for "aws sso login" of a user (or everyone)',
  maxPositionals: 1,
  options: {
    user: { type: 'string', multiple: true },
    all: { type: 'boolean' },
    merge: { type: 'string' },
    'name-template': { type: 'string' },
    'sso-session': { type: 'string' },
    'profile-region': { type: 'string' },
    output: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    ...REGION_OPTION,
  },
  help: `Usage: idc profiles [path] (--user NAME | --all) [--merge FILE]
                    [--name-template T] [--sso-session NAME]
                    [--profile-region R] [--output FORMAT] [--region R]

Writes the AWS CLI configuration a person needs to sign in with IAM Identity
Center: one [sso-session] block (start URL, sso_region,
sso_registration_scopes = sso:account:access) and one [profile] per account and
permission set the user reaches in access.yaml, directly or through a group.
Then:

  aws sso login --sso-session NAME
  AWS_PROFILE=management-ReadOnly aws s3 ls      # Terraform, restic, SDKs too

Arguments:
  path                  the access.yaml (default: access.yaml)

Options:
  --user NAME           the user (repeat for several)
  --all                 every user of the file: each profile lists who reaches it
  --merge FILE          write into FILE (e.g. ~/.aws/config) instead of stdout:
                        everything outside the block idc wrote is kept (other
                        profiles, comments); the block is replaced, so profiles
                        written before are updated or removed. A backup
                        FILE.idc-backup-<time> is made first; nothing is
                        written when nothing changed.
  --name-template T     profile names (default ${DEFAULT_NAME_TEMPLATE}):
                        {account} is the alias under accounts: (else the
                        account's name), {account_id}, {permission_set}
  --sso-session NAME    name of the [sso-session] (default: the start URL's
                        subdomain, e.g. d-1234567890)
  --profile-region R    "region" of the profiles (default: the Identity Center
                        region)
  --output FORMAT       "output" of the profiles: ${OUTPUTS.join(', ')} (default json)
${regionHelp(24)}
  -q, --quiet           no progress on stderr
  -h, --help            show this help

The start URL is identity_center.start_url in access.yaml, else
https://<identity_store_id>.awsapps.com/start. Without either, or when a rule
targets OUs, tags, all accounts or account names, idc reads Identity Center
and the organization (as "idc plan" does): AWS credentials are needed then.
Rules that only target accounts: aliases or IDs need no AWS call.

Exit codes:
  0  profiles written (to stdout, or FILE updated or already up to date)
  1  the file is invalid, the user is unknown, AWS could not be read, or FILE
     defines the same profile names outside the idc block
  2  the command line is wrong
`,
  async run(args, io) {
    const path = configPath(args.positionals);
    const users = (args.values['user'] as string[] | undefined) ?? [];
    const all = args.values['all'] === true;
    if (all === users.length > 0) throw new UsageError(all ? '--all and --user cannot go together' : 'say whose profiles: --user NAME or --all');
    const nameTemplate = stringFlag(args, 'name-template') ?? DEFAULT_NAME_TEMPLATE;
    const problems = templateProblems(nameTemplate);
    if (problems.length > 0) throw new UsageError(`--name-template "${nameTemplate}": ${problems.join('; ')}`);
    const output = stringFlag(args, 'output') ?? 'json';
    if (!OUTPUTS.includes(output)) throw new UsageError(`--output must be one of ${OUTPUTS.join(', ')}, not "${output}"`);
    const sessionName = stringFlag(args, 'sso-session');
    if (sessionName !== undefined && !/^[\w\-@+.%:/]+$/.test(sessionName)) {
      throw new UsageError(`--sso-session "${sessionName}": use letters, digits and - _ . @ + % : / only`);
    }
    const profileRegion = stringFlag(args, 'profile-region');
    const merge = stringFlag(args, 'merge');

    const loaded = await loadConfig(path, { cwd: io.cwd });
    printDiagnostics(io, loaded.diagnostics);
    if (!loaded.desired) {
      io.stderr.write(`idc profiles: ${path} is invalid: fix the problems above.\n`);
      return EXIT.failure;
    }
    const desired = loaded.desired;
    const flag = regionFlag(args);
    const ssoRegion = await resolveRegion(desired.identityCenter, { ...(flag !== undefined ? { region: flag } : {}), env: io.env });
    const quiet = args.values['quiet'] === true;

    const config = await buildProfiles(desired, {
      users: all ? 'all' : users,
      ssoRegion,
      nameTemplate,
      ...(sessionName !== undefined ? { sessionName } : {}),
      ...(profileRegion !== undefined ? { region: profileRegion } : {}),
      output,
      now: new Date(),
      note: (line) => {
        if (!quiet) io.stderr.write(`${line}\n`);
      },
      readLive: async () => {
        const progress = progressFor(io, quiet);
        try {
          return await engineFor(io, args).read(desired, progress);
        } finally {
          progress.close();
        }
      },
    });
    if (config.profiles.size === 0) {
      io.stderr.write(
        `idc profiles: ${plainText(config.users.join(', '))} reach no account through the rules of ${plainText(path)}: only the [sso-session] is written.\n`,
      );
    }
    const block = renderBlock(config);
    if (merge === undefined) {
      io.stdout.write(block);
      return EXIT.ok;
    }
    const target = expandHome(merge, io);
    const result = await mergeIntoFile(target, block, config);
    const names = [...config.profiles.keys()];
    if (!result.changed) {
      io.stderr.write(`${plainText(target)} is up to date: ${count(names.length, 'profile')} and [sso-session ${config.sessionName}]; nothing written.\n`);
    } else {
      io.stderr.write(
        `Wrote [sso-session ${config.sessionName}] and ${count(names.length, 'profile')} (${plainText(joinList(names))}) to ${plainText(target)}` +
          `${result.backup ? ` (the previous file is in ${plainText(result.backup)})` : ''}.\n`,
      );
    }
    const first = names[0];
    io.stderr.write(
      `Next: aws sso login --sso-session ${config.sessionName}${first ? `, then AWS_PROFILE=${plainText(first)} aws sts get-caller-identity` : ''}\n`,
    );
    return EXIT.ok;
  },
};
