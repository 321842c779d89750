/** What every step of apply shares: the gateway, IDs, policies, and the outcome so far. */
import type { AsyncStatus, IdentityCenterGateway } from '../aws/gateway.js';
import type { Live } from '../model/live.js';
import type { Clock } from '../clock.js';
import { waitForAsync, type DurationEstimate, type PollPolicy } from './async-operation.js';
import type { KeyedMutex } from './keyed-mutex.js';
import type { IdRegistry } from './id-registry.js';
import type { ApplyFailure } from './types.js';

export interface ApplyContext {
  gateway: IdentityCenterGateway;
  live: Live;
  instanceArn: string;
  identityStoreId: string;
  accountNames: Record<string, string>;
  ids: IdRegistry;
  poll: PollPolicy;
  /** Learned durations of assignment creations and deletions (when to poll first). */
  durations: { create: DurationEstimate; delete: DurationEstimate };
  /** One holder per target account at a time. */
  accounts: KeyedMutex;
  concurrency: number;
  maxAssignmentCreatesInFlight: number;
  /** The wall clock (`IDC_NOW` or the system's): a session revocation lasts from now on. */
  clock: Clock;
  outcome: Outcome;
}

/** Successes, failures, skips, and the dependency keys of failed changes. */
export interface Outcome {
  succeeded: number;
  skipped: number;
  failed: ApplyFailure[];
  /** Keys (see dependencies.ts) of changes that failed or were skipped. */
  broken: Set<string>;
  /** Set at the first failure that every later change would meet too (access denied, no valid
   * credentials, the run's deadline): no further change starts. */
  stopped?: { reason: string; notAttempted: number };
}

/** Thrown instead of calling AWS once apply has stopped (see Outcome.stopped). */
export class ApplyStoppedError extends Error {
  constructor() {
    super('apply stopped before this call');
  }
}

/**
 * Calls the gateway, unless apply has stopped. No retry here: the gateway is the one layer that
 * retries (src/aws/retry.ts); what it finally throws is final.
 */
export function call<T>(ctx: ApplyContext, operation: () => Promise<T>): Promise<T> {
  if (ctx.outcome.stopped) return Promise.reject(new ApplyStoppedError());
  return operation();
}

/**
 * Starts an asynchronous operation and waits for it to end (first poll after `estimate`, when
 * given; `onExpectedEnd` as that poll is sent, see waitForAsync).
 */
export async function callAndWait(
  ctx: ApplyContext,
  operation: string,
  start: () => Promise<AsyncStatus>,
  describe: (requestId: string) => Promise<AsyncStatus>,
  estimate?: DurationEstimate,
  onExpectedEnd?: () => void,
): Promise<void> {
  const started = await call(ctx, start);
  await waitForAsync(operation, started, (id) => call(ctx, () => describe(id)), ctx.poll, estimate, onExpectedEnd);
}

/** An error that says what was being done when AWS answered with `cause`. */
export class StepError extends Error {
  override name = 'StepError';
  constructor(
    readonly doing: string,
    override readonly cause: unknown,
  ) {
    super(doing);
  }
}
