/**
 * The only retry of AWS calls (the SDK's own retry is off: `maxAttempts: 1` in sdk-gateway.ts, and
 * apply does not retry either). What is retried, and how often, follows the kind of the failure
 * (error-kind.ts):
 *
 * - throttling, transient (5xx, dropped connection, a proxy's error page), conflict-transient:
 *   up to `1 + retries` attempts (default 7), full-jitter exponential backoff;
 * - timeout (no connection or no answer in time): 2 attempts, so that a hung endpoint ends within
 *   a minute with the default timeouts;
 * - everything else (access denied, validation, not found, permanent conflicts, a wrong endpoint): 1.
 *
 * One persistent throttle therefore costs at most 7 requests per page (README "Rate limit and
 * retries").
 */
import pRetry from 'p-retry';
import { classifyAwsError, type AwsErrorKind } from './error-kind.js';
import { realSleep, type Sleep } from './rate-limiter.js';

export interface RetryOptions {
  /** Retries after the first attempt for throttling, 5xx and transient conflicts; default 6. */
  retries?: number;
  /** First backoff ceiling in ms; default 500. */
  baseDelayMs?: number;
  /** Largest backoff in ms; default 20,000. */
  maxDelayMs?: number;
  sleep?: Sleep;
  /** In [0, 1); default Math.random. */
  random?: () => number;
}

export const DEFAULT_RETRIES = 6;
/** Attempts in total for a request that timed out. */
export const TIMEOUT_ATTEMPTS = 2;

/** Most attempts a failure of this kind gets (the first one included). */
export function attemptsFor(kind: AwsErrorKind, retries: number = DEFAULT_RETRIES): number {
  switch (kind) {
    case 'throttling':
    case 'transient':
    case 'conflict-transient':
      return 1 + retries;
    case 'timeout':
      return Math.min(TIMEOUT_ATTEMPTS, 1 + retries);
    default:
      return 1;
  }
}

export function isRetryable(error: unknown): boolean {
  return attemptsFor(classifyAwsError(error)) > 1;
}

/** Full jitter: uniform in [0, min(max, base × 2^retry)). */
export function backoffDelay(retry: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 20_000;
  const random = options.random ?? Math.random;
  return Math.floor(random() * Math.min(max, base * 2 ** retry));
}

/**
 * Runs `attempt` until it succeeds, fails with an error whose kind has used up its attempts, or
 * the budget runs out. `onGiveUp` turns the last error (and the attempts made) into the one thrown.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions = {},
  onGiveUp?: (error: unknown, attempts: number) => unknown,
): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const retries = options.retries ?? DEFAULT_RETRIES;
  let attempts = 0;
  try {
    return await pRetry(
      (n) => {
        attempts = n;
        return attempt(n);
      },
      {
        retries,
        // p-retry's own timer is off: we sleep in shouldRetry so that tests can inject the sleep.
        minTimeout: 0,
        maxTimeout: 0,
        shouldRetry: async ({ error, attemptNumber, retriesConsumed }) => {
          if (attemptNumber >= attemptsFor(classifyAwsError(error), retries)) return false;
          await sleep(backoffDelay(retriesConsumed, options));
          return true;
        },
      },
    );
  } catch (error) {
    throw onGiveUp ? onGiveUp(error, attempts) : error;
  }
}
