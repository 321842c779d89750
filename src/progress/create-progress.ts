/**
 * Chooses how progress is shown: live lines on a terminal, plain periodic lines otherwise
 * (GitHub Actions logs, pipes, files).
 */
import { createPlainProgress } from './plain-progress.js';
import type { Progress } from './progress.js';
import { createTtyProgress } from './tty-progress.js';

/** Plain output: at most one progress line per phase every 10 seconds. */
export const DEFAULT_PLAIN_INTERVAL_MS = 10_000;
/** Terminal output: at most ten redraws a second. */
export const TTY_REDRAW_MS = 100;

export interface CreateProgressOptions {
  /** Force terminal (true) or plain (false) output; default: `stream.isTTY`. */
  tty?: boolean;
  /** Plain output: least time between two progress lines of a phase (default 10 s). */
  intervalMs?: number;
  now?: () => number;
}

export function createProgress(
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
  options: CreateProgressOptions = {},
): Progress & { close(): void } {
  const now = options.now ?? Date.now;
  const tty = options.tty ?? stream.isTTY === true;
  if (!tty) return createPlainProgress(stream, { intervalMs: options.intervalMs ?? DEFAULT_PLAIN_INTERVAL_MS, now });
  const noColor = process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '';
  return createTtyProgress(stream, { redrawMs: TTY_REDRAW_MS, now, color: !noColor });
}
