/**
 * What a per-resource refresh (as Terraform's AWS provider does it: every resource in the state
 * reads itself back, one by one) costs for the same organization, to compare with `readLive`.
 *
 *   refresh = 1 ListInstances (aws_ssoadmin_instances data source)
 *           + 1 DescribeOrganization + ⌈A/20⌉ ListAccounts (aws_organizations_organization, for account IDs)
 *           + 2P            aws_ssoadmin_permission_set: DescribePermissionSet + ListTagsForResource
 *           + Σ managed     aws_ssoadmin_managed_policy_attachment: ListManagedPoliciesInPermissionSet each
 *           + I             aws_ssoadmin_permission_set_inline_policy: GetInlinePolicyForPermissionSet
 *           + Σ customer    aws_ssoadmin_customer_managed_policy_attachment: one list each
 *           + B             aws_ssoadmin_permissions_boundary_attachment: GetPermissionsBoundary… each
 *           + U + G + M     aws_identitystore_user / _group / _group_membership: one Describe… each
 *           + N             aws_ssoadmin_account_assignment: one ListAccountAssignments each
 *                           (for its account and set, filtered to its principal)
 *
 * The design doc's example (A=200, P=30, U=2,000, G=150, K=600) gives no M or N; with M = 2U
 * (two groups per user, as `generateWorld` makes them), N = 6K (six principals per provisioned
 * pair), one managed policy per set and an inline policy on half of them:
 * 1 + 1 + 10 + 60 + 30 + 15 + 2,000 + 150 + 4,000 + 3,600 = 9,867 calls, the doc's "about 9,800".
 */
import type { World } from '../../emulator/index.js';

export interface RefreshInputs {
  accounts: number;
  permissionSets: number;
  managedAttachments: number;
  inlinePolicies: number;
  customerAttachments: number;
  boundaries: number;
  users: number;
  groups: number;
  memberships: number;
  assignments: number;
}

export function refreshCalls(r: RefreshInputs): number {
  return (
    1 +
    1 +
    Math.max(1, Math.ceil(r.accounts / 20)) +
    2 * r.permissionSets +
    r.managedAttachments +
    r.inlinePolicies +
    r.customerAttachments +
    r.boundaries +
    r.users +
    r.groups +
    r.memberships +
    r.assignments
  );
}

export function refreshInputsOf(world: World): RefreshInputs {
  const sets = world.permissionSets ?? [];
  return {
    accounts: world.organization.accounts.length,
    permissionSets: sets.length,
    managedAttachments: sets.reduce((n, s) => n + (s.managedPolicies?.length ?? 0), 0),
    inlinePolicies: sets.filter((s) => s.inlinePolicy !== undefined).length,
    customerAttachments: sets.reduce((n, s) => n + (s.customerManagedPolicies?.length ?? 0), 0),
    boundaries: sets.filter((s) => s.permissionsBoundary !== undefined).length,
    users: world.users?.length ?? 0,
    groups: world.groups?.length ?? 0,
    memberships: world.memberships?.length ?? 0,
    assignments: world.assignments?.length ?? 0,
  };
}

/** The design doc's example, with the assumptions above (a check that the formula is in scale). */
export const DESIGN_DOC_EXAMPLE: RefreshInputs = {
  accounts: 200,
  permissionSets: 30,
  managedAttachments: 30,
  inlinePolicies: 15,
  customerAttachments: 0,
  boundaries: 0,
  users: 2000,
  groups: 150,
  memberships: 4000,
  assignments: 3600,
};
