import { describe, expect, it } from 'vitest';
import { classifyAwsError, type AwsErrorKind } from '../../src/aws/error-kind.js';
import { attemptsFor, backoffDelay, isRetryable, withRetry } from '../../src/aws/retry.js';

const awsError = (name: string, status = 400, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra });
const sysError = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('isRetryable', () => {
  it.each([
    ['ThrottlingException', awsError('ThrottlingException')],
    ['TooManyRequestsException', awsError('TooManyRequestsException', 429)],
    ['ConflictException (operation in progress)', awsError('ConflictException', 409)],
    ['ConcurrentModificationException', awsError('ConcurrentModificationException')],
    ['InternalServerException', awsError('InternalServerException', 500)],
    ['503', awsError('ServiceUnavailable', 503)],
    ['ECONNRESET', sysError('ECONNRESET')],
    ['ETIMEDOUT', sysError('ETIMEDOUT')],
    ['socket hang up', sysError('ECONNRESET', 'socket hang up')],
    ['socket hang up without code', new Error('socket hang up')],
    ['TimeoutError', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('retries %s', (_, error) => {
    expect(isRetryable(error)).toBe(true);
  });

  it.each([
    ['ValidationException', awsError('ValidationException')],
    ['AccessDeniedException', awsError('AccessDeniedException', 403)],
    ['ResourceNotFoundException', awsError('ResourceNotFoundException', 404)],
    ['ServiceQuotaExceededException', awsError('ServiceQuotaExceededException', 402)],
    ['ConflictException: name taken', awsError('ConflictException', 409, { Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' })],
    ['ConflictException: already exists', Object.assign(awsError('ConflictException', 409), { message: 'PermissionSet already exists' })],
    [
      'ConflictException: application profile attached (never clears by waiting)',
      Object.assign(awsError('ConflictException', 409), { message: 'Could not delete because PermissionSet has ApplicationProfile associated with it.' }),
    ],
    ['ECONNREFUSED (wrong endpoint)', sysError('ECONNREFUSED')],
    ['ENOTFOUND', sysError('ENOTFOUND')],
    ['a plain bug', new Error('undefined is not a function')],
  ])('does not retry %s', (_, error) => {
    expect(isRetryable(error)).toBe(false);
  });
});

describe('withRetry', () => {
  it('retries throttling with growing jittered delays, through the injected sleep', async () => {
    const delays: number[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 4) throw awsError('ThrottlingException');
        return 'done';
      },
      { sleep: async (ms) => void delays.push(ms), random: () => 0.5, baseDelayMs: 100 },
    );
    expect(value).toBe('done');
    expect(calls).toBe(4);
    expect(delays).toEqual([50, 100, 200]);
  });

  it('does not retry a validation error', async () => {
    let calls = 0;
    const error = awsError('ValidationException');
    await expect(
      withRetry(
        async () => {
          calls++;
          throw error;
        },
        { sleep: async () => undefined },
      ),
    ).rejects.toBe(error);
    expect(calls).toBe(1);
  });

  it('gives up after the retries and reports the attempts', async () => {
    let calls = 0;
    let seen: [unknown, number] | undefined;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw awsError('ConflictException', 409);
        },
        { retries: 2, sleep: async () => undefined },
        (error, attempts) => {
          seen = [error, attempts];
          return new Error(`gave up after ${attempts}`);
        },
      ),
    ).rejects.toThrow('gave up after 3');
    expect(calls).toBe(3);
    expect((seen?.[0] as Error | undefined)?.name).toBe('ConflictException');
  });

  it('tries a request that timed out only twice, so that a hung endpoint ends within a minute', async () => {
    let calls = 0;
    const timeout = Object.assign(new Error('a request has exceeded the configured 20000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    await expect(
      withRetry(
        async () => {
          calls++;
          throw timeout;
        },
        { sleep: async () => undefined },
      ),
    ).rejects.toBe(timeout);
    expect(calls).toBe(2);
  });

  it('gives a persistent throttle exactly the documented budget of 7 attempts', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw awsError('ThrottlingException');
        },
        { sleep: async () => undefined },
      ),
    ).rejects.toThrow();
    expect(calls).toBe(7);
  });

  // Every kind, its classifier input, and the attempts it gets: the budget in one table.
  it.each<[AwsErrorKind, Error, number]>([
    ['throttling', awsError('ThrottlingException'), 7],
    ['transient', awsError('InternalServerException', 500), 7],
    ['conflict-transient', awsError('ConflictException', 409), 7],
    ['timeout', Object.assign(new Error('no connection'), { name: 'TimeoutError' }), 2],
    ['conflict-permanent', awsError('ConflictException', 409, { Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' }), 1],
    ['access-denied', awsError('AccessDeniedException', 403), 1],
    ['credentials', awsError('ExpiredTokenException', 400), 1],
    ['not-found', awsError('ResourceNotFoundException', 400), 1],
    ['validation', awsError('ValidationException', 400), 1],
    ['unreachable', sysError('ECONNREFUSED'), 1],
  ])('%s: classified so, and given %i attempt(s) in all, never more', async (kind, error, budget) => {
    expect(classifyAwsError(error)).toBe(kind);
    expect(attemptsFor(kind)).toBe(budget);
    let calls = 0;
    await withRetry(
      async () => {
        calls++;
        throw error;
      },
      { sleep: async () => undefined },
    ).catch(() => undefined);
    expect(calls).toBe(budget);
  });

  it('caps the backoff', () => {
    expect(backoffDelay(20, { random: () => 0.999999, baseDelayMs: 500, maxDelayMs: 20_000 })).toBe(19_999);
    expect(backoffDelay(0, { random: () => 0 })).toBe(0);
  });
});
