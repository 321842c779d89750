import type { ClockOptions } from './clock.js';
import type { PolicyDocument } from './iam-policy.js';
import type { IamConfig } from './iam-roles.js';
import type { World } from './world-types.js';
import type { EmulatorState } from './state.js';

export interface Faults {
  /** Probability (0..1) that a call answers ThrottlingException (TooManyRequestsException for Organizations). */
  throttleRate?: number;
  /** Probability that a call answers InternalServerException (HTTP 500). */
  serverErrorRate?: number;
  /** Probability that a write to sso-admin / identitystore answers ConflictException. */
  conflictRate?: number;
  /** Probability that an asynchronous operation ends FAILED. */
  failedStatusRate?: number;
  /** Credentials allowed to read only: every write answers AccessDeniedException, worded as IAM does. */
  readOnly?: boolean;
}

export interface Caller {
  accountId: string;
  arn: string;
  /** What the caller may do (a role session under the `iam` option); undefined: everything. */
  policies?: readonly PolicyDocument[];
}

export interface EmulatorOptions {
  world?: World;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Emulated latency added to every call, in emulated ms (divided by timeScale). */
  latencyMs?: number;
  /** Divides every emulated wait (latency, async durations) and multiplies the bucket refill. */
  timeScale?: number;
  /** Shared Identity Center token bucket, requests per emulated second. Default 20; 0 or Infinity disables. */
  rateLimit?: number;
  faults?: Faults;
  /** Describe…Status polls answered IN_PROGRESS before the result. Default 1. */
  asyncPolls?: number;
  /** Emulated ms after which an operation completes even without polls. Default 1000. */
  asyncMs?: number;
  /** Seed for the deterministic generators (IDs, faults, empty pages). Default 1. */
  seed?: number;
  /** Who calls: defaults to an admin role in the management account. */
  caller?: Caller;
  /** Probability that an Organizations list call answers an empty page with a NextToken. Default 0.1. */
  orgEmptyPageRate?: number;
  /** Re-serialise inline policies (minified) the way AWS returns them re-formatted. Default true. */
  reformatPolicies?: boolean;
  /**
   * Roles and their trust and permission policies: AssumeRoleWithWebIdentity is checked and its
   * sessions may only do what the role allows. Default: none checked (any token assumes any role,
   * and its sessions may do everything).
   */
  iam?: IamConfig;
  /** The emulated clock: its start and speed (see clock.ts). Default: the wall clock. */
  clock?: ClockOptions;
}

export interface ResolvedConfig {
  latencyMs: number;
  timeScale: number;
  rateLimit: number;
  faults: Required<Faults>;
  asyncPolls: number;
  asyncMs: number;
  seed: number;
  orgEmptyPageRate: number;
  reformatPolicies: boolean;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  port: number;
  /** Live state, for inspection in tests (do not mutate). */
  state: EmulatorState;
  /** Requests received per `service:Operation` (throttled and failed ones included). */
  calls(): Record<string, number>;
  /** Error answers per `__type`. */
  errors(): Record<string, number>;
  /** Requests per region of their SigV4 signature (the region the client was configured with). */
  regions(): Record<string, number>;
  resetCalls(): void;
  /** The current state as a world (settles due asynchronous operations first). */
  dump(): World;
  setFaults(faults: Faults): void;
  setCaller(caller: Caller): void;
  /** The emulated time now. */
  now(): Date;
  /** Moves the emulated clock forward by `ms`; returns the new time. */
  advanceClock(ms: number): Date;
  close(): Promise<void>;
}
