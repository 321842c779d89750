import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/aws/rate-limiter.js';
import { virtualClock } from './virtual-clock.js';

async function startTimes(options: { rate: number; burst?: number; calls: number; concurrency?: number; spacing?: number }) {
  const clock = virtualClock();
  const limiter = createRateLimiter({
    ratePerSecond: options.rate,
    ...(options.burst !== undefined ? { burst: options.burst } : {}),
    concurrency: options.concurrency ?? 100,
    now: clock.now,
    sleep: clock.sleep,
  });
  const starts: number[] = [];
  const work = Promise.all(
    Array.from({ length: options.calls }, () =>
      limiter.run(async () => {
        starts.push(clock.now());
      }),
    ),
  );
  await clock.run(work);
  return starts;
}

describe('rate limiter', () => {
  it('paces calls evenly at the rate with burst 1', async () => {
    expect(await startTimes({ rate: 20, burst: 1, calls: 5 })).toEqual([0, 50, 100, 150, 200]);
  });

  it('by default lets 5 calls start at once, then paces at the rate', async () => {
    expect(await startTimes({ rate: 20, calls: 8 })).toEqual([0, 0, 0, 0, 0, 50, 100, 150]);
  });

  it('lets a burst start at once, then paces', async () => {
    expect(await startTimes({ rate: 10, burst: 3, calls: 6 })).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('defaults to 20 per second', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ burst: 1, now: clock.now, sleep: clock.sleep });
    expect(limiter.ratePerSecond).toBe(20);
    const starts: number[] = [];
    await clock.run(Promise.all([1, 2, 3].map(() => limiter.run(async () => void starts.push(clock.now())))));
    expect(starts).toEqual([0, 50, 100]);
  });

  it('bounds the calls in flight', async () => {
    const limiter = createRateLimiter({ ratePerSecond: Infinity, concurrency: 2 });
    let inFlight = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const calls = Array.from({ length: 5 }, () =>
      limiter.run(async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise<void>((resolve) => release.push(resolve));
        inFlight--;
      }),
    );
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setImmediate(r));
      expect(inFlight).toBeLessThanOrEqual(2);
      release.shift()?.();
    }
    await Promise.all(calls);
    expect(peak).toBe(2);
  });

  it('frees the slot when a call fails', async () => {
    const limiter = createRateLimiter({ ratePerSecond: Infinity, concurrency: 1 });
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'ok')).resolves.toBe('ok');
  });

  it('charges extra requests (the SDK’s own retries) to later callers', async () => {
    const clock = virtualClock();
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 1, now: clock.now, sleep: clock.sleep });
    const starts: number[] = [];
    await clock.run(
      (async () => {
        await limiter.run(async () => void starts.push(clock.now()));
        limiter.charge(2);
        await limiter.run(async () => void starts.push(clock.now()));
      })(),
    );
    expect(starts).toEqual([0, 300]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createRateLimiter({ ratePerSecond: 0 })).toThrow(/positive/);
  });
});
