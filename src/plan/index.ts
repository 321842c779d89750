/** The planner's public surface. */
export { buildPlan, type PlanOptions } from './build-plan.js';
export { expandRules, isRuleExpired } from './expand.js';
export { canonicalPolicy, prettyPolicy, samePolicy } from './policy.js';
export { isEmptyPlan, planHash } from './hash.js';
export { matchesGlob } from '../model/name-glob.js';
export * from './types.js';
