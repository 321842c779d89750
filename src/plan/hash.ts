/** The plan hash ("apply exactly what was reviewed"), and the content hash it is made with. */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { Change, Plan } from './types.js';

/**
 * sha256 (hex) of the canonical JSON (sorted keys) of `{ formatVersion, instanceArn, changes }`,
 * with each change's file position and rule references left out: the hash is of what the plan
 * does in AWS, so an unrelated edit that only moves lines of access.yaml does not invalidate a
 * reviewed plan.
 */
export function planHash(plan: Omit<Plan, 'hash'>): string {
  const changes = plan.changes.map(changeEffect);
  // A scoped plan hashes what it covers too: a scoped apply matches only the same scope.
  const scope = plan.scope?.kind === 'scoped' ? { scope: plan.scope } : {};
  return contentHash({ formatVersion: plan.formatVersion, instanceArn: plan.instanceArn, changes, ...scope });
}

/**
 * sha256 (hex) of the canonical JSON (sorted keys, `undefined` members left out) of `subject`:
 * the one hash of idc's documents (plans, access reports), so equal content hashes equally.
 */
export function contentHash(subject: unknown): string {
  return createHash('sha256').update(canonicalJson(subject), 'utf8').digest('hex');
}

/** True when the plan changes nothing in AWS (warnings alone do not count). */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.changes.length === 0;
}

/**
 * What a change does in AWS: the change without its file position and rule references, and
 * without the end a new session revocation would have if applied at the plan's time (apply writes
 * its own time plus the session duration, which is hashed).
 */
export function changeEffect(change: Change): Record<string, unknown> {
  const effect: Record<string, unknown> = { ...change };
  delete effect['pos'];
  delete effect['rules'];
  if (change.kind === 'session-revocation' && change.action === 'create') delete effect['until'];
  return effect;
}
