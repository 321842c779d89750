import { describe, expect, it } from 'vitest';
import { DurationEstimate, RELIABLE_STREAK, waitForAsync } from '../../src/apply/async-operation.js';
import type { AsyncStatus } from '../../src/aws/gateway.js';
import { fakeClock } from './fixtures.js';

/** An operation that is done `durationMs` after it started, on the fake clock. */
function operation(clock: ReturnType<typeof fakeClock>, durationMs: number): { started: AsyncStatus; describe: () => Promise<AsyncStatus> } {
  const due = clock.now() + durationMs;
  return {
    started: { requestId: 'r', status: 'IN_PROGRESS' },
    describe: async () => ({ requestId: 'r', status: clock.now() >= due ? 'SUCCEEDED' : 'IN_PROGRESS' }),
  };
}

describe('DurationEstimate: the first poll follows how long operations take', () => {
  it('never polls earlier than the interval, and learns a 3 s duration from the polls', async () => {
    const clock = fakeClock();
    const policy = { intervalMs: 1000, maxIntervalMs: 10_000, timeoutMs: 60_000, ...clock };
    const estimate = new DurationEstimate(1000, 10_000);
    expect(estimate.firstPauseMs()).toBe(1000);
    let polls = 0;
    for (let i = 0; i < 50; i++) {
      const op = operation(clock, 3000);
      await waitForAsync(
        'creation',
        op.started,
        () => {
          polls++;
          return op.describe();
        },
        policy,
        estimate,
      );
    }
    // Without it: 1, 2.5, 4.75 s (3 polls each, seen 1.75 s late). With it: about one poll each.
    expect(polls).toBeLessThan(60);
    expect(estimate.firstPauseMs()).toBeGreaterThanOrEqual(3000);
    expect(estimate.firstPauseMs()).toBeLessThan(3000 * 1.25);
  });

  it('is reliable only at its floor: above it, it probes down and a first poll now and then comes early', () => {
    const estimate = new DurationEstimate(1000, 10_000);
    estimate.record(1100); // operations take longer than the interval: 1,320 ms
    for (let i = 0; i < 2 * RELIABLE_STREAK; i++) estimate.record(undefined);
    expect(estimate.firstPauseMs()).toBeGreaterThan(1000);
    expect(estimate.reliable()).toBe(false);
  });

  it('stays at the interval for operations faster than it, and is capped', () => {
    const estimate = new DurationEstimate(1000, 10_000);
    for (let i = 0; i < 100; i++) estimate.record(undefined);
    expect(estimate.firstPauseMs()).toBe(1000);
    estimate.record(60_000);
    expect(estimate.firstPauseMs()).toBe(10_000);
  });
});

describe('waitForAsync: timed from the operation start, handing over at the expected end', () => {
  it('times the first poll from when AWS started the operation, not from the answer', async () => {
    const clock = fakeClock();
    const policy = { intervalMs: 1000, maxIntervalMs: 10_000, timeoutMs: 60_000, ...clock };
    // The answer arrived 30 ms after AWS started the operation: the first poll comes 970 ms later.
    const op = operation(clock, 970);
    await waitForAsync('creation', { ...op.started, startedAgoMs: 30 }, op.describe, policy, new DurationEstimate(1000, 10_000));
    expect(clock.slept).toEqual([970]);
  });

  it('signals the expected end as the first poll is sent, once the estimate is reliable, and only then', async () => {
    const clock = fakeClock();
    const policy = { intervalMs: 1000, maxIntervalMs: 10_000, timeoutMs: 60_000, ...clock };
    const estimate = new DurationEstimate(1000, 10_000);
    const signalled: boolean[] = [];
    const run = async (durationMs: number): Promise<void> => {
      const op = operation(clock, durationMs);
      let signal = false;
      let polled = 0;
      await waitForAsync(
        'creation',
        op.started,
        () => {
          // The signal comes before the first poll is sent, never after.
          if (polled++ === 0) expect(signal).toBe(estimate.reliable());
          return op.describe();
        },
        policy,
        estimate,
        () => {
          expect(polled).toBe(0);
          signal = true;
        },
      );
      signalled.push(signal);
    };
    for (let i = 0; i < RELIABLE_STREAK; i++) await run(900);
    expect(signalled.every((s) => !s)).toBe(true);
    await run(900);
    expect(signalled.at(-1)).toBe(true);
    // One first poll too early (an operation slower than the estimate): not reliable any more.
    await run(1500);
    expect(signalled.at(-1)).toBe(true);
    expect(estimate.reliable()).toBe(false);
    await run(900);
    expect(signalled.at(-1)).toBe(false);
  });
});
