/**
 * Our retry around every AWS call (the SDK's own retry, 3 attempts in standard mode, stays as a
 * second line underneath): jittered exponential backoff on throttling, conflicting operations in
 * progress, 5xx and dropped connections; never on validation, access or not-found errors.
 */
import pRetry from 'p-retry';
import { errorCode, errorText, httpStatusOf, isThrottleCode, reasonOf, systemCode } from './aws-error.js';
import { realSleep, type Sleep } from './rate-limiter.js';

export interface RetryOptions {
  /** Retries after the first attempt; default 6. */
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

/** Connection failures worth another try. ECONNREFUSED and ENOTFOUND are not: they almost always
 * mean a wrong endpoint (AWS_ENDPOINT_URL, region) and the SDK already retried ECONNREFUSED. */
const RETRYABLE_SYSTEM_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);
const RETRYABLE_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const NEVER_RETRY = /^(ValidationException|AccessDenied.*|ResourceNotFound.*|ServiceQuotaExceeded.*|InvalidInput.*|ConstraintViolation.*)$/;

export function isRetryable(error: unknown): boolean {
  const code = errorCode(error);
  if (NEVER_RETRY.test(code)) return false;
  if (isThrottleCode(code)) return true;
  if (code === 'ConflictException' || code === 'ConcurrentModificationException') {
    // identitystore: a name already taken never settles; sso-admin: "already exists" neither.
    if (reasonOf(error) === 'UNIQUENESS_CONSTRAINT_VIOLATION') return false;
    return !/already exists/i.test(errorText(error));
  }
  const status = httpStatusOf(error);
  if (status === 429) return true;
  if (status !== undefined && status >= 500) return true;
  if (status !== undefined) return false;
  if (RETRYABLE_NAMES.has(code)) return true;
  const sys = systemCode(error);
  if (sys !== undefined && RETRYABLE_SYSTEM_CODES.has(sys)) return true;
  return /socket hang up/i.test(errorText(error));
}

/** Full jitter: uniform in [0, min(max, base × 2^retry)). */
export function backoffDelay(retry: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 20_000;
  const random = options.random ?? Math.random;
  return Math.floor(random() * Math.min(max, base * 2 ** retry));
}

export interface RetryOutcome<T> {
  value: T;
  attempts: number;
}

/**
 * Runs `attempt` until it succeeds, fails with an error that is not worth retrying, or retries run
 * out. The last error is thrown as is, with the number of attempts made in `onGiveUp`.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions = {},
  onGiveUp?: (error: unknown, attempts: number) => unknown,
): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  let attempts = 0;
  try {
    return await pRetry(
      (n) => {
        attempts = n;
        return attempt(n);
      },
      {
        retries: options.retries ?? DEFAULT_RETRIES,
        // p-retry's own timer is off: we sleep in shouldRetry so that tests can inject the sleep.
        minTimeout: 0,
        maxTimeout: 0,
        shouldRetry: async ({ error, retriesConsumed }) => {
          if (!isRetryable(error)) return false;
          await sleep(backoffDelay(retriesConsumed, options));
          return true;
        },
      },
    );
  } catch (error) {
    throw onGiveUp ? onGiveUp(error, attempts) : error;
  }
}
