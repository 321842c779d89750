/**
 * Call counting: a gateway that can say how many HTTP requests it made per operation (the SDK
 * gateway, the test fake). `readLive` reports the difference over its read as `Live.readCalls`;
 * for a gateway that cannot count, it counts method calls instead (one per call, pages unseen).
 */
import type { IdentityCenterGateway } from './gateway.js';

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
  return Object.fromEntries(out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function totalCalls(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** IAM action per gateway method, for counting over a gateway that does not count itself. */
export const OPERATION_OF: Record<keyof IdentityCenterGateway, string> = {
  listInstances: 'sso:ListInstances',
  callerIdentity: 'sts:GetCallerIdentity',
  describeOrganization: 'organizations:DescribeOrganization',
  listAccounts: 'organizations:ListAccounts',
  listRoots: 'organizations:ListRoots',
  listOrganizationalUnitsForParent: 'organizations:ListOrganizationalUnitsForParent',
  listAccountsForParent: 'organizations:ListAccountsForParent',
  listTagsForResource: 'organizations:ListTagsForResource',
  listUsers: 'identitystore:ListUsers',
  listGroups: 'identitystore:ListGroups',
  listGroupMemberships: 'identitystore:ListGroupMemberships',
  listGroupMembershipsForMember: 'identitystore:ListGroupMembershipsForMember',
  getUserId: 'identitystore:GetUserId',
  getGroupId: 'identitystore:GetGroupId',
  describeUser: 'identitystore:DescribeUser',
  describeGroup: 'identitystore:DescribeGroup',
  createUser: 'identitystore:CreateUser',
  updateUser: 'identitystore:UpdateUser',
  deleteUser: 'identitystore:DeleteUser',
  createGroup: 'identitystore:CreateGroup',
  updateGroup: 'identitystore:UpdateGroup',
  deleteGroup: 'identitystore:DeleteGroup',
  createGroupMembership: 'identitystore:CreateGroupMembership',
  deleteGroupMembership: 'identitystore:DeleteGroupMembership',
  listPermissionSets: 'sso:ListPermissionSets',
  describePermissionSet: 'sso:DescribePermissionSet',
  listTagsForPermissionSet: 'sso:ListTagsForResource',
  getInlinePolicy: 'sso:GetInlinePolicyForPermissionSet',
  listManagedPolicies: 'sso:ListManagedPoliciesInPermissionSet',
  listCustomerManagedPolicies: 'sso:ListCustomerManagedPolicyReferencesInPermissionSet',
  getPermissionsBoundary: 'sso:GetPermissionsBoundaryForPermissionSet',
  createPermissionSet: 'sso:CreatePermissionSet',
  updatePermissionSet: 'sso:UpdatePermissionSet',
  deletePermissionSet: 'sso:DeletePermissionSet',
  putInlinePolicy: 'sso:PutInlinePolicyToPermissionSet',
  deleteInlinePolicy: 'sso:DeleteInlinePolicyFromPermissionSet',
  attachManagedPolicy: 'sso:AttachManagedPolicyToPermissionSet',
  detachManagedPolicy: 'sso:DetachManagedPolicyFromPermissionSet',
  attachCustomerManagedPolicy: 'sso:AttachCustomerManagedPolicyReferenceToPermissionSet',
  detachCustomerManagedPolicy: 'sso:DetachCustomerManagedPolicyReferenceFromPermissionSet',
  putPermissionsBoundary: 'sso:PutPermissionsBoundaryToPermissionSet',
  deletePermissionsBoundary: 'sso:DeletePermissionsBoundaryFromPermissionSet',
  tagPermissionSet: 'sso:TagResource',
  untagPermissionSet: 'sso:UntagResource',
  provisionPermissionSet: 'sso:ProvisionPermissionSet',
  describeProvisioningStatus: 'sso:DescribePermissionSetProvisioningStatus',
  listAccountsForProvisionedPermissionSet: 'sso:ListAccountsForProvisionedPermissionSet',
  listAccountAssignments: 'sso:ListAccountAssignments',
  listAccountAssignmentsForPrincipal: 'sso:ListAccountAssignmentsForPrincipal',
  createAccountAssignment: 'sso:CreateAccountAssignment',
  deleteAccountAssignment: 'sso:DeleteAccountAssignment',
  describeAssignmentCreationStatus: 'sso:DescribeAccountAssignmentCreationStatus',
  describeAssignmentDeletionStatus: 'sso:DescribeAccountAssignmentDeletionStatus',
};

/** Wraps a gateway that cannot count so that each method call counts once. */
export function countingGateway(gateway: IdentityCenterGateway): IdentityCenterGateway & CallCounting {
  const counts: Record<string, number> = {};
  const wrapped = { callCounts: () => ({ ...counts }) } as IdentityCenterGateway & CallCounting;
  for (const key of Object.keys(OPERATION_OF) as (keyof IdentityCenterGateway)[]) {
    const op = OPERATION_OF[key];
    const method = gateway[key] as (...args: unknown[]) => unknown;
    (wrapped as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
      counts[op] = (counts[op] ?? 0) + 1;
      return method.apply(gateway, args);
    };
  }
  return wrapped;
}
