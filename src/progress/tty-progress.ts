/**
 * Progress on a terminal: one live line per running phase, rewritten in place; when a phase ends
 * its summary line replaces the live line and stays. `info` lines are printed above the live lines.
 */
import type { PhaseProgress, Progress } from './progress.js';
import { formatEndLine, formatLiveLine, type PhaseState } from './format.js';

export interface TtyProgressOptions {
  /** Least time between two redraws caused by ticks. */
  redrawMs: number;
  now: () => number;
  /** Colour the failure count (red). */
  color: boolean;
}

const CLEAR_LINE = '\r\x1b[2K';
const CURSOR_UP = '\x1b[1A';
const RED = '\x1b[31m';
const DEFAULT_FG = '\x1b[39m';

export function createTtyProgress(stream: NodeJS.WritableStream & { columns?: number }, options: TtyProgressOptions): Progress & { close(): void } {
  const { now, redrawMs } = options;
  const active: PhaseState[] = [];
  /** Live lines currently on screen (the cursor is at the end of the last one). */
  let drawn = 0;
  let lastDrawAt = Number.NEGATIVE_INFINITY;
  let closed = false;

  const paint = options.color ? (t: string) => `${RED}${t}${DEFAULT_FG}` : (t: string) => t;

  function fit(line: string): string {
    const columns = stream.columns;
    if (!columns || columns < 20) return line;
    // Escape codes take no room on screen; only the failure count carries them.
    const visible = line.replace(/\x1b\[[0-9;]*m/g, '');
    if (visible.length < columns) return line;
    return `${visible.slice(0, columns - 2)}…`;
  }

  /** Erases the live lines, prints `permanent` lines, then draws the live lines again. */
  function redraw(permanent: string[] = []): void {
    if (closed) {
      for (const line of permanent) stream.write(`${line}\n`);
      return;
    }
    let out = '';
    if (drawn > 0) {
      out += CLEAR_LINE;
      for (let i = 1; i < drawn; i++) out += CURSOR_UP + CLEAR_LINE;
    }
    for (const line of permanent) out += `${line}\n`;
    const t = now();
    out += active.map((s) => fit(formatLiveLine(s, t, paint))).join('\n');
    drawn = active.length;
    lastDrawAt = t;
    if (out !== '') stream.write(out);
  }

  function phase(name: string, total?: number): PhaseProgress {
    const state: PhaseState = { name, total, done: 0, failed: 0, startedAt: now() };
    let ended = false;
    active.push(state);
    redraw();
    return {
      setTotal(value: number): void {
        state.total = value;
        if (!ended) redraw();
      },
      tick(count = 1, failed = false): void {
        if (ended) return;
        state.done += count;
        if (failed) state.failed += count;
        // A failure is drawn at once; plain progress at most every `redrawMs`.
        if (failed || now() - lastDrawAt >= redrawMs) redraw();
      },
      end(summary?: string): void {
        if (ended) return;
        ended = true;
        const index = active.indexOf(state);
        if (index >= 0) active.splice(index, 1);
        redraw([formatEndLine(state, summary, now())]);
      },
    };
  }

  return {
    phase,
    info(line: string): void {
      redraw([line]);
    },
    close(): void {
      if (closed) return;
      // Leave unfinished phases' last state on screen and move below them.
      if (drawn > 0) stream.write('\n');
      drawn = 0;
      closed = true;
    },
  };
}
