/** The plan hash: "apply exactly what was reviewed". */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Plan } from './types.js';

/** sha256 (hex) of the canonical JSON (sorted keys) of `{ formatVersion, instanceArn, changes }`. */
export function planHash(plan: Omit<Plan, 'hash'>): string {
  const subject = { formatVersion: plan.formatVersion, instanceArn: plan.instanceArn, changes: plan.changes };
  return createHash('sha256').update(canonicalJson(subject), 'utf8').digest('hex');
}

/** True when the plan changes nothing in AWS (warnings alone do not count). */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.changes.length === 0;
}
