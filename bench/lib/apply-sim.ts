/**
 * bench:apply's second measure: the same plan applied by the real `applyPlan` (its scheduling,
 * polling and the product's rate limiter) against a simulated Identity Center on a virtual clock.
 * Nothing waits for real and no CPU time counts, so the ratio to the floor measures our
 * scheduling alone, the same on an idle machine and on a loaded one; the wall-clock run next to
 * it measures the machine too (on 2 shared cores the SDK's own CPU time per call is most of it).
 *
 * The simulated service keeps AWS's limits as the emulator does (emulator/throttle.ts,
 * emulator/services/sso-assignments.ts): a 20 requests/s bucket holding one second's worth, at
 * most 10 assignment creations outstanding (LimitExceededException beyond), one assignment
 * operation per account at a time (ConflictException), operations that end `asyncMs` after the
 * request reached the service, and `latencyMs` each way between client and service. Starts answer
 * with their CreatedDate, read by the real gateway's ServiceClock (the same clock here). Any such
 * error is counted and fails the change (the real gateway would retry it): a correct schedule
 * has none.
 */
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { AsyncStatus, IdentityCenterGateway } from '../../src/aws/gateway.js';
import type { Live } from '../../src/model/live.js';
import type { Plan } from '../../src/plan/types.js';
import { silentProgress } from '../../src/progress/progress.js';
import { createRateLimiter, DEFAULT_BURST } from '../../src/aws/rate-limiter.js';
import { ServiceClock } from '../../src/aws/service-clock.js';
import { virtualClock } from '../../test/aws/virtual-clock.js';

export interface SimOptions {
  /** Requests per second (the service's bucket and our limiter). */
  rate: number;
  asyncMs: number;
  /** One way, client to service or back. */
  latencyMs: number;
  maxCreationsOutstanding: number;
}

export interface SimService {
  gateway: IdentityCenterGateway;
  now(): number;
  sleep(ms: number): Promise<void>;
  run<T>(work: Promise<T>): Promise<T>;
  calls: Record<string, number>;
  errors: Record<string, number>;
}

interface Op {
  dueAt: number;
  accountId?: string;
  kind: 'create' | 'provision';
}

/** A start's answer on the service side: the status and its CreatedDate. */
interface Started extends AsyncStatus {
  createdAt: number;
}
const isStart = (answer: unknown): answer is Started => typeof answer === 'object' && answer !== null && 'createdAt' in answer;

class SimError extends Error {
  constructor(readonly code: string) {
    super(`simulated ${code}`);
  }
}

export function simulatedService(options: SimOptions): SimService {
  const clock = virtualClock();
  const limiter = createRateLimiter({ ratePerSecond: options.rate, burst: DEFAULT_BURST, now: clock.now, sleep: clock.sleep });
  const calls: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const ops = new Map<string, Op>();
  const pending = new Set<Op>();
  let seq = 0;
  let tokens = options.rate;
  let refilledAt = 0;
  const serviceClock = new ServiceClock();

  const settle = (t: number): void => {
    for (const op of pending) if (t >= op.dueAt) pending.delete(op);
  };
  const takeToken = (t: number): boolean => {
    tokens = Math.min(options.rate, tokens + ((t - refilledAt) / 1000) * options.rate);
    refilledAt = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };

  /** One request: through our limiter, to the service and back. */
  async function request<T>(operation: string, serve: (t: number) => T): Promise<T> {
    return limiter.run(async () => {
      calls[operation] = (calls[operation] ?? 0) + 1;
      const sentAt = clock.now();
      await clock.sleep(options.latencyMs);
      const t = clock.now();
      settle(t);
      let answer: T;
      try {
        if (!takeToken(t)) throw new SimError('ThrottlingException');
        answer = serve(t);
      } catch (error) {
        const code = error instanceof SimError ? error.code : 'InternalError';
        errors[code] = (errors[code] ?? 0) + 1;
        await clock.sleep(options.latencyMs);
        throw error;
      }
      await clock.sleep(options.latencyMs);
      if (!isStart(answer)) return answer;
      const { createdAt, ...status } = answer;
      return { ...status, startedAgoMs: serviceClock.startedAgo(createdAt, sentAt, clock.now()) } as T;
    });
  }

  const start = (t: number, op: Omit<Op, 'dueAt'>): Started => {
    const requestId = `r${++seq}`;
    const full = { ...op, dueAt: t + options.asyncMs };
    ops.set(requestId, full);
    pending.add(full);
    return { requestId, status: 'IN_PROGRESS', createdAt: t };
  };
  const status = (requestId: string): AsyncStatus => {
    const op = ops.get(requestId);
    if (!op) throw new SimError('ResourceNotFoundException');
    return { requestId, status: pending.has(op) ? 'IN_PROGRESS' : 'SUCCEEDED' };
  };
  const notSimulated = (method: string) => () => Promise.reject(new Error(`the apply simulation does not model ${method}`));

  const gateway = new Proxy({} as IdentityCenterGateway, {
    get(_target, property) {
      switch (property) {
        case 'updatePermissionSet':
          return () => request('UpdatePermissionSet', () => undefined);
        case 'provisionPermissionSet':
          return () => request('ProvisionPermissionSet', (t) => start(t, { kind: 'provision' }));
        case 'describeProvisioningStatus':
          return (_i: string, id: string) => request('DescribePermissionSetProvisioningStatus', () => status(id));
        case 'createAccountAssignment':
          return (_i: string, target: { accountId: string }) =>
            request('CreateAccountAssignment', (t) => {
              const open = [...pending].filter((op) => op.kind === 'create');
              if (open.length >= options.maxCreationsOutstanding) throw new SimError('LimitExceededException');
              if (open.some((op) => op.accountId === target.accountId)) throw new SimError('ConflictException');
              return start(t, { kind: 'create', accountId: target.accountId });
            });
        case 'describeAssignmentCreationStatus':
          return (_i: string, id: string) => request('DescribeAccountAssignmentCreationStatus', () => status(id));
        default:
          return typeof property === 'string' ? notSimulated(property) : undefined;
      }
    },
  });

  return { gateway, now: clock.now, sleep: clock.sleep, run: (work) => clock.run(work), calls, errors };
}

export interface SimResult {
  /** Virtual ms from apply's start to its end. */
  durationMs: number;
  calls: number;
  errors: Record<string, number>;
  failed: number;
}

/** Applies `plan` against a simulated service at AWS speed (poll interval and limits as on AWS). */
export async function simulateApply(plan: Plan, live: Live, options: SimOptions): Promise<SimResult> {
  const sim = simulatedService(options);
  const report = await sim.run(applyPlan(plan, live, sim.gateway, { progress: silentProgress, now: sim.now, sleep: sim.sleep }));
  return {
    durationMs: report.durationMs,
    calls: Object.values(sim.calls).reduce((a, b) => a + b, 0),
    errors: sim.errors,
    failed: report.failed.length,
  };
}
