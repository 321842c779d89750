/**
 * Progress for logs (GitHub Actions, pipes): plain lines only, no escape codes. A line when a
 * phase with work to count starts (`create assignments: 1000 to do`; none for an unknown or zero
 * total, which says nothing), then at most one line per interval while it runs, and a summary
 * line at the end.
 */
import type { PhaseProgress, Progress } from './progress.js';
import { formatEndLine, formatPlainProgressLine, formatStartLine, type PhaseState } from './format.js';

export interface PlainProgressOptions {
  intervalMs: number;
  now: () => number;
}

export function createPlainProgress(stream: NodeJS.WritableStream, options: PlainProgressOptions): Progress & { close(): void } {
  const { intervalMs, now } = options;
  const write = (line: string): void => {
    stream.write(`${line}\n`);
  };

  function phase(name: string, total?: number): PhaseProgress {
    const state: PhaseState = { name, total, done: 0, failed: 0, startedAt: now() };
    let lastLineAt = state.startedAt;
    let ended = false;
    if (total !== undefined && total > 0) write(formatStartLine(state));
    return {
      setTotal(value: number): void {
        state.total = value;
      },
      tick(count = 1, failed = false): void {
        if (ended) return;
        state.done += count;
        if (failed) state.failed += count;
        const t = now();
        if (t - lastLineAt >= intervalMs) {
          lastLineAt = t;
          write(formatPlainProgressLine(state));
        }
      },
      end(summary?: string): void {
        if (ended) return;
        ended = true;
        write(formatEndLine(state, summary, now()));
      },
    };
  }

  return { phase, info: write, close() {} };
}
