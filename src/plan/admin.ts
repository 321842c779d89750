/** What makes a permission set "administrator-level" for the `admin-grant` warning. */
import type { PermissionSet } from '../model/permission-set.js';
import { adminActions } from './policy.js';

/**
 * AWS managed policies that give full control of an account: `AdministratorAccess`, and
 * `IAMFullAccess` (whoever controls IAM can grant themselves anything). `PowerUserAccess` is
 * deliberately not on the list: it cannot manage IAM users, roles or policies.
 */
export const ADMIN_MANAGED_POLICIES = ['AdministratorAccess', 'IAMFullAccess'] as const;

function policyName(arn: string): string {
  const i = arn.lastIndexOf('/');
  return i === -1 ? arn : arn.slice(i + 1);
}

/** Why a permission set is administrator-level, e.g. `AWS managed policy AdministratorAccess`; empty when it is not. */
export function adminReasons(ps: PermissionSet): string[] {
  const reasons: string[] = [];
  for (const arn of ps.managedPolicies) {
    const name = policyName(arn);
    if ((ADMIN_MANAGED_POLICIES as readonly string[]).includes(name)) reasons.push(`AWS managed policy ${name}`);
  }
  for (const action of adminActions(ps.inlinePolicy)) reasons.push(`inline policy allows "${action}"`);
  return reasons;
}
