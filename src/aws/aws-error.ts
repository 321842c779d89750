/**
 * Errors from AWS calls, wrapped so that the message says what was being done, on what, and what
 * to do about it. Messages never contain credentials or request bodies: only operation names,
 * resource names/IDs and AWS's own error text.
 */

export interface CallDescription {
  /** IAM action of the call, e.g. `sso:ListAccountAssignments` (also its counting key). */
  action: string;
  /** What was being done, as a sentence fragment: `list account assignments`. */
  doing: string;
  /** On what: `permission set ReadOnly on account 111122223333`. */
  target?: string;
}

/** Thrown by every gateway method when AWS (or the network) finally says no. */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  readonly action: string;
  readonly code: string;
  readonly attempts: number;
  /** HTTP status when AWS answered. */
  readonly httpStatus: number | undefined;

  constructor(call: CallDescription, cause: unknown, attempts: number) {
    const code = errorCode(cause);
    const text = errorText(cause);
    const on = call.target ? ` ${call.target}` : '';
    const hint = hintFor(call, cause, code, attempts);
    super(`Could not ${call.doing}${on}: ${code}${text ? `: ${text}` : ''}${hint ? ` — ${hint}` : ''}`, { cause });
    this.action = call.action;
    this.code = code;
    this.attempts = attempts;
    this.httpStatus = httpStatusOf(cause);
  }
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown; attempts?: unknown };
  $fault?: unknown;
  Reason?: unknown;
}

function asErrorLike(e: unknown): ErrorLike {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : {};
}

/** AWS error code (`ThrottlingException`), else Node's (`ECONNRESET`), else the error's name. */
export function errorCode(e: unknown): string {
  const x = asErrorLike(e);
  for (const v of [x.Code, x.name !== 'Error' ? x.name : undefined, x.code, x.name]) {
    if (typeof v === 'string' && v !== '') return v;
  }
  return 'Error';
}

/** Node's system error code (`ECONNRESET`), when there is one. */
export function systemCode(e: unknown): string | undefined {
  const code = asErrorLike(e).code;
  return typeof code === 'string' ? code : undefined;
}

export function errorText(e: unknown): string {
  const m = asErrorLike(e).message;
  const text = typeof m === 'string' ? m : typeof e === 'string' ? e : '';
  return text === 'UnknownError' ? '' : text;
}

export function httpStatusOf(e: unknown): number | undefined {
  const s = asErrorLike(e).$metadata?.httpStatusCode;
  return typeof s === 'number' ? s : undefined;
}

/** How many HTTP attempts the SDK made (its own retries included); 1 when unknown. */
export function sdkAttemptsOf(value: unknown): number {
  const a = asErrorLike(value).$metadata?.attempts;
  return typeof a === 'number' && a >= 1 ? a : 1;
}

export function reasonOf(e: unknown): string | undefined {
  const r = asErrorLike(e).Reason;
  return typeof r === 'string' ? r : undefined;
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
]);

function hintFor(call: CallDescription, cause: unknown, code: string, attempts: number): string {
  if (code.startsWith('AccessDenied') || code === 'AWSOrganizationsNotInUseException') {
    if (code === 'AWSOrganizationsNotInUseException') {
      return 'the account is not in an AWS Organization; Identity Center needs an organization instance';
    }
    return `the credentials need ${call.action}`;
  }
  if (CREDENTIAL_ERRORS.has(code)) {
    return 'no valid AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or use OIDC (aws-actions/configure-aws-credentials) in GitHub Actions';
  }
  if (code.startsWith('ResourceNotFound')) return 'it does not exist (any more); check the instance and the identity store ID';
  if (isThrottleCode(code)) {
    return `AWS kept throttling after ${attempts} attempts; lower the rate limit or try again later`;
  }
  if (code === 'ConflictException') {
    // A value already taken (identity store uniqueness, "already exists") never settles: waiting
    // and retrying cannot help, so do not say so.
    if (reasonOf(cause) === 'UNIQUENESS_CONSTRAINT_VIOLATION' || /already exists|already (used|a member)|duplicate/i.test(errorText(cause))) {
      return 'the value is already taken by another resource: make it unique in access.yaml, or run apply again once the plan has freed it (deletions run last)';
    }
    return `another operation on the same resource did not settle after ${attempts} attempts; try again later`;
  }
  const sys = systemCode(cause);
  if (sys === 'ECONNREFUSED' || sys === 'ENOTFOUND') {
    return 'could not reach the AWS endpoint: check the region, the network, and AWS_ENDPOINT_URL if set';
  }
  const status = httpStatusOf(cause);
  if (status !== undefined && status >= 500) return `AWS failed after ${attempts} attempts; try again later`;
  return '';
}

const THROTTLE_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

export function isThrottleCode(code: string): boolean {
  return THROTTLE_CODES.has(code);
}
