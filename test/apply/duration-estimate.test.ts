import { describe, expect, it } from 'vitest';
import { DurationEstimate, waitForAsync } from '../../src/apply/async-operation.js';
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

  it('stays at the interval for operations faster than it, and is capped', () => {
    const estimate = new DurationEstimate(1000, 10_000);
    for (let i = 0; i < 100; i++) estimate.record(undefined);
    expect(estimate.firstPauseMs()).toBe(1000);
    estimate.record(60_000);
    expect(estimate.firstPauseMs()).toBe(10_000);
  });
});
