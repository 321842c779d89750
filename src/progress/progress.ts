/**
 * Progress of long work (reading state, applying), reported by the engine and shown by the
 * caller: a live line on a TTY, periodic plain lines in CI logs, nothing in tests.
 */
export interface PhaseProgress {
  /** Raise or set the total when it becomes known. */
  setTotal(total: number): void;
  /** One or more items finished (`failed`: they failed). */
  tick(count?: number, failed?: boolean): void;
  /** The phase is over; `summary` is shown in place of the counter. */
  end(summary?: string): void;
}

export interface Progress {
  /** Starts a named phase, e.g. `create assignments`, with a total when known. */
  phase(name: string, total?: number): PhaseProgress;
  /** A line of information that is not a counter. */
  info(line: string): void;
}

/** Progress that shows nothing (tests, `--json`). */
export const silentProgress: Progress = {
  phase: () => ({ setTotal() {}, tick() {}, end() {} }),
  info() {},
};
