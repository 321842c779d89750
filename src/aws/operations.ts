/**
 * The one table of AWS operations: every method of `IdentityCenterGateway` (gateway.ts) mapped to
 * the AWS API operation it calls, the IAM service prefix, whether it reads or writes, and any
 * further IAM action AWS authorises it as. Everything that names an operation is derived from it:
 * the SDK gateway's call descriptions and counting keys (`sso:ListAccountAssignments`), the
 * counting gateway of apply reports and `Live.readCalls`, and the IAM policies of `examples/iam`.
 * The Record type makes a missing method a compile error.
 */
import type { IdentityCenterGateway } from './gateway.js';

export type GatewayMethod = keyof IdentityCenterGateway;
export type Access = 'read' | 'write';
/** IAM service prefix (Identity Center's API is `sso-admin`, its IAM prefix `sso`). */
export type IamService = 'sso' | 'identitystore' | 'organizations' | 'sts';

export interface Operation {
  service: IamService;
  /** The AWS API operation, e.g. `CreateAccountAssignment`. */
  name: string;
  access: Access;
  /** Further IAM actions the call is authorised as (tags given at creation: `sso:TagResource`). */
  alsoAuthorises?: readonly string[];
  /** `sts:GetCallerIdentity` needs no permission: every principal may call it. */
  noPermissionNeeded?: true;
}

const op = (service: IamService, access: Access, name: string, extra: Partial<Operation> = {}): Operation => ({
  service,
  name,
  access,
  ...extra,
});

export const OPERATIONS: Readonly<Record<GatewayMethod, Operation>> = {
  listInstances: op('sso', 'read', 'ListInstances'),
  callerIdentity: op('sts', 'read', 'GetCallerIdentity', { noPermissionNeeded: true }),

  describeOrganization: op('organizations', 'read', 'DescribeOrganization'),
  listAccounts: op('organizations', 'read', 'ListAccounts'),
  listRoots: op('organizations', 'read', 'ListRoots'),
  listOrganizationalUnitsForParent: op('organizations', 'read', 'ListOrganizationalUnitsForParent'),
  listAccountsForParent: op('organizations', 'read', 'ListAccountsForParent'),
  listTagsForResource: op('organizations', 'read', 'ListTagsForResource'),

  listUsers: op('identitystore', 'read', 'ListUsers'),
  listGroups: op('identitystore', 'read', 'ListGroups'),
  listGroupMemberships: op('identitystore', 'read', 'ListGroupMemberships'),
  listGroupMembershipsForMember: op('identitystore', 'read', 'ListGroupMembershipsForMember'),
  getUserId: op('identitystore', 'read', 'GetUserId'),
  getGroupId: op('identitystore', 'read', 'GetGroupId'),
  describeUser: op('identitystore', 'read', 'DescribeUser'),
  describeGroup: op('identitystore', 'read', 'DescribeGroup'),
  createUser: op('identitystore', 'write', 'CreateUser'),
  // Reads the user's email list first (DescribeUser) when the email changes.
  updateUser: op('identitystore', 'write', 'UpdateUser'),
  deleteUser: op('identitystore', 'write', 'DeleteUser'),
  createGroup: op('identitystore', 'write', 'CreateGroup'),
  updateGroup: op('identitystore', 'write', 'UpdateGroup'),
  deleteGroup: op('identitystore', 'write', 'DeleteGroup'),
  createGroupMembership: op('identitystore', 'write', 'CreateGroupMembership'),
  deleteGroupMembership: op('identitystore', 'write', 'DeleteGroupMembership'),

  listPermissionSets: op('sso', 'read', 'ListPermissionSets'),
  listAccountAssignmentsForPrincipal: op('sso', 'read', 'ListAccountAssignmentsForPrincipal'),
  describePermissionSet: op('sso', 'read', 'DescribePermissionSet'),
  listTagsForPermissionSet: op('sso', 'read', 'ListTagsForResource'),
  getInlinePolicy: op('sso', 'read', 'GetInlinePolicyForPermissionSet'),
  listManagedPolicies: op('sso', 'read', 'ListManagedPoliciesInPermissionSet'),
  listCustomerManagedPolicies: op('sso', 'read', 'ListCustomerManagedPolicyReferencesInPermissionSet'),
  getPermissionsBoundary: op('sso', 'read', 'GetPermissionsBoundaryForPermissionSet'),
  // Tags given at creation are authorised as sso:TagResource too.
  createPermissionSet: op('sso', 'write', 'CreatePermissionSet', { alsoAuthorises: ['sso:TagResource'] }),
  updatePermissionSet: op('sso', 'write', 'UpdatePermissionSet'),
  deletePermissionSet: op('sso', 'write', 'DeletePermissionSet'),
  putInlinePolicy: op('sso', 'write', 'PutInlinePolicyToPermissionSet'),
  deleteInlinePolicy: op('sso', 'write', 'DeleteInlinePolicyFromPermissionSet'),
  attachManagedPolicy: op('sso', 'write', 'AttachManagedPolicyToPermissionSet'),
  detachManagedPolicy: op('sso', 'write', 'DetachManagedPolicyFromPermissionSet'),
  attachCustomerManagedPolicy: op('sso', 'write', 'AttachCustomerManagedPolicyReferenceToPermissionSet'),
  detachCustomerManagedPolicy: op('sso', 'write', 'DetachCustomerManagedPolicyReferenceFromPermissionSet'),
  putPermissionsBoundary: op('sso', 'write', 'PutPermissionsBoundaryToPermissionSet'),
  deletePermissionsBoundary: op('sso', 'write', 'DeletePermissionsBoundaryFromPermissionSet'),
  tagPermissionSet: op('sso', 'write', 'TagResource'),
  untagPermissionSet: op('sso', 'write', 'UntagResource'),

  provisionPermissionSet: op('sso', 'write', 'ProvisionPermissionSet'),
  describeProvisioningStatus: op('sso', 'read', 'DescribePermissionSetProvisioningStatus'),
  listAccountsForProvisionedPermissionSet: op('sso', 'read', 'ListAccountsForProvisionedPermissionSet'),

  listAccountAssignments: op('sso', 'read', 'ListAccountAssignments'),
  createAccountAssignment: op('sso', 'write', 'CreateAccountAssignment'),
  deleteAccountAssignment: op('sso', 'write', 'DeleteAccountAssignment'),
  describeAssignmentCreationStatus: op('sso', 'read', 'DescribeAccountAssignmentCreationStatus'),
  describeAssignmentDeletionStatus: op('sso', 'read', 'DescribeAccountAssignmentDeletionStatus'),
};

export const GATEWAY_METHODS = Object.keys(OPERATIONS) as GatewayMethod[];

export function isGatewayMethod(name: string): name is GatewayMethod {
  return Object.hasOwn(OPERATIONS, name);
}

/** The IAM action a method's request is counted and authorised as, e.g. `sso:ListAccountAssignments`. */
export function actionOf(method: GatewayMethod): string {
  const { service, name } = OPERATIONS[method];
  return `${service}:${name}`;
}

/** The IAM actions a method needs (none for `sts:GetCallerIdentity`). */
export function iamActionsOf(method: GatewayMethod): string[] {
  const operation = OPERATIONS[method];
  return operation.noPermissionNeeded ? [] : [actionOf(method), ...(operation.alsoAuthorises ?? [])];
}
