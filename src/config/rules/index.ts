/** Every semantic rule, run in this order after the schema and normalisation. */
import type { Diagnostic } from '../../model/source.js';
import { accountIdDigits } from './accounts.js';
import { allAccountsAlone, expiresDate, ruleCompleteness } from './assignments.js';
import type { Rule, RuleContext } from './context.js';
import { groupMembers, reservedUserNames, uniqueEmails, userRequiredFields } from './identities.js';
import { inlinePolicyShape, inlinePolicySize, reservedRevocationSid } from './inline-policy.js';
import { externalIdentitySource } from './ownership.js';
import { attachedPolicyCount, duplicateManagedPolicies, knownManagedPolicies, sessionDurationRange } from './permission-sets.js';
import { undefinedReferences } from './references.js';

export const RULES: readonly Rule[] = [
  externalIdentitySource,
  userRequiredFields,
  reservedUserNames,
  uniqueEmails,
  groupMembers,
  sessionDurationRange,
  attachedPolicyCount,
  duplicateManagedPolicies,
  knownManagedPolicies,
  inlinePolicyShape,
  inlinePolicySize,
  reservedRevocationSid,
  undefinedReferences,
  ruleCompleteness,
  allAccountsAlone,
  expiresDate,
  accountIdDigits,
];

export function runRules(ctx: RuleContext): Diagnostic[] {
  return RULES.flatMap((rule) => rule.check(ctx));
}

export type { Rule, RuleContext } from './context.js';
