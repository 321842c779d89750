/** Runs one phase: skips the changes whose dependencies broke, attempts the rest, reports progress. */
import type { Change } from '../plan/types.js';
import type { Progress } from '../progress/progress.js';
import { ApplyStoppedError, StepError, type ApplyContext, type Outcome } from './apply-context.js';
import { AwsCallError } from '../aws/aws-error.js';
import { classifyAwsError } from '../aws/error-kind.js';
import { needs, provides } from './dependencies.js';
import { describeChange } from '../render/change-line.js';
import { plainText } from '../render/escape.js';
import type { PhaseDefinition } from './phases.js';

/**
 * The failure message: what went wrong, with AWS's reason and what to do when known. The change
 * itself is named by the failure's subject (access.yaml names), so the gateway's own "Could not
 * delete the group 9067…" (AWS IDs) is left out; never a class name.
 */
export function failureMessage(error: unknown): string {
  if (error instanceof StepError) return `${error.doing}: ${failureMessage(error.cause)}`;
  if (error instanceof AwsCallError) return error.detail;
  if (error instanceof Error) return plainText(error.message);
  return plainText(String(error));
}

function rootCause(error: unknown): unknown {
  return error instanceof StepError ? rootCause(error.cause) : error;
}

/** Failures every later change would meet too (the credentials, the endpoint, the clock): the
 * first one stops the apply. */
const STOPPING_KINDS = new Set(['access-denied', 'credentials', 'deadline', 'timeout', 'unreachable']);

function stopReason(error: unknown): string | undefined {
  const root = rootCause(error);
  if (!(root instanceof AwsCallError) || !STOPPING_KINDS.has(classifyAwsError(root))) return undefined;
  switch (root.kind) {
    case 'access-denied':
      return `at the first access denied: the credentials lack the IAM permission ${root.action}; run apply with credentials allowed to make changes (README "AWS setup")`;
    case 'credentials':
      return 'the AWS credentials are not valid (any more); renew them (aws sso login, or the OIDC role in GitHub Actions) and run apply again';
    default:
      return `${root.reason}; ${root.hint}`;
  }
}

/** Counts changes that were not made because apply stopped. */
function notMade(outcome: Outcome, n: number): void {
  if (outcome.stopped) outcome.stopped.notAttempted += n;
}

const SKIP_REASON = 'they depend on a failed change';

/** `12 done, 1 failed, 2 skipped (…)` (zero counts left out, except `done`). */
export function phaseSummary(done: number, failed: number, skipped: number): string {
  let text = `${done} done`;
  if (failed > 0) text += `, ${failed} failed`;
  if (skipped > 0) text += `, ${skipped} skipped (${SKIP_REASON})`;
  return text;
}

export async function runPhase(ctx: ApplyContext, phase: PhaseDefinition, changes: readonly Change[], progress: Progress): Promise<void> {
  const selected = changes.filter((c) => phase.select(c));
  if (selected.length === 0) return;
  const { outcome } = ctx;
  if (outcome.stopped) {
    notMade(outcome, selected.length);
    return;
  }
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
  let stoppedHere = 0;
  await phase.run(ctx, runnable, async (group, work) => {
    if (outcome.stopped) {
      notMade(outcome, group.length);
      stoppedHere += group.length;
      bar.tick(group.length);
      return;
    }
    try {
      await work();
      done += group.length;
      outcome.succeeded += group.length;
      bar.tick(group.length);
    } catch (error) {
      const reason = stopReason(error);
      if (error instanceof ApplyStoppedError || (reason !== undefined && outcome.stopped)) {
        // Stopped while in flight, or refused the same way as the change that stopped apply.
        notMade(outcome, group.length);
        stoppedHere += group.length;
        for (const change of group) for (const key of provides(change)) outcome.broken.add(key);
        bar.tick(group.length, true);
        return;
      }
      if (reason !== undefined) outcome.stopped = { reason, notAttempted: 0 };
      const message = failureMessage(error);
      for (const change of group) {
        outcome.failed.push({ change, subject: describeChange(change, ctx.accountNames), message });
        for (const key of provides(change)) outcome.broken.add(key);
      }
      failed += group.length;
      bar.tick(group.length, true);
    }
  });
  bar.end(phaseSummary(done, failed, skipped) + (stoppedHere > 0 ? `, ${stoppedHere} not made (apply stopped)` : ''));
}
