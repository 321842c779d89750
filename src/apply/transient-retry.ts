/**
 * A second line of retries for conflicts and throttling that escaped the gateway's own retries
 * (typically deleting a permission set right after its assignments were deleted).
 */
import { describeError, isRetryable, isThrottling } from './aws-errors.js';

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  attempts: number;
  /** Delay before the second attempt; doubled each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_ATTEMPTS = 6;
export const DEFAULT_RETRY_BASE_MS = 1_000;
export const DEFAULT_RETRY_MAX_MS = 16_000;

/** Thrown when every attempt met a conflict or throttling: says so, and what to do. */
export class StillConflictingError extends Error {
  override name = 'StillConflictingError';
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    const what = isThrottling(lastError)
      ? 'still throttled'
      : 'still conflicting with another operation on the same permission set or account';
    super(`${what} after ${attempts} attempts (${describeError(lastError)}): wait for it to finish, then run apply again`);
  }
}

export async function withTransientRetry<T>(policy: RetryPolicy, operation: () => Promise<T>): Promise<T> {
  let delay = policy.baseDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= policy.attempts) throw new StillConflictingError(attempt, error);
      await policy.sleep(delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}
