import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServiceClock } from '../../src/aws/service-clock.js';

describe('ServiceClock: when AWS started an operation, on our clock', () => {
  it('never places the start outside the request, nor before the true start, whatever the offset and trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -3_600_000, max: 3_600_000 }),
        fc.array(fc.record({ there: fc.nat(200), back: fc.nat(200), gap: fc.nat(1000) }), { minLength: 1, maxLength: 50 }),
        (offset, requests) => {
          const clock = new ServiceClock();
          let t = 1_700_000_000_000;
          for (const r of requests) {
            t += r.gap;
            const sentAt = t;
            const start = sentAt + r.there;
            const answeredAt = start + r.back;
            const ago = clock.startedAgo(start + offset, sentAt, answeredAt);
            // Within the request, and never earlier than the truth: a poll timed from it is not early.
            expect(ago).toBeGreaterThanOrEqual(0);
            expect(answeredAt - ago).toBeGreaterThanOrEqual(sentAt);
            expect(answeredAt - ago).toBeGreaterThanOrEqual(start);
            t = answeredAt;
          }
        },
      ),
    );
  });

  it('learns the offset: after one fast request, a slow answer is placed a trip before its arrival', () => {
    const clock = new ServiceClock();
    const offset = 5_000; // AWS's clock is 5 s ahead of ours
    // A request answered 1 ms after AWS started it bounds the offset within 1 ms.
    clock.startedAgo(1000 + offset, 999, 1001);
    // Sent at 2000, started at 2010, answered at 2090 (a slow way back): 80 ms ago, not 0.
    expect(clock.startedAgo(2010 + offset, 2000, 2090)).toBe(79);
  });

  it('without a CreatedDate, takes the answer as the start', () => {
    expect(new ServiceClock().startedAgo(undefined, 0, 50)).toBe(0);
  });
});
