/**
 * Errors from AWS calls, wrapped so that the message says what was being done, on what, and what
 * to do about it. Messages never contain credentials or request bodies: only operation names,
 * resource names/IDs, the endpoint, and AWS's own error text.
 */
import { STATUS_CODES } from 'node:http';
import { plainText } from '../render/escape.js';
import { classifyAwsError, errorCode, errorText, foreignAnswer, httpStatusOf, reasonOf, type AwsErrorKind } from './error-kind.js';
import { formatSeconds, TIMEOUT_ENV, type Timeouts } from './timeouts.js';

export { errorCode, sdkAttemptsOf } from './error-kind.js';

export interface CallDescription {
  /** IAM action of the call, e.g. `sso:ListAccountAssignments` (also its counting key). */
  action: string;
  /** What was being done, as a sentence fragment: `list account assignments`. */
  doing: string;
  /** On what: `permission set ReadOnly on account 111122223333`. */
  target?: string;
}

/** Where and how the call was made, for the messages. */
export interface CallContext {
  /** `https://sso.eu-west-1.amazonaws.com`, when known. */
  endpoint?: string;
  timeouts?: Timeouts;
}

/** Thrown by every gateway method when AWS (or the network) finally says no. */
export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  readonly action: string;
  readonly code: string;
  readonly kind: AwsErrorKind;
  readonly attempts: number;
  /** HTTP status when something answered. */
  readonly httpStatus: number | undefined;
  readonly endpoint: string | undefined;
  /** What went wrong, without what was being done: `AccessDeniedException: User … is not authorized …`. */
  readonly reason: string;
  /** What to do about it (may be empty). */
  readonly hint: string;

  constructor(call: CallDescription, cause: unknown, attempts: number, context: CallContext = {}) {
    const kind = classifyAwsError(cause);
    const reason = reasonText(call, cause, kind, attempts, context);
    const hint = hintFor(call, cause, kind, attempts, context);
    const on = call.target ? ` ${call.target}` : '';
    super(`Could not ${call.doing}${on}: ${reason}${hint ? ` — ${hint}` : ''}`, { cause });
    this.action = call.action;
    this.code = errorCode(cause);
    this.kind = kind;
    this.attempts = attempts;
    this.httpStatus = httpStatusOf(cause);
    this.endpoint = context.endpoint;
    this.reason = reason;
    this.hint = hint;
  }

  /** The failure without what was being done (for apply, which names the change itself). */
  get detail(): string {
    return `${this.reason}${this.hint ? ` — ${this.hint}` : ''}`;
  }
}

/** An error of a kind decided by us (the run's deadline), classified like AWS's. */
export class RunLimitError extends Error {
  constructor(
    message: string,
    readonly kind: AwsErrorKind,
  ) {
    super(message);
  }
}

const JS_ERROR_NAMES = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'AbortError', 'AggregateError']);

function shown(text: string): string {
  return plainText(text.length > 300 ? `${text.slice(0, 300)}…` : text);
}

function reasonText(call: CallDescription, cause: unknown, kind: AwsErrorKind, attempts: number, context: CallContext): string {
  const where = context.endpoint ? ` from ${context.endpoint}` : '';
  const tries = attempts > 1 ? `, ${attempts} attempts` : '';
  if (kind === 'deadline') return errorText(cause);
  if (kind === 'timeout') {
    const limit = context.timeouts ? ` within ${formatSeconds(context.timeouts.responseMs)}` : '';
    const connecting = /establish a connection/i.test(errorText(cause));
    return connecting
      ? `no connection to ${context.endpoint ?? 'the endpoint'} within ${formatSeconds(context.timeouts?.connectMs ?? 0)} (${call.action}${tries})`
      : `no answer${where}${limit} (${call.action}${tries})`;
  }
  const foreign = foreignAnswer(cause);
  if (foreign) {
    const phrase = STATUS_CODES[foreign.status] ?? 'unknown status';
    const what = foreign.contentType ? `a ${foreign.contentType} page` : 'something';
    return `HTTP ${foreign.status} ${phrase}${where}: ${shown(what)} instead of an AWS answer (${call.action}${tries})`;
  }
  const code = errorCode(cause);
  if (code === 'ERR_INVALID_URL') return `the endpoint is not a valid URL (${call.action})`;
  const text = errorText(cause);
  const status = httpStatusOf(cause);
  const http = kind === 'transient' && status !== undefined ? ` (HTTP ${status}${tries})` : '';
  // A JavaScript error class (a bug, a library's TypeError) is no AWS error code: its text only.
  if (JS_ERROR_NAMES.has(code) && text !== '') return `${shown(text)}${http}`;
  return `${code}${text ? `: ${shown(text)}` : ''}${http}`;
}

function hintFor(call: CallDescription, cause: unknown, kind: AwsErrorKind, attempts: number, context: CallContext): string {
  const code = errorCode(cause);
  switch (kind) {
    case 'access-denied':
      if (code === 'AWSOrganizationsNotInUseException') {
        return 'the account is not in an AWS Organization; Identity Center needs an organization instance';
      }
      return `the credentials lack the IAM permission ${call.action}`;
    case 'credentials':
      return 'no valid AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or use OIDC (aws-actions/configure-aws-credentials) in GitHub Actions';
    case 'not-found':
      return 'it does not exist (any more); check the instance and the identity store ID';
    case 'throttling':
      return `AWS kept throttling after ${attempts} attempts; try again later, when fewer tools call Identity Center`;
    case 'conflict-permanent':
      if (/ApplicationProfile/i.test(errorText(cause))) {
        return 'an application in IAM Identity Center still uses this permission set: remove it from the application in the console, then run apply again';
      }
      return 'the value is already taken by another resource: make it unique in access.yaml, or run apply again once the plan has freed it (deletions run last)';
    case 'conflict-transient':
      return `another operation on the same resource did not settle after ${attempts} attempts; run apply again in a few minutes`;
    case 'timeout':
      return `the endpoint accepts connections but does not answer: check the network, any proxy (HTTPS_PROXY) and AWS_ENDPOINT_URL if set; to wait longer set ${TIMEOUT_ENV.response}`;
    case 'unreachable': {
      if (code === 'ERR_INVALID_URL') return 'check AWS_ENDPOINT_URL (a full URL such as https://sso.eu-west-1.amazonaws.com), or unset it';
      const where = context.endpoint ? ` ${context.endpoint}` : '';
      return `could not reach the AWS endpoint${where}: check the region, the network, and AWS_ENDPOINT_URL if set`;
    }
    case 'transient':
      if (foreignAnswer(cause))
        return 'something between here and AWS (a proxy, a load balancer, or AWS_ENDPOINT_URL) answered instead of AWS: try again later, or check HTTPS_PROXY and AWS_ENDPOINT_URL';
      return `AWS failed after ${attempts} attempts; try again later`;
    case 'deadline':
      return `the run stops starting AWS calls after its deadline: set ${TIMEOUT_ENV.deadline} to allow longer runs`;
    default:
      return reasonOf(cause) ? `reason ${reasonOf(cause)}` : '';
  }
}
