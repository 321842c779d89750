/**
 * Call counting: a gateway that can say how many HTTP requests it made per operation (the SDK
 * gateway, the test fake). `readLive` reports the difference over its read as `Live.readCalls`;
 * for a gateway that cannot count, it counts method calls instead (one per call, pages unseen).
 */
import type { IdentityCenterGateway } from './gateway.js';
import { actionOf, isGatewayMethod } from './operations.js';
import { compareStrings } from '../model/compare.js';

export interface CallCounting {
  /** Requests made so far, per operation (IAM action name, e.g. `sso:ListAccountAssignments`). */
  callCounts(): Record<string, number>;
}

export function canCountCalls(gateway: object): gateway is CallCounting {
  return typeof (gateway as Partial<CallCounting>).callCounts === 'function';
}

/** `after − before`, without zero entries, keys sorted. */
export function diffCounts(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: [string, number][] = [];
  for (const [op, n] of Object.entries(after)) {
    const d = n - (before[op] ?? 0);
    if (d > 0) out.push([op, d]);
  }
  return Object.fromEntries(out.sort(([a], [b]) => compareStrings(a, b)));
}

export function totalCalls(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/**
 * Wraps a gateway so that each method call counts once under its operation's IAM action
 * (operations.ts), failed calls included. Used where the gateway cannot count itself (read) and
 * for the calls apply makes (its report), whatever the gateway counts on its own.
 */
export function countingGateway(gateway: IdentityCenterGateway): IdentityCenterGateway & CallCounting {
  const counts: Record<string, number> = {};
  const callCounts = (): Record<string, number> => diffCounts({}, counts);
  return new Proxy(gateway, {
    get(target, property, receiver) {
      if (property === 'callCounts') return callCounts;
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || !isGatewayMethod(property)) return value;
      const action = actionOf(property);
      return (...args: unknown[]) => {
        counts[action] = (counts[action] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  }) as IdentityCenterGateway & CallCounting;
}
