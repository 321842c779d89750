/**
 * Where a creation slot's time goes (bench:apply). A creation holds one of the 10 slots from its
 * CreateAccountAssignment call until a status poll sees SUCCEEDED; the in-flight floor counts only
 * the operation's own duration d. Per creation, from the gateway's side (wall ms, the same clock
 * as the emulator's on this machine) and the emulator's CreatedDate (read afterwards with
 * ListAccountAssignmentCreationStatus, outside the counted apply calls):
 *
 *   start   create call begun (rate-limiter wait included) → the emulator started the operation
 *   idle    the operation ended (CreatedDate + d) → the poll that saw SUCCEEDED returned
 *   gap     that poll returned → the next creation's call began (any slot; the hand-over)
 *
 * held − d = start + idle is what each creation costs above the floor.
 */
import { ListAccountAssignmentCreationStatusCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { AsyncStatus, IdentityCenterGateway } from '../../src/aws/gateway.js';
import { REGION } from './common.js';

interface Creation {
  calledAt: number;
  answeredAt: number;
  /** The last status poll's call. */
  polledAt?: number;
  observedAt?: number;
}

export interface SlotTiming {
  creations: number;
  startMsMean: number;
  idleMsMean: number;
  idleMsP50: number;
  idleMsP95: number;
  gapMsMean: number;
  /** The parts of idle: the create call's answer after the start; the poll's call after answer + d; the poll's call. */
  answerMsMean: number;
  pollLateMsMean: number;
  pollCallMsMean: number;
  /** Creations whose CreatedDate was not found (should be 0). */
  unmatched: number;
}

const wallNow = (): number => performance.timeOrigin + performance.now();

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/** Wraps the gateway: records when each creation was called and when its SUCCEEDED was seen. */
export function recordSlotTiming<G extends IdentityCenterGateway>(gateway: G): { gateway: G; creations: Map<string, Creation> } {
  const creations = new Map<string, Creation>();
  const wrapped: G = {
    ...gateway,
    async createAccountAssignment(instanceArn, target): Promise<AsyncStatus> {
      const calledAt = wallNow();
      const status = await gateway.createAccountAssignment(instanceArn, target);
      const answeredAt = wallNow();
      creations.set(status.requestId, { calledAt, answeredAt, ...(status.status === 'SUCCEEDED' ? { observedAt: answeredAt } : {}) });
      return status;
    },
    async describeAssignmentCreationStatus(instanceArn, requestId): Promise<AsyncStatus> {
      const polledAt = wallNow();
      const status = await gateway.describeAssignmentCreationStatus(instanceArn, requestId);
      const c = creations.get(requestId);
      if (c) c.polledAt = polledAt;
      if (c && status.status === 'SUCCEEDED') c.observedAt = wallNow();
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

export async function slotTiming(creations: Map<string, Creation>, endpoint: string, instanceArn: string, durationMs: number): Promise<SlotTiming> {
  const created = await createdDates(endpoint, instanceArn);
  const start: number[] = [];
  const idle: number[] = [];
  const answer: number[] = [];
  const pollLate: number[] = [];
  const pollCall: number[] = [];
  let unmatched = 0;
  for (const [id, c] of creations) {
    const at = created.get(id);
    if (at === undefined || c.observedAt === undefined) {
      unmatched++;
      continue;
    }
    start.push(at - c.calledAt);
    idle.push(c.observedAt - (at + durationMs));
    answer.push(c.answeredAt - at);
    if (c.polledAt !== undefined) {
      pollLate.push(c.polledAt - (c.answeredAt + durationMs));
      pollCall.push(c.observedAt - c.polledAt);
    }
  }
  // Hand-over: each observation is followed by the next call begun after it (calls and
  // observations merged in time order; the first `slots` calls follow no observation).
  const events = [...creations.values()].flatMap((c) => [
    { t: c.calledAt, call: true },
    ...(c.observedAt !== undefined ? [{ t: c.observedAt, call: false }] : []),
  ]);
  events.sort((a, b) => a.t - b.t);
  const freed: number[] = [];
  const gaps: number[] = [];
  for (const e of events) {
    if (!e.call) freed.push(e.t);
    else if (freed.length > 0) gaps.push(e.t - (freed.shift() as number));
  }
  const sortedIdle = [...idle].sort((a, b) => a - b);
  return {
    creations: creations.size,
    startMsMean: mean(start),
    idleMsMean: mean(idle),
    idleMsP50: quantile(sortedIdle, 0.5),
    idleMsP95: quantile(sortedIdle, 0.95),
    gapMsMean: mean(gaps),
    answerMsMean: mean(answer),
    pollLateMsMean: mean(pollLate),
    pollCallMsMean: mean(pollCall),
    unmatched,
  };
}
