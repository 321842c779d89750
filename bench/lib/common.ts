/** What both benchmarks share: the gateway to the emulator, a peak-memory probe, counting helpers. */
import { createSdkGateway, type SdkGateway, type SdkGatewayOptions } from '../../src/aws/sdk-gateway.js';
import type { Change } from '../../src/plan/types.js';

/** Identity Center's account-wide limit, requests per (emulated) second. */
export const AWS_RATE = 20;
export const REGION = 'us-east-1';

export const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!(n > 0)) throw new Error(`${name} must be a positive number, got ${raw}`);
  return n;
};

/**
 * The SDK gateway, paced for the emulator's clock: the emulator refills its 20/s bucket
 * `timeScale` times faster in wall time, so the client-side limiter runs at 20 × timeScale per
 * wall second (at timeScale 1 it is the real-AWS default of 20).
 */
export function emulatorGateway(endpoint: string, timeScale: number, extra: Partial<SdkGatewayOptions> = {}): SdkGateway {
  return createSdkGateway({
    region: REGION,
    endpoint,
    credentials: async () => ({ accessKeyId: 'bench', secretAccessKey: 'bench' }),
    rateLimit: AWS_RATE * timeScale,
    ...extra,
  });
}

/** Peak resident memory of this process: sampled RSS and the kernel's maxRSS, the larger. */
export function rssProbe(everyMs = 25): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const kernelPeak = process.resourceUsage().maxRSS * 1024; // kilobytes
      return Math.max(peak, kernelPeak, process.memoryUsage.rss()) / (1024 * 1024);
    },
  };
}

export const total = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
export const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** `assignment create: 300, …` (kind and action of each change). */
export function changeCounts(changes: readonly Change[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of changes) out[`${c.kind} ${c.action}`] = (out[`${c.kind} ${c.action}`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The emulator's `service:Operation` as an IAM action (`sso-admin:` → `sso:`), as the client counts. */
export function iamActions(counts: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(counts)) {
    const action = k.replace(/^sso-admin:/, 'sso:');
    out[action] = (out[action] ?? 0) + v;
  }
  return out;
}

/** Prints one table row per operation: name, count, and optional comparison column. */
export function printCounts(title: string, counts: Record<string, number>, compare?: Record<string, number>): void {
  console.log(title);
  const keys = [...new Set([...Object.keys(counts), ...Object.keys(compare ?? {})])].sort();
  for (const k of keys) {
    const extra = compare ? `  (minimum ${compare[k] ?? 0})` : '';
    console.log(`  ${k.padEnd(58)} ${String(counts[k] ?? 0).padStart(7)}${extra}`);
  }
}
