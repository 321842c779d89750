/**
 * Waiting for Identity Center's asynchronous operations (assignment creation and deletion,
 * provisioning) to finish: poll with backoff until SUCCEEDED, FAILED or a timeout.
 */
import type { AsyncStatus } from '../aws/gateway.js';

export interface PollPolicy {
  /** First delay before polling; then ×1.5 up to `maxIntervalMs`. */
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
    super(
      `AWS reports the ${operation} FAILED: ${failureReason ?? 'no reason given'} (request ID ${requestId}): fix the cause, then run apply again`,
    );
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
 * Polls `describe(requestId)` from the status the start call returned until the operation ends.
 * `operation` names it for messages, e.g. `assignment creation`.
 */
export async function waitForAsync(
  operation: string,
  started: AsyncStatus,
  describe: (requestId: string) => Promise<AsyncStatus>,
  policy: PollPolicy,
): Promise<void> {
  let status = started;
  const startedAt = policy.now();
  let slept = 0;
  let delay = policy.intervalMs;
  for (;;) {
    if (status.status === 'SUCCEEDED') return;
    if (status.status === 'FAILED') throw new AsyncOperationFailedError(operation, status.requestId, status.failureReason);
    // Both clocks count: the real one, and the sum of the delays (a test's sleep takes no time).
    const waited = Math.max(policy.now() - startedAt, slept);
    if (waited >= policy.timeoutMs) throw new AsyncOperationTimeoutError(operation, status.requestId, waited);
    const pause = Math.min(delay, Math.max(1, policy.timeoutMs - waited));
    await policy.sleep(pause);
    slept += pause;
    delay = Math.min(delay * 1.5, policy.maxIntervalMs);
    const requestId = status.requestId;
    status = await describe(requestId);
    // Some answers leave the request ID out: keep the one we know.
    if (!status.requestId) status = { ...status, requestId };
  }
}
