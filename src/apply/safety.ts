/**
 * The safety checks run before apply: reasons to refuse the plan, each one line saying what and
 * how to proceed. Empty: safe. `safety.max_deletes` and `safety.protected` may be overridden with
 * --force; the self-lockout check is exported separately so a caller can refuse it even then.
 */
import type { Desired } from '../model/desired.js';
import type { Live } from '../model/live.js';
import type { Plan } from '../plan/types.js';
import { checkMaxDeletes } from './max-deletes.js';
import { checkProtected } from './protected-assignments.js';
import { checkSelfLockout } from './self-lockout.js';

export { checkMaxDeletes } from './max-deletes.js';
export { checkProtected } from './protected-assignments.js';
export { checkSelfLockout, parseSsoCaller, type SsoCaller } from './self-lockout.js';

export function checkSafety(plan: Plan, desired: Desired, live: Live): string[] {
  return [
    ...checkMaxDeletes(plan, desired.safety.maxDeletes, live),
    ...checkProtected(plan, desired, live),
    ...checkSelfLockout(plan, live),
  ];
}
