/**
 * Runs one AWS request: through the shared rate limiter, with retries (the only ones, retry.ts),
 * counted per operation, never after the run's deadline, and with errors wrapped in
 * {@link AwsCallError}. Also collects every page of a paginated list.
 */
import { AwsCallError, RunLimitError, sdkAttemptsOf, type CallDescription } from './aws-error.js';
import { endpointOf } from './endpoint.js';
import { formatSeconds, type Timeouts } from './timeouts.js';
import type { RateLimiter } from './rate-limiter.js';
import { withRetry, type RetryOptions } from './retry.js';
import { compareStrings } from '../model/compare.js';

export interface CallRunnerOptions {
  limiter: RateLimiter;
  retry?: RetryOptions;
  /** Called once per HTTP request made (each page, each retry), with the IAM action name. */
  onCall?: (operation: string) => void;
  /** For messages (the response timeout) and the run's deadline (from creation). */
  timeouts?: Timeouts;
  /** Wall clock for the deadline; default Date.now. */
  now?: () => number;
}

export interface CallRunner {
  /** One request (one page). */
  call<T>(description: CallDescription, send: () => Promise<T>): Promise<T>;
  /**
   * Every page of a list: `send(token)` sends one request; `items` picks the page's items. Keeps
   * going over empty pages that still carry a NextToken (Organizations does that).
   */
  all<O extends Paged, T>(
    description: CallDescription,
    send: (token: string | undefined) => Promise<O>,
    items: (output: O) => readonly T[] | undefined,
  ): Promise<T[]>;
  /** HTTP requests made so far per IAM action (pages and retries included). */
  callCounts(): Record<string, number>;
}

/** Any SDK list output. */
export interface Paged {
  NextToken?: string | undefined;
}

export function createCallRunner(options: CallRunnerOptions): CallRunner {
  const counts = new Map<string, number>();
  const { limiter, timeouts } = options;
  const now = options.now ?? Date.now;
  const deadlineAt = timeouts ? now() + timeouts.deadlineMs : Number.POSITIVE_INFINITY;

  function checkDeadline(): void {
    if (now() >= deadlineAt && timeouts) {
      throw new RunLimitError(`the run passed its deadline of ${formatSeconds(timeouts.deadlineMs)}`, 'deadline');
    }
  }

  function count(action: string, n: number): void {
    counts.set(action, (counts.get(action) ?? 0) + n);
    for (let i = 0; i < n; i++) options.onCall?.(action);
  }

  /** Counts the requests the SDK made (its own retries too) and charges its extra ones to the bucket. */
  function settle(action: string, result: unknown): void {
    const sdkAttempts = sdkAttemptsOf(result);
    count(action, sdkAttempts);
    if (sdkAttempts > 1) limiter.charge(sdkAttempts - 1);
  }

  async function call<T>(description: CallDescription, send: () => Promise<T>): Promise<T> {
    return withRetry(
      () =>
        limiter.run(async () => {
          checkDeadline();
          try {
            const result = await send();
            settle(description.action, result);
            return result;
          } catch (error) {
            settle(description.action, error);
            throw error;
          }
        }),
      options.retry,
      (error, attempts) => {
        if (error instanceof AwsCallError) return error;
        const endpoint = endpointOf(error);
        return new AwsCallError(description, error, attempts, { ...(endpoint ? { endpoint } : {}), ...(timeouts ? { timeouts } : {}) });
      },
    );
  }

  async function all<O extends Paged, T>(
    description: CallDescription,
    send: (token: string | undefined) => Promise<O>,
    items: (output: O) => readonly T[] | undefined,
  ): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const current = token;
      const result = await call(description, () => send(current));
      out.push(...(items(result) ?? []));
      token = result.NextToken === '' ? undefined : result.NextToken;
      if (token !== undefined) {
        if (seen.has(token)) {
          throw new Error(`Could not ${description.doing}: AWS returned the same page token twice (${description.action})`);
        }
        seen.add(token);
      }
    } while (token !== undefined);
    return out;
  }

  return {
    call,
    all,
    callCounts: () => Object.fromEntries([...counts.entries()].sort(([a], [b]) => compareStrings(a, b))),
  };
}
