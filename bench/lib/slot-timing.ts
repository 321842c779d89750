/**
 * Where a creation slot's time goes (bench:apply). AWS lets 10 CreateAccountAssignment operations
 * be in progress at once; the in-flight floor assumes each slot is busy all the time, every
 * operation taking d. From the emulator's CreatedDate of each operation (read afterwards with
 * ListAccountAssignmentCreationStatus, outside the counted apply calls) and the gateway's side
 * (wall ms, the same clock as the emulator's on this machine), per creation:
 *
 *   idle    server side: the previous operation in its slot ended → this one started. All
 *           operations last d, so they end in the order they started, and the k-th to start took
 *           the slot the (k−10)-th freed: idle = start(k) − start(k−10) − d. The floor has 0; the
 *           mean is what each creation costs above it (in flight: wall ≈ N·(d + idle)/10).
 *   handover  that end → our create call begun (negative: begun before the end, timed to it)
 *   start   our create call begun → the emulator started it (rate-limiter wait and the trip there)
 *   seen    the operation ended → the poll that saw SUCCEEDED answered (what holds the account)
 *
 * idle = handover + start.
 */
import { ListAccountAssignmentCreationStatusCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { AsyncStatus, IdentityCenterGateway } from '../../src/aws/gateway.js';
import { preciseNow } from '../../src/aws/service-clock.js';
import { REGION } from './common.js';

interface Creation {
  calledAt: number;
  observedAt?: number;
}

export interface SlotTiming {
  creations: number;
  idleMsMean: number;
  idleMsP50: number;
  idleMsP95: number;
  handoverMsMean: number;
  startMsMean: number;
  seenMsMean: number;
  /** Creations whose CreatedDate was not found (should be 0). */
  unmatched: number;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Wraps the gateway: records when each creation was called and when its SUCCEEDED was seen. */
export function recordSlotTiming<G extends IdentityCenterGateway>(gateway: G): { gateway: G; creations: Map<string, Creation> } {
  const creations = new Map<string, Creation>();
  const wrapped: G = {
    ...gateway,
    async createAccountAssignment(instanceArn, target): Promise<AsyncStatus> {
      const calledAt = preciseNow();
      const status = await gateway.createAccountAssignment(instanceArn, target);
      creations.set(status.requestId, { calledAt, ...(status.status === 'SUCCEEDED' ? { observedAt: preciseNow() } : {}) });
      return status;
    },
    async describeAssignmentCreationStatus(instanceArn, requestId): Promise<AsyncStatus> {
      const status = await gateway.describeAssignmentCreationStatus(instanceArn, requestId);
      const c = creations.get(requestId);
      if (c && status.status === 'SUCCEEDED') c.observedAt = preciseNow();
      return status;
    },
  };
  return { gateway: wrapped, creations };
}

/** The emulator's CreatedDate (ms) of every assignment creation, by request ID. */
async function createdDates(endpoint: string, instanceArn: string): Promise<Map<string, number>> {
  const client = new SSOAdminClient({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 10,
  });
  const out = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListAccountAssignmentCreationStatusCommand({ InstanceArn: instanceArn, MaxResults: 100, ...(token ? { NextToken: token } : {}) }),
    );
    for (const s of page.AccountAssignmentsCreationStatus ?? []) {
      if (s.RequestId && s.CreatedDate) out.set(s.RequestId, s.CreatedDate.getTime());
    }
    token = page.NextToken;
  } while (token);
  client.destroy();
  return out;
}

const SLOTS = 10;

export async function slotTiming(creations: Map<string, Creation>, endpoint: string, instanceArn: string, durationMs: number): Promise<SlotTiming> {
  const created = await createdDates(endpoint, instanceArn);
  const ops: { at: number; c: Creation }[] = [];
  let unmatched = 0;
  for (const [id, c] of creations) {
    const at = created.get(id);
    if (at === undefined) unmatched++;
    else ops.push({ at, c });
  }
  ops.sort((a, b) => a.at - b.at);
  const idle: number[] = [];
  const handover: number[] = [];
  const start: number[] = [];
  const seen: number[] = [];
  ops.forEach(({ at, c }, k) => {
    start.push(at - c.calledAt);
    if (c.observedAt !== undefined) seen.push(c.observedAt - (at + durationMs));
    const freedBy = ops[k - SLOTS];
    if (freedBy === undefined) return;
    const freedAt = freedBy.at + durationMs;
    idle.push(at - freedAt);
    handover.push(c.calledAt - freedAt);
  });
  const sortedIdle = [...idle].sort((a, b) => a - b);
  return {
    creations: creations.size,
    idleMsMean: mean(idle),
    idleMsP50: quantile(sortedIdle, 0.5),
    idleMsP95: quantile(sortedIdle, 0.95),
    handoverMsMean: mean(handover),
    startMsMean: mean(start),
    seenMsMean: mean(seen),
    unmatched,
  };
}
