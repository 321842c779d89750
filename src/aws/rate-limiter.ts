/**
 * One client-side rate limiter shared by every AWS call: a token bucket (all Identity Center APIs
 * share about 20 requests per second per account) plus a bound on requests in flight.
 *
 * The bound on requests in flight is p-limit, the one "at most N at once" of the code base. The
 * bucket is not a concurrency limit (it spaces call starts in time however many are in flight),
 * so it is its own small piece here.
 *
 * The bucket is kept as a "theoretical arrival time" (GCRA): each call reserves the next free
 * slot, so waiting callers are served in order without polling, and a fake clock makes tests
 * instant and exact.
 */

import pLimit from 'p-limit';

export type Sleep = (ms: number) => Promise<void>;

export interface RateLimiterOptions {
  /** Calls per second; default 20. `Infinity` turns rate limiting off. */
  ratePerSecond?: number;
  /** Calls that may start back to back after an idle period; default DEFAULT_BURST. */
  burst?: number;
  /** Calls in flight at once; default 10. */
  concurrency?: number;
  /** Milliseconds, monotonic; default `performance.now()`. */
  now?: () => number;
  /** default: a real timer. */
  sleep?: Sleep;
}

export interface RateLimiter {
  /** Waits for a slot and a token, runs `fn`, frees the slot. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Consumes `count` extra tokens now (e.g. retries the SDK made by itself); may go into debt. */
  charge(count: number): void;
  readonly ratePerSecond: number;
  readonly concurrency: number;
}

export const DEFAULT_RATE_PER_SECOND = 20;
/**
 * Up to 5 calls may start back to back when the bucket has been idle; over any T seconds at most
 * 5 + rate × T calls start, so the long-run rate is unchanged. Why not 1 (evenly paced): apply's
 * creations keep the limiter 70–95 % busy, and with no room for two calls that come close together
 * each call queued behind the previous one for about 1.5 intervals on average (measured by
 * `npm run bench:apply`: 17 ms of every 10 ms-interval call at BENCH_TIME_SCALE=5), while a
 * creation holds one of the 10 slots. AWS documents 20 requests per second, not the bucket's depth
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html); throttling is retried
 * with backoff (retry.ts). The emulator's bucket holds one second's worth, as AWS token buckets
 * commonly do; 5 stays well inside it.
 */
export const DEFAULT_BURST = 5;
export const DEFAULT_CONCURRENCY = 10;

/**
 * Waits at least `ms` of real time. Node's timers count from the event loop's cached time, taken
 * when the current turn began: when a turn runs long (a busy process), a timer fires that much
 * early. Polls and paced calls must not come early (an early poll is an extra call, an early call
 * meets the service's bucket), so an early wake-up waits for the rest. sleep(0) yields one turn.
 */
export const realSleep: Sleep = (ms) => {
  // 0: a turn of the event loop (whatever promises are under way go first).
  if (ms <= 0) return new Promise((resolve) => setImmediate(resolve));
  const until = performance.now() + ms;
  return new Promise((resolve) => {
    const wake = (): void => {
      const left = until - performance.now();
      if (left > 0) setTimeout(wake, left);
      else resolve();
    };
    setTimeout(wake, ms);
  });
};

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
  const burst = Math.max(1, Math.floor(options.burst ?? DEFAULT_BURST));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  if (!(rate > 0)) throw new Error(`rate limit must be a positive number of calls per second, got ${rate}`);
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;

  const interval = Number.isFinite(rate) ? 1000 / rate : 0;
  const tolerance = (burst - 1) * interval;
  /** When the bucket is next empty-and-refilled: the next call's theoretical start. */
  let tat = -Infinity;

  const slots = pLimit(concurrency);

  function reserve(count: number): number {
    const t = now();
    const start = Math.max(tat, t);
    tat = start + count * interval;
    return Math.max(0, start - tolerance - t);
  }

  return {
    ratePerSecond: rate,
    concurrency,
    run<T>(fn: () => Promise<T>): Promise<T> {
      return slots(async () => {
        if (interval > 0) {
          const wait = reserve(1);
          if (wait > 0) await sleep(wait);
        }
        return fn();
      });
    },
    charge(count: number): void {
      if (interval > 0 && count > 0) reserve(count);
    },
  };
}
