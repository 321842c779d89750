/** What the commands that talk to AWS share: the engine, progress on stderr, colour, diagnostics. */
import { cacheDirFor, nameCacheFile } from '../cache/name-cache-file.js';
import { createEngine } from '../engine.js';
import type { Engine } from '../engine-contract.js';
import { formatDiagnostic, type Diagnostic } from '../model/source.js';
import { createProgress } from '../progress/create-progress.js';
import { silentProgress, type Progress } from '../progress/progress.js';
import type { CliIo, CommandArgs, Options } from './command.js';

/** `--region R`: every command that talks to AWS takes it. */
export const REGION_OPTION: Options = { region: { type: 'string' } };

/** The `--help` entry of --region, its text starting at `column`. */
export function regionHelp(column: number): string {
  const pad = ' '.repeat(column);
  return [
    `  ${'--region R'.padEnd(column - 2)}region of the Identity Center instance when`,
    `${pad}access.yaml has no identity_center.region (else`,
    `${pad}AWS_REGION, AWS_DEFAULT_REGION, or the region or`,
    `${pad}sso_region of AWS_PROFILE in ~/.aws/config)`,
  ].join('\n');
}

export function regionFlag(args: CommandArgs): string | undefined {
  const v = args.values['region'];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** `--no-cache` of the commands that read permission sets by name (plan, apply). */
export const CACHE_OPTION: Options = { 'no-cache': { type: 'boolean' } };

/** The `--help` entry of --no-cache, its text starting at `column`. */
export function cacheHelp(column: number): string {
  const pad = ' '.repeat(column);
  return [
    `  ${'--no-cache'.padEnd(column - 2)}neither use nor write the permission set name cache`,
    `${pad}(in $XDG_CACHE_HOME/idc-gitops or ~/.cache/idc-gitops;`,
    `${pad}IDC_CACHE_DIR moves it): every name is read from AWS`,
  ].join('\n');
}

/**
 * The engine of a command. `nameCache`: use the permission set name cache unless `--no-cache`
 * (plan and apply); its notices (a malformed file ignored, a write that failed) go to stderr.
 */
export function engineFor(io: CliIo, args?: CommandArgs, use: { nameCache?: boolean } = {}): Engine {
  const region = args ? regionFlag(args) : undefined;
  if (io.engine) return io.engine;
  sdkNodeVersionNotice(io);
  const dir = use.nameCache === true && args?.values['no-cache'] !== true ? cacheDirFor(io.env) : undefined;
  const nameCache = dir === undefined ? undefined : nameCacheFile({ dir, notice: (line) => io.stderr.write(`idc: note: ${line}\n`) });
  return createEngine({ env: io.env, cwd: io.cwd, ...(region !== undefined ? { region } : {}), ...(nameCache ? { nameCache } : {}) });
}

const SDK_NODE_WARNING = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * On Node < 22 the AWS SDK prints a 9-line NodeVersionSupportWarning (process.emitWarning, once,
 * when the first client is built) unless AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED is
 * "true" (@aws-sdk/core emitWarningIfUnsupportedVersion). Call before building clients: it
 * silences the SDK's and prints one line instead. Setting the variable yourself silences both.
 */
export function sdkNodeVersionNotice(io: CliIo, version: string = process.versions.node): void {
  const major = Number(version.split('.')[0]);
  if (major >= 22 || process.env[SDK_NODE_WARNING] === 'true') return;
  process.env[SDK_NODE_WARNING] = 'true';
  io.stderr.write(`idc: note: AWS SDK releases from January 2027 need Node.js 22 or later; this is Node.js ${version} (https://a.co/c895JFp).\n`);
}

/** Progress on stderr: a live line on a terminal, plain periodic lines in logs; none with --quiet. */
export function progressFor(io: CliIo, quiet: boolean): Progress & { close(): void } {
  if (quiet) return { ...silentProgress, close() {} };
  const stream = io.stderr as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  return createProgress(stream, { tty: io.stderr.isTTY === true && !io.env['CI'] });
}

/** Colour on a terminal unless NO_COLOR is set (https://no-color.org). */
export function useColor(io: CliIo): boolean {
  return io.stdout.isTTY === true && !io.env['NO_COLOR'];
}

export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
}

export function configPath(positionals: readonly string[]): string {
  return positionals[0] ?? 'access.yaml';
}
