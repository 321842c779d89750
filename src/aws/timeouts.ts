/**
 * How long an AWS call and the whole run may take, and the environment variables that change it.
 * Each request: a connect timeout and a response timeout (the SDK's NodeHttpHandler
 * `connectionTimeout`, and `requestTimeout` with `throwOnRequestTimeout`: without it the handler
 * only logs a warning, see @smithy/node-http-handler's set-request-timeout). A request that times
 * out is tried once more (retry.ts), so a hung endpoint ends the run in about
 * 2 × (response timeout) — 30 s with the defaults. The run's deadline stops any new request after
 * it (apply reports what it did so far).
 */
import { plainText } from '../render/escape.js';

export interface Timeouts {
  connectMs: number;
  responseMs: number;
  /** From the gateway's creation; no request starts after it. */
  deadlineMs: number;
}

export const TIMEOUT_ENV = {
  connect: 'IDC_AWS_CONNECT_TIMEOUT_SECONDS',
  response: 'IDC_AWS_RESPONSE_TIMEOUT_SECONDS',
  deadline: 'IDC_DEADLINE_MINUTES',
} as const;

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 5_000,
  responseMs: 15_000,
  deadlineMs: 60 * 60_000,
};

function positive(env: NodeJS.ProcessEnv, name: string, unitMs: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${plainText(raw.slice(0, 40))}": fix or unset it`);
  }
  return Math.round(value * unitMs);
}

/** The timeouts, from IDC_AWS_CONNECT_TIMEOUT_SECONDS, IDC_AWS_RESPONSE_TIMEOUT_SECONDS and IDC_DEADLINE_MINUTES when set. */
export function timeoutsFromEnv(env: NodeJS.ProcessEnv): Timeouts {
  return {
    connectMs: positive(env, TIMEOUT_ENV.connect, 1000, DEFAULT_TIMEOUTS.connectMs),
    responseMs: positive(env, TIMEOUT_ENV.response, 1000, DEFAULT_TIMEOUTS.responseMs),
    deadlineMs: positive(env, TIMEOUT_ENV.deadline, 60_000, DEFAULT_TIMEOUTS.deadlineMs),
  };
}

/** `20 s`, `0.2 s`, `60 min`. */
export function formatSeconds(ms: number): string {
  if (ms >= 120_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Number((ms / 1000).toFixed(3))} s`;
}
