/** What the commands that talk to AWS share: the engine, progress on stderr, colour, diagnostics. */
import { createEngine } from '../engine.js';
import type { Engine } from '../engine-contract.js';
import { formatDiagnostic, type Diagnostic } from '../model/source.js';
import { createProgress } from '../progress/create-progress.js';
import { silentProgress, type Progress } from '../progress/progress.js';
import type { CliIo } from './command.js';

export function engineFor(io: CliIo): Engine {
  return io.engine ?? createEngine({ env: io.env });
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
