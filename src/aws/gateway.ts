/**
 * The narrow interface over the AWS APIs this project calls (sso-admin, identitystore,
 * organizations, sts), in domain terms. The SDK-backed implementation adds pagination, the
 * shared rate limiter and retries; tests and benchmarks can pass a fake.
 * Every method is one logical operation; list methods return every page.
 */
import type { PrincipalType } from '../model/assignment.js';
import type { User } from '../model/identity.js';
import type { AccountStatus } from '../model/organization.js';
import type { CustomerManagedPolicyRef, PermissionsBoundary } from '../model/permission-set.js';

export interface InstanceInfo {
  instanceArn: string;
  identityStoreId: string;
  /** Account that owns the instance (the management account for an organization instance). */
  ownerAccountId?: string;
  status?: string;
}

export interface CallerIdentity {
  accountId: string;
  /** e.g. `arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123abcd/jonathan`. */
  arn: string;
}

export interface OrgAccountInfo {
  id: string;
  name: string;
  status: AccountStatus;
}

export interface NamedId {
  id: string;
  name: string;
}

export interface UserRecord extends User {
  userId: string;
}

export interface GroupRecord {
  groupId: string;
  displayName: string;
  description?: string;
}

export interface MembershipRecord {
  membershipId: string;
  userId: string;
}

/** Description, session duration and relay state: always sent together (AWS clears relay state
 * when UpdatePermissionSet omits it). */
export interface PermissionSetAttributes {
  description?: string;
  sessionDuration: string;
  relayState?: string;
}

export interface PermissionSetRecord extends PermissionSetAttributes {
  arn: string;
  name: string;
}

export type AsyncState = 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED';

export interface AsyncStatus {
  requestId: string;
  status: AsyncState;
  failureReason?: string;
  /** On the answer that started the operation: how long before the answer arrived AWS started it
   * (from its CreatedDate, see service-clock.ts), so that polls can be timed from the start. */
  startedAgoMs?: number;
}

export interface AssignmentTarget {
  accountId: string;
  permissionSetArn: string;
  principalType: PrincipalType;
  principalId: string;
}

export interface IdentityCenterGateway {
  // --- discovery -------------------------------------------------------------------------
  listInstances(): Promise<InstanceInfo[]>;
  /** Who the credentials in use are (sts:GetCallerIdentity). */
  callerIdentity(): Promise<CallerIdentity>;

  // --- organizations ---------------------------------------------------------------------
  describeOrganization(): Promise<{ managementAccountId: string }>;
  listAccounts(): Promise<OrgAccountInfo[]>;
  listRoots(): Promise<NamedId[]>;
  listOrganizationalUnitsForParent(parentId: string): Promise<NamedId[]>;
  /**
   * The accounts directly under a root or OU. AWS returns the same Account objects as ListAccounts
   * (Id, Name, Status, …; https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccountsForParent.html),
   * so a walk of the whole tree lists every account.
   */
  listAccountsForParent(parentId: string): Promise<OrgAccountInfo[]>;
  listTagsForResource(resourceId: string): Promise<Record<string, string>>;

  // --- identity store --------------------------------------------------------------------
  listUsers(identityStoreId: string): Promise<UserRecord[]>;
  listGroups(identityStoreId: string): Promise<GroupRecord[]>;
  listGroupMemberships(identityStoreId: string, groupId: string): Promise<MembershipRecord[]>;
  /** IDs of the groups a user is a member of, sorted. */
  listGroupMembershipsForMember(identityStoreId: string, userId: string): Promise<string[]>;
  /** undefined when no user has that name. */
  getUserId(identityStoreId: string, userName: string): Promise<string | undefined>;
  getGroupId(identityStoreId: string, displayName: string): Promise<string | undefined>;
  describeUser(identityStoreId: string, userId: string): Promise<UserRecord | undefined>;
  describeGroup(identityStoreId: string, groupId: string): Promise<GroupRecord | undefined>;
  createUser(identityStoreId: string, user: User): Promise<string>;
  /**
   * Sets exactly `fields` of the user to their values in `user` (one UpdateUser attribute
   * operation each) and leaves every other attribute alone. For `email`, only the primary
   * address changes: the user's other addresses and the entry's type are kept.
   */
  updateUser(identityStoreId: string, userId: string, user: User, fields: readonly (keyof User)[]): Promise<void>;
  deleteUser(identityStoreId: string, userId: string): Promise<void>;
  createGroup(identityStoreId: string, displayName: string, description: string | undefined): Promise<string>;
  /** Sets only the description (removed when undefined); the display name is the group's key. */
  updateGroup(identityStoreId: string, groupId: string, description: string | undefined): Promise<void>;
  deleteGroup(identityStoreId: string, groupId: string): Promise<void>;
  createGroupMembership(identityStoreId: string, groupId: string, userId: string): Promise<string>;
  deleteGroupMembership(identityStoreId: string, membershipId: string): Promise<void>;

  // --- permission sets -------------------------------------------------------------------
  listPermissionSets(instanceArn: string): Promise<string[]>;
  describePermissionSet(instanceArn: string, permissionSetArn: string): Promise<PermissionSetRecord>;
  listTagsForPermissionSet(instanceArn: string, permissionSetArn: string): Promise<Record<string, string>>;
  /** undefined when there is no inline policy (AWS answers an empty string). */
  getInlinePolicy(instanceArn: string, permissionSetArn: string): Promise<string | undefined>;
  listManagedPolicies(instanceArn: string, permissionSetArn: string): Promise<string[]>;
  listCustomerManagedPolicies(instanceArn: string, permissionSetArn: string): Promise<CustomerManagedPolicyRef[]>;
  /** undefined when there is none (AWS answers ResourceNotFoundException). */
  getPermissionsBoundary(instanceArn: string, permissionSetArn: string): Promise<PermissionsBoundary | undefined>;
  createPermissionSet(instanceArn: string, name: string, attributes: PermissionSetAttributes, tags: Record<string, string>): Promise<string>;
  updatePermissionSet(instanceArn: string, permissionSetArn: string, attributes: PermissionSetAttributes): Promise<void>;
  deletePermissionSet(instanceArn: string, permissionSetArn: string): Promise<void>;
  putInlinePolicy(instanceArn: string, permissionSetArn: string, policyJson: string): Promise<void>;
  deleteInlinePolicy(instanceArn: string, permissionSetArn: string): Promise<void>;
  attachManagedPolicy(instanceArn: string, permissionSetArn: string, policyArn: string): Promise<void>;
  detachManagedPolicy(instanceArn: string, permissionSetArn: string, policyArn: string): Promise<void>;
  attachCustomerManagedPolicy(instanceArn: string, permissionSetArn: string, ref: CustomerManagedPolicyRef): Promise<void>;
  detachCustomerManagedPolicy(instanceArn: string, permissionSetArn: string, ref: CustomerManagedPolicyRef): Promise<void>;
  putPermissionsBoundary(instanceArn: string, permissionSetArn: string, boundary: PermissionsBoundary): Promise<void>;
  deletePermissionsBoundary(instanceArn: string, permissionSetArn: string): Promise<void>;
  tagPermissionSet(instanceArn: string, permissionSetArn: string, tags: Record<string, string>): Promise<void>;
  untagPermissionSet(instanceArn: string, permissionSetArn: string, keys: string[]): Promise<void>;

  // --- provisioning ----------------------------------------------------------------------
  /** ProvisionPermissionSet with TargetType ALL_PROVISIONED_ACCOUNTS. */
  provisionPermissionSet(instanceArn: string, permissionSetArn: string): Promise<AsyncStatus>;
  describeProvisioningStatus(instanceArn: string, requestId: string): Promise<AsyncStatus>;
  /** Accounts the set is provisioned to; with `outdatedOnly`, those with
   * LATEST_PERMISSION_SET_NOT_PROVISIONED. */
  listAccountsForProvisionedPermissionSet(instanceArn: string, permissionSetArn: string, outdatedOnly?: boolean): Promise<string[]>;

  // --- assignments -----------------------------------------------------------------------
  listAccountAssignments(instanceArn: string, accountId: string, permissionSetArn: string): Promise<{ principalType: PrincipalType; principalId: string }[]>;
  /** Where one principal holds assignments, in every account (management account only). */
  listAccountAssignmentsForPrincipal(
    instanceArn: string,
    principalType: PrincipalType,
    principalId: string,
  ): Promise<{ accountId: string; permissionSetArn: string }[]>;
  createAccountAssignment(instanceArn: string, target: AssignmentTarget): Promise<AsyncStatus>;
  deleteAccountAssignment(instanceArn: string, target: AssignmentTarget): Promise<AsyncStatus>;
  describeAssignmentCreationStatus(instanceArn: string, requestId: string): Promise<AsyncStatus>;
  describeAssignmentDeletionStatus(instanceArn: string, requestId: string): Promise<AsyncStatus>;
}
