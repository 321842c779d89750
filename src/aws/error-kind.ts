/**
 * The one place that says what kind of failure an AWS call met, from the error code AWS answered
 * (the `__type` the SDK turns into `error.name`), Node's system code, or the HTTP status of an
 * answer that was not AWS's. The retry layer (retry.ts), the messages (aws-error.ts) and apply
 * (stop at the first access denied) all decide by this kind, never by class or message.
 */

export type AwsErrorKind =
  /** Rate exceeded: retried with backoff. */
  | 'throttling'
  /** HTTP 5xx, a dropped connection, an answer that was not AWS's (an HTML 502 from a proxy): retried. */
  | 'transient'
  /** No connection or no answer within the timeout: tried once more, then given up. */
  | 'timeout'
  /** Another operation on the same resource has not settled yet: retried. */
  | 'conflict-transient'
  /** A conflict that waiting cannot clear (a name already taken, an application profile attached): not retried. */
  | 'conflict-permanent'
  | 'access-denied'
  /** No valid credentials (missing, expired, wrong signature). */
  | 'credentials'
  | 'not-found'
  | 'validation'
  /** The endpoint cannot be reached at all (refused, no such host) or is not a URL: a setting to fix. */
  | 'unreachable'
  /** The run's deadline passed: no new request starts. */
  | 'deadline'
  | 'other';

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  Reason?: unknown;
  $metadata?: { httpStatusCode?: unknown; attempts?: unknown };
  $fault?: unknown;
  $response?: { statusCode?: unknown; headers?: Record<string, unknown> };
}

function fields(e: unknown): ErrorLike {
  return typeof e === 'object' && e !== null ? (e as ErrorLike) : {};
}

/** AWS error code (`ThrottlingException`), else Node's (`ECONNRESET`), else the error's name. */
export function errorCode(e: unknown): string {
  const x = fields(e);
  for (const v of [x.Code, x.name !== 'Error' ? x.name : undefined, x.code, x.name]) {
    if (typeof v === 'string' && v !== '') return v;
  }
  return 'Error';
}

/** Node's system error code (`ECONNRESET`), when there is one. */
export function systemCode(e: unknown): string | undefined {
  const code = fields(e).code;
  return typeof code === 'string' ? code : undefined;
}

/** AWS's own message, on one line (the SDK appends paragraphs to some). */
export function errorText(e: unknown): string {
  const m = fields(e).message;
  const text = typeof m === 'string' ? m : typeof e === 'string' ? e : '';
  return text === 'UnknownError' ? '' : text.replace(/\s*\n\s*/g, ' ').trim();
}

export function httpStatusOf(e: unknown): number | undefined {
  const x = fields(e);
  const s = x.$metadata?.httpStatusCode ?? x.$response?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

/** How many HTTP attempts the SDK made (its own retries included); 1 when unknown. */
export function sdkAttemptsOf(value: unknown): number {
  const a = fields(value).$metadata?.attempts;
  return typeof a === 'number' && a >= 1 ? a : 1;
}

export function reasonOf(e: unknown): string | undefined {
  const r = fields(e).Reason;
  return typeof r === 'string' ? r : undefined;
}

/**
 * An answer that was not AWS's: the SDK could not read it as an AWS error (a proxy's or load
 * balancer's HTML page). The SDK throws the parser's error (`SyntaxError: Unexpected token '<'`)
 * with "Deserialization error" appended and the HTTP status in `$metadata`.
 */
export function foreignAnswer(e: unknown): { status: number; contentType: string } | undefined {
  const x = fields(e);
  const status = httpStatusOf(e);
  if (status === undefined) return undefined;
  const text = typeof x.message === 'string' ? x.message : '';
  if (x.name !== 'SyntaxError' && !/Deserialization error/i.test(text)) return undefined;
  const type = x.$response?.headers?.['content-type'];
  return { status, contentType: typeof type === 'string' ? (type.split(';')[0] ?? '').trim() : '' };
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

const CREDENTIAL_CODES = new Set([
  'CredentialsProviderError',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'TokenRefreshRequired',
]);

/** Connection failures worth another try (the connection was made, then lost). */
const TRANSIENT_SYSTEM_CODES = new Set(['ECONNRESET', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH']);
/** A wrong endpoint (AWS_ENDPOINT_URL, region): another try cannot help. */
const UNREACHABLE_SYSTEM_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
const VALIDATION_CODES =
  /^(ValidationException|InvalidInput.*|ConstraintViolation.*|ServiceQuotaExceeded.*|SerializationException|UnknownOperationException|InvalidParameter.*)$/;

/**
 * A conflict that waiting cannot clear:
 * - identity store: a unique attribute already taken (`Reason: UNIQUENESS_CONSTRAINT_VIOLATION`,
 *   https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_ConflictException.html);
 * - sso-admin: "PermissionSet with name X already exists";
 * - DeletePermissionSet while an application profile holds the set: "Could not delete because
 *   PermissionSet has ApplicationProfile associated with it." (seen in
 *   hashicorp/terraform-provider-aws#26757): it stays until the application lets go.
 */
function isPermanentConflict(error: unknown): boolean {
  if (reasonOf(error) === 'UNIQUENESS_CONSTRAINT_VIOLATION') return true;
  return /already exists|already (used|a member)|duplicate|ApplicationProfile associated/i.test(errorText(error));
}

export function classifyAwsError(error: unknown): AwsErrorKind {
  const explicit = (error as { kind?: unknown } | null)?.kind;
  if (typeof explicit === 'string' && KINDS.has(explicit as AwsErrorKind)) return explicit as AwsErrorKind;
  const code = errorCode(error);
  if (THROTTLE_CODES.has(code)) return 'throttling';
  if (code.startsWith('AccessDenied') || code === 'AWSOrganizationsNotInUseException') return 'access-denied';
  if (CREDENTIAL_CODES.has(code)) return 'credentials';
  if (code === 'ConflictException' || code === 'ConcurrentModificationException') {
    return isPermanentConflict(error) ? 'conflict-permanent' : 'conflict-transient';
  }
  if (code.startsWith('ResourceNotFound') || code.endsWith('NotFoundException')) return 'not-found';
  if (VALIDATION_CODES.test(code)) return 'validation';
  if (code === 'TimeoutError' || code === 'RequestTimeout' || code === 'RequestTimeoutException') return 'timeout';
  const sys = systemCode(error);
  if (sys === 'ETIMEDOUT') return 'timeout';
  if (sys !== undefined && UNREACHABLE_SYSTEM_CODES.has(sys)) return 'unreachable';
  if (sys !== undefined && TRANSIENT_SYSTEM_CODES.has(sys)) return 'transient';
  const status = httpStatusOf(error);
  if (status === 429) return 'throttling';
  if (status !== undefined && status >= 500) return 'transient';
  if (status === undefined && /socket hang up/i.test(errorText(error))) return 'transient';
  return 'other';
}

const KINDS = new Set<AwsErrorKind>([
  'throttling',
  'transient',
  'timeout',
  'conflict-transient',
  'conflict-permanent',
  'access-denied',
  'credentials',
  'not-found',
  'validation',
  'unreachable',
  'deadline',
  'other',
]);
