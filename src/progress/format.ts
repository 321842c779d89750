/** Text of progress lines: the same words on a terminal and in CI logs. */

/** `0.4s`, `12s`, `2m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${(Math.floor(s * 10) / 10).toFixed(1)}s`;
  if (s < 60) return `${Math.floor(s)}s`;
  const totalSeconds = Math.floor(s);
  if (totalSeconds < 3600) {
    const m = Math.floor(totalSeconds / 60);
    return `${m}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  }
  const h = Math.floor(totalSeconds / 3600);
  return `${h}h${String(Math.floor((totalSeconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** Items per second: `41/s`, `2.5/s`. */
export function formatRate(perSecond: number): string {
  return perSecond >= 10 ? `${Math.round(perSecond)}/s` : `${(Math.round(perSecond * 10) / 10).toFixed(1)}/s`;
}

/** What a phase has done so far. */
export interface PhaseState {
  name: string;
  total: number | undefined;
  done: number;
  failed: number;
  startedAt: number;
}

/** `312/1000` or `312` when the total is not known. */
export function formatCounter(state: PhaseState): string {
  return state.total === undefined ? `${state.done}` : `${state.done}/${state.total}`;
}

/** Line printed when a phase with a known total starts (plain output). */
export function formatStartLine(state: PhaseState): string {
  return `${state.name}: ${state.total ?? 0} to do`;
}

/** Periodic plain line: `create assignments: 312/1000 (2 failed)`. */
export function formatPlainProgressLine(state: PhaseState): string {
  const failed = state.failed > 0 ? ` (${state.failed} failed)` : '';
  return `${state.name}: ${formatCounter(state)}${failed}`;
}

/** The line that stays when a phase ends: `create assignments: 998/1000 done, 2 failed (24s)`. */
export function formatEndLine(state: PhaseState, summary: string | undefined, now: number): string {
  const text = summary ?? `${formatCounter(state)} done${state.failed > 0 ? `, ${state.failed} failed` : ''}`;
  return `${state.name}: ${text} (${formatDuration(now - state.startedAt)})`;
}

/**
 * The live terminal line: `create assignments  312/1000  2 failed  41/s  ETA 17s`. Rate and ETA
 * appear once a second has passed and something is done. `paintFailed` may colour the failure count.
 */
export function formatLiveLine(state: PhaseState, now: number, paintFailed: (text: string) => string = (t) => t): string {
  const parts = [state.name, formatCounter(state)];
  if (state.failed > 0) parts.push(paintFailed(`${state.failed} failed`));
  const elapsedMs = now - state.startedAt;
  if (elapsedMs >= 1000 && state.done > 0) {
    const rate = state.done / (elapsedMs / 1000);
    parts.push(formatRate(rate));
    if (state.total !== undefined && state.total > state.done) {
      parts.push(`ETA ${formatDuration(Math.ceil((state.total - state.done) / rate) * 1000)}`);
    }
  }
  return parts.join('  ');
}
