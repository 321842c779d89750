/**
 * Executes a plan against Identity Center: phase by phase in the order of phases.ts, as fast as
 * the limits allow, every asynchronous operation awaited, every failure collected. A failure
 * never stops independent changes; the changes that depend on it are skipped. The exception: a
 * failure every later change would meet too (access denied, no valid credentials, the run's
 * deadline) stops the apply, with one message. Running apply again after any failure finishes
 * the job (the next plan holds what is left).
 */
import type { IdentityCenterGateway } from '../aws/gateway.js';
import type { Live } from '../model/live.js';
import { systemClock, type Clock } from '../clock.js';
import { accountNamesOf } from '../model/organization.js';
import type { Change, Plan } from '../plan/types.js';
import type { Progress } from '../progress/progress.js';
import type { ApplyContext } from './apply-context.js';
import { liveAssignmentIndex } from './assignment-steps.js';
import { DurationEstimate } from './async-operation.js';
import { KeyedMutex } from './keyed-mutex.js';
import { countingGateway } from '../aws/call-counts.js';
import { realSleep } from '../aws/rate-limiter.js';
import { preciseNow } from '../aws/service-clock.js';
import { IdRegistry } from './id-registry.js';
import { phaseDefinitions } from './phases.js';
import { runPhase } from './run-phase.js';
import type { ApplyReport } from './types.js';

export interface ApplyOptions {
  progress: Progress;
  /** Injectable: tests take no time. */
  sleep?: (ms: number) => Promise<void>;
  /** First poll delay of an asynchronous operation (default 1 s); ×1.5 per poll up to 10× this. */
  pollIntervalMs?: number;
  /** Per asynchronous operation (default 15 min); a clear error on timeout. */
  asyncTimeoutMs?: number;
  /** Assignment creations in progress at once (default 10, the AWS limit; counted as AWS counts
   * them, so a creation expected to be over hands its place on as its poll is sent: scheduling.ts). */
  maxAssignmentCreatesInFlight?: number;
  /** Changes in progress at once in a phase (default 10). */
  concurrency?: number;
  now?: () => number;
  /** The wall clock a session revocation's end is counted from (default: the system clock). */
  clock?: Clock;
}

export const DEFAULT_POLL_INTERVAL_MS = 1_000;
export const POLL_CAP_FACTOR = 10;
export const DEFAULT_ASYNC_TIMEOUT_MS = 15 * 60_000;
export const AWS_MAX_ASSIGNMENT_CREATES_IN_FLIGHT = 10;
export const DEFAULT_CONCURRENCY = 10;

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`apply option ${name} must be a positive integer, got ${value}`);
  return value;
}

export async function applyPlan(plan: Plan, live: Live, gateway: IdentityCenterGateway, options: ApplyOptions): Promise<ApplyReport> {
  // The gateway's clock (a fraction of a ms matters: polls are timed from AWS's start, service-clock.ts).
  const now = options.now ?? preciseNow;
  const sleep = options.sleep ?? realSleep;
  const startedAt = now();
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  if (!(pollIntervalMs > 0)) throw new Error(`apply option pollIntervalMs must be positive, got ${pollIntervalMs}`);
  const counted = countingGateway(gateway);

  const ctx: ApplyContext = {
    gateway: counted,
    live,
    instanceArn: plan.instanceArn || live.instance.instanceArn,
    identityStoreId: live.instance.identityStoreId,
    accountNames: accountNamesOf(live.organization, plan.accountNames),
    ids: new IdRegistry(live),
    poll: {
      intervalMs: pollIntervalMs,
      maxIntervalMs: pollIntervalMs * POLL_CAP_FACTOR,
      timeoutMs: options.asyncTimeoutMs ?? DEFAULT_ASYNC_TIMEOUT_MS,
      sleep,
      now,
    },
    durations: {
      create: new DurationEstimate(pollIntervalMs, pollIntervalMs * POLL_CAP_FACTOR),
      delete: new DurationEstimate(pollIntervalMs, pollIntervalMs * POLL_CAP_FACTOR),
    },
    accounts: new KeyedMutex(),
    concurrency: positiveInteger(options.concurrency, DEFAULT_CONCURRENCY, 'concurrency'),
    clock: options.clock ?? systemClock,
    maxAssignmentCreatesInFlight: positiveInteger(options.maxAssignmentCreatesInFlight, AWS_MAX_ASSIGNMENT_CREATES_IN_FLIGHT, 'maxAssignmentCreatesInFlight'),
    outcome: { succeeded: 0, skipped: 0, failed: [], broken: new Set() },
  };

  for (const phase of phaseDefinitions(liveAssignmentIndex(live.assignments))) {
    await runPhase(ctx, phase, plan.changes, options.progress);
  }

  // Failures in plan order, whatever order they happened in.
  const position = new Map<Change, number>(plan.changes.map((c, i) => [c, i]));
  const failed = [...ctx.outcome.failed].sort((a, b) => (position.get(a.change) ?? 0) - (position.get(b.change) ?? 0));
  return {
    succeeded: ctx.outcome.succeeded,
    failed,
    skipped: ctx.outcome.skipped,
    calls: counted.callCounts(),
    durationMs: now() - startedAt,
    ...(ctx.outcome.stopped ? { stopped: { ...ctx.outcome.stopped } } : {}),
  };
}
