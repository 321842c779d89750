/** An error answered to the client as `{ "__type": code, "Message": … }` with an HTTP status. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = statusFor(code),
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * HTTP status per error code. AWS JSON services answer most client errors with 400
 * (ThrottlingException included: the SDK retries it by its code), conflicts with 409,
 * access denied with 403 (as the service models declare), server errors with 500.
 */
const STATUS: Record<string, number> = {
  ValidationException: 400,
  ResourceNotFoundException: 400,
  ThrottlingException: 400,
  ServiceQuotaExceededException: 400,
  UnknownOperationException: 400,
  SerializationException: 400,
  ConflictException: 409,
  AccessDeniedException: 403,
  InternalServerException: 500,
  // Organizations
  InvalidInputException: 400,
  TooManyRequestsException: 400,
  ParentNotFoundException: 400,
  ChildNotFoundException: 400,
  TargetNotFoundException: 400,
  AWSOrganizationsNotInUseException: 400,
  ServiceException: 500,
};

export function statusFor(code: string): number {
  return STATUS[code] ?? 400;
}

/**
 * The identity store answers its errors with the status of each error's `httpError` trait in
 * its service model (identitystore 2020-06-15, as shipped in @aws-sdk/client-identitystore and
 * botocore; the errors are listed per operation in
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_Operations.html):
 * not 400 for every client error.
 */
const IDENTITY_STORE_STATUS: Record<string, number> = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
};

/** The HTTP status `service` answers `err` with. */
export function statusIn(service: string, err: AwsError): number {
  return (service === 'identitystore' ? IDENTITY_STORE_STATUS[err.code] : undefined) ?? err.status;
}

export const validation = (message: string): AwsError => new AwsError('ValidationException', message);
export const notFound = (message: string, extra: Record<string, unknown> = {}): AwsError => new AwsError('ResourceNotFoundException', message, 400, extra);
export const conflict = (message: string): AwsError => new AwsError('ConflictException', message);
export const accessDenied = (message: string): AwsError => new AwsError('AccessDeniedException', message);
export const quotaExceeded = (message: string): AwsError => new AwsError('ServiceQuotaExceededException', message);

export const CONFLICT_IN_PROGRESS = 'There is a conflicting operation in process. Please try again later.';
export const TOO_MANY_REQUESTS = 'There are too many requests processing. Please try again later.';
