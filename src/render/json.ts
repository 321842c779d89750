/**
 * The plan as JSON for machines: the Plan object itself, keys sorted at every level, 2-space
 * indented, ending with a newline. `formatVersion` (PLAN_FORMAT_VERSION) changes only on incompatible changes.
 */
import { canonicalJson } from '../plan/canonical-json.js';
import type { Plan } from '../plan/types.js';

export function renderJson(plan: Plan): string {
  return `${canonicalJson(plan, 2)}\n`;
}
