/**
 * Waiting for Identity Center's asynchronous operations (assignment creation and deletion,
 * provisioning) to finish: poll with backoff until SUCCEEDED, FAILED or a timeout.
 */
import type { AsyncStatus } from '../aws/gateway.js';

export interface PollPolicy {
  /** First delay before polling (or the learned duration, see DurationEstimate); then ×1.5 up to `maxIntervalMs`. */
  intervalMs: number;
  maxIntervalMs: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

/** Thrown when AWS reports FAILED: carries AWS's FailureReason. */
export class AsyncOperationFailedError extends Error {
  override name = 'AsyncOperationFailedError';
  constructor(
    readonly operation: string,
    readonly requestId: string,
    readonly failureReason: string | undefined,
  ) {
    super(`AWS reports the ${operation} FAILED: ${failureReason ?? 'no reason given'} (request ID ${requestId}): fix the cause, then run apply again`);
  }
}

/** Thrown when the operation is still IN_PROGRESS after the timeout. */
export class AsyncOperationTimeoutError extends Error {
  override name = 'AsyncOperationTimeoutError';
  constructor(
    readonly operation: string,
    readonly requestId: string,
    readonly waitedMs: number,
  ) {
    super(
      `timed out after ${Math.round(waitedMs / 1000)}s waiting for the ${operation} (request ID ${requestId}): check the AWS console, then run apply again`,
    );
  }
}

/**
 * How long operations of one kind take, learned from the ones that finished, so that the first
 * poll comes when an operation is likely done. While 10 assignment creations are outstanding no
 * more may start: every moment between an operation's end and the poll that sees it is lost
 * throughput, and a fixed ×1.5 backoff (1, 2.5, 4.75 s…) sees a 3 s operation only after 4.75 s.
 *
 * The first pause starts at `minMs` (the poll interval: never earlier than before) and follows
 * the operations: a first poll that finds the operation done lowers it by 0.2 % (probing down);
 * one that finds it still IN_PROGRESS raises it to 20 % above that poll (a lower bound of the
 * duration). A second poll is expensive (the backoff's next pause), so the estimate sits about
 * 10 % above the typical duration and about one operation in a hundred needs one. Capped at `maxMs`.
 *
 * `reliable()`: the last RELIABLE_STREAK first polls all found their operation over, and the
 * estimate sits at its floor, so it is not probing down: operations of this kind end before the
 * poll interval, and the next first poll will very likely find its operation over too (what lets
 * a creation hand its slot on as its poll is sent). Above the floor the estimate probes down by
 * 0.2 % per success until a first poll comes early: handing over then would meet AWS's limit
 * (a simulation with 1.3 s operations and a 1 s interval met it 119 times in 2,000 creations).
 */
export class DurationEstimate {
  private estimateMs: number;
  private streak = 0;
  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {
    this.estimateMs = minMs;
  }

  firstPauseMs(): number {
    return this.estimateMs;
  }

  reliable(): boolean {
    return this.streak >= RELIABLE_STREAK && this.estimateMs <= this.minMs;
  }

  /** An operation ended; `inProgressAtMs`: when a poll last saw it IN_PROGRESS (undefined: none did). */
  record(inProgressAtMs: number | undefined): void {
    this.streak = inProgressAtMs === undefined ? this.streak + 1 : 0;
    // Raising to 20 % above the poll (not 20 % on top of the estimate) keeps operations that ran
    // side by side and were all polled too early from compounding the raise.
    const next = inProgressAtMs === undefined ? this.estimateMs * 0.998 : Math.max(this.estimateMs, inProgressAtMs * 1.2);
    this.estimateMs = Math.min(this.maxMs, Math.max(this.minMs, next));
  }
}

/** The second poll after an estimated first one that came early: this share of the time so far later. */
const SECOND_POLL_AFTER = 0.1;

/** First polls in a row that found their operation over before the estimate counts as reliable. */
export const RELIABLE_STREAK = 20;

/**
 * Polls `describe(requestId)` from the status the start call returned until the operation ends.
 * `operation` names it for messages, e.g. `assignment creation`. With `estimate`, the first poll
 * waits for the learned duration of such operations (at least `policy.intervalMs`).
 *
 * Durations count from the operation's start on the service, when the start call's answer says
 * when that was (`startedAgoMs`, from AWS's CreatedDate: src/aws/service-clock.ts), not from the
 * answer, which arrives a network trip later: the first poll is sent at the moment the operation
 * is expected to be over, and, when `estimate` is reliable (recent first polls all found their
 * operation over), `onExpectedEnd` is called then (assignment creations hand their slot to the
 * next creation at that moment, see scheduling.ts).
 */
export async function waitForAsync(
  operation: string,
  started: AsyncStatus,
  describe: (requestId: string) => Promise<AsyncStatus>,
  policy: PollPolicy,
  estimate?: DurationEstimate,
  onExpectedEnd?: () => void,
): Promise<void> {
  let status = started;
  const startedAgo = Math.max(0, started.startedAgoMs ?? 0);
  const startedAt = policy.now() - startedAgo;
  let slept = startedAgo;
  let delay = policy.intervalMs;
  let polls = 0;
  let inProgressAt: number | undefined;
  // Both clocks count: the real one, and the sum of the delays (a test's sleep takes no time).
  const elapsed = (): number => Math.max(policy.now() - startedAt, slept);
  for (;;) {
    if (status.status === 'SUCCEEDED') {
      if (polls > 0) estimate?.record(inProgressAt);
      return;
    }
    if (status.status === 'FAILED') throw new AsyncOperationFailedError(operation, status.requestId, status.failureReason);
    const waited = elapsed();
    if (polls > 0) inProgressAt = waited;
    if (waited >= policy.timeoutMs) throw new AsyncOperationTimeoutError(operation, status.requestId, waited);
    // The first poll at a duration since the start; later ones at the backoff's delay after the
    // last, except the second one after a first poll timed by the estimate: that one found the
    // operation nearly over (the estimate sits just above the typical duration), so one more poll
    // comes 10 % of the time so far later rather than a whole backoff step (1.5 s for a 1.2 s
    // operation; a simulation with 1.3 s operations: 1.22 → 1.13 × the floor, fewer calls).
    const quickSecond = polls === 1 && estimate !== undefined;
    let wanted = delay;
    if (polls === 0) wanted = Math.max(0, (estimate ? Math.max(delay, estimate.firstPauseMs()) : delay) - waited);
    else if (quickSecond) wanted = Math.min(delay, Math.max(1, waited * SECOND_POLL_AFTER));
    const pause = Math.min(wanted, Math.max(1, policy.timeoutMs - waited));
    if (pause > 0) {
      await policy.sleep(pause);
      slept += pause;
    }
    // The quick second poll is one more, before the backoff goes on where it was.
    if (!quickSecond) delay = Math.min(delay * 1.5, policy.maxIntervalMs);
    if (polls === 0 && onExpectedEnd && estimate?.reliable()) {
      onExpectedEnd();
      // Let the creation that takes the slot reach the rate limiter before this poll: that call
      // keeps the slot busy, the poll only confirms (behind it, the creation would wait a token).
      await policy.sleep(0);
    }
    const requestId = status.requestId;
    status = await describe(requestId);
    polls++;
    // Some answers leave the request ID out: keep the one we know.
    if (!status.requestId) status = { ...status, requestId };
  }
}
