/** Runs one phase: skips the changes whose dependencies broke, attempts the rest, reports progress. */
import type { Change } from '../plan/types.js';
import type { Progress } from '../progress/progress.js';
import { StepError, type ApplyContext } from './apply-context.js';
import { AsyncOperationFailedError, AsyncOperationTimeoutError } from './async-operation.js';
import { describeError } from './aws-errors.js';
import { needs, provides } from './dependencies.js';
import { describeChange } from '../render/change-line.js';
import { UnknownIdError } from './id-registry.js';
import type { PhaseDefinition } from './phases.js';
import { StillConflictingError } from './transient-retry.js';

/** The failure message: what went wrong, with AWS's reason and what to do when known. */
export function failureMessage(error: unknown): string {
  if (error instanceof StepError) return `${error.doing}: ${failureMessage(error.cause)}`;
  if (
    error instanceof AsyncOperationFailedError ||
    error instanceof AsyncOperationTimeoutError ||
    error instanceof StillConflictingError ||
    error instanceof UnknownIdError
  ) {
    return error.message;
  }
  return describeError(error);
}

const SKIP_REASON = 'they depend on a failed change';

/** `12 done, 1 failed, 2 skipped (…)` (zero counts left out, except `done`). */
export function phaseSummary(done: number, failed: number, skipped: number): string {
  let text = `${done} done`;
  if (failed > 0) text += `, ${failed} failed`;
  if (skipped > 0) text += `, ${skipped} skipped (${SKIP_REASON})`;
  return text;
}

export async function runPhase(
  ctx: ApplyContext,
  phase: PhaseDefinition,
  changes: readonly Change[],
  progress: Progress,
): Promise<void> {
  const selected = changes.filter((c) => phase.select(c));
  if (selected.length === 0) return;
  const { outcome } = ctx;
  const runnable: Change[] = [];
  let skipped = 0;
  for (const change of selected) {
    if (needs(change).some((key) => outcome.broken.has(key))) {
      skipped++;
      for (const key of provides(change)) outcome.broken.add(key);
    } else {
      runnable.push(change);
    }
  }
  outcome.skipped += skipped;
  if (runnable.length === 0) {
    progress.info(`${phase.name}: ${skipped} skipped (${SKIP_REASON})`);
    return;
  }

  const bar = progress.phase(phase.name, runnable.length);
  let done = 0;
  let failed = 0;
  await phase.run(ctx, runnable, async (group, work) => {
    try {
      await work();
      done += group.length;
      outcome.succeeded += group.length;
      bar.tick(group.length);
    } catch (error) {
      const message = failureMessage(error);
      for (const change of group) {
        outcome.failed.push({ change, subject: describeChange(change, ctx.accountNames), message });
        for (const key of provides(change)) outcome.broken.add(key);
      }
      failed += group.length;
      bar.tick(group.length, true);
    }
  });
  bar.end(phaseSummary(done, failed, skipped));
}
