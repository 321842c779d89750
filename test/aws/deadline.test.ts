import { describe, expect, it } from 'vitest';
import { AwsCallError } from '../../src/aws/aws-error.js';
import { createCallRunner } from '../../src/aws/call-runner.js';
import { createRateLimiter } from '../../src/aws/rate-limiter.js';

describe('the run deadline', () => {
  it('starts no request after it, saying which variable allows longer runs', async () => {
    let clock = 0;
    let sent = 0;
    const runner = createCallRunner({
      limiter: createRateLimiter({ ratePerSecond: Infinity }),
      timeouts: { connectMs: 1000, responseMs: 1000, deadlineMs: 90 * 60_000 },
      now: () => clock,
    });
    const description = { action: 'sso:ListPermissionSets', doing: 'list the permission sets' };
    const send = async () => {
      sent++;
      return 'ok';
    };
    expect(await runner.call(description, send)).toBe('ok');
    clock = 90 * 60_000;
    const error = await runner.call(description, send).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).kind).toBe('deadline');
    expect((error as Error).message).toBe(
      'Could not list the permission sets: the run passed its deadline of 90 min — the run stops starting AWS calls after its deadline: set IDC_DEADLINE_MINUTES to allow longer runs',
    );
    expect(sent).toBe(1);
    expect(runner.callCounts()).toEqual({ 'sso:ListPermissionSets': 1 });
  });
});
