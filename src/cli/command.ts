/** The shape of an `idc` command: one file per command, one line in the table (commands.ts). */
import type { ParseArgsConfig } from 'node:util';
import type { Engine } from '../engine-contract.js';

/** Where a command writes and what it sees: process values in production, fakes in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  /** Where confirmation answers come from (apply on a terminal); absent: never asks. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Directory relative paths are resolved against. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** The engine commands use; tests pass one wired to the emulator. Default: `createEngine()`. */
  engine?: Engine;
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** The command ran and found a problem (invalid file, failed apply, …). */
  failure: 1,
  /** The command line was wrong: unknown command or flag, missing or extra argument. */
  usage: 2,
} as const;

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed command line of one command. */
export interface CommandArgs {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
}

export interface Command {
  name: string;
  /** One line for `idc --help`. */
  summary: string;
  /** Full text of `idc <name> --help`. */
  help: string;
  /** Flags besides --help (node:util parseArgs format). */
  options: Options;
  /** Most positional arguments accepted. */
  maxPositionals: number;
  /** Exit code for a wrong command line, when 2 means something else for this command. */
  usageExitCode?: number;
  run(args: CommandArgs, io: CliIo): Promise<number>;
}

/** A mistake in the command line: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
