/** Recognising and describing the errors AWS (through the gateway) throws. */

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Reason?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function fields(error: unknown): ErrorLike {
  return typeof error === 'object' && error !== null ? (error as ErrorLike) : {};
}

function errorName(error: unknown): string {
  const e = fields(error);
  if (typeof e.name === 'string' && e.name !== 'Error') return e.name;
  if (typeof e.code === 'string') return e.code;
  return typeof e.name === 'string' ? e.name : '';
}

const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
]);

export function isThrottling(error: unknown): boolean {
  const e = fields(error);
  if (THROTTLING_NAMES.has(errorName(error))) return true;
  if (e.$metadata?.httpStatusCode === 429) return true;
  return typeof e.message === 'string' && /rate exceeded|throttl/i.test(e.message);
}

/**
 * A conflict that goes away by itself: another write on the same permission set or account has
 * not settled yet. The identity store's uniqueness conflicts (a name already taken) never go away.
 */
export function isTransientConflict(error: unknown): boolean {
  if (errorName(error) !== 'ConflictException') return false;
  return fields(error).Reason !== 'UNIQUENESS_CONSTRAINT_VIOLATION';
}

export function isRetryable(error: unknown): boolean {
  return isThrottling(error) || isTransientConflict(error);
}

/** `ConflictException: conflicting operation in process` (the name is left out when it adds nothing). */
export function describeError(error: unknown): string {
  const e = fields(error);
  const message = typeof e.message === 'string' && e.message !== '' ? e.message.replace(/\s*\n\s*/g, ' ') : String(error);
  const name = errorName(error);
  if (name === '' || name === 'Error' || message.startsWith(name)) return message;
  return `${name}: ${message}`;
}
