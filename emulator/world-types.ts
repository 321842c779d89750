/**
 * The emulator's world file: everything it knows about one organization and its
 * Identity Center instance. JSON (or YAML) on disk, `dump()` writes the same shape back.
 */

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
export type PrincipalType = 'USER' | 'GROUP';
export type ProvisioningStatus = 'LATEST_PERMISSION_SET_PROVISIONED' | 'LATEST_PERMISSION_SET_NOT_PROVISIONED';

export interface WorldAccount {
  /** 12 digits. */
  id: string;
  name: string;
  email?: string;
  status?: AccountStatus;
  /** Root or OU ID; the root when omitted. */
  parent?: string;
  tags?: Record<string, string>;
  /**
   * Customer-managed IAM policies that exist in this account, as `Name` or `/path/Name`.
   * Omitted: every referenced customer-managed policy is taken to exist.
   * A list: provisioning a set that references a policy not in it FAILS.
   */
  customerManagedPolicies?: string[];
  /** ISO-8601; defaults to 2020-01-01. */
  joinedTimestamp?: string;
}

export interface WorldOrganizationalUnit {
  /** `ou-xxxx-xxxxxxxx` */
  id: string;
  name: string;
  /** Root or OU ID. */
  parent: string;
  tags?: Record<string, string>;
}

export interface WorldOrganization {
  /** `o-xxxxxxxxxx` */
  id: string;
  managementAccountId: string;
  /**
   * Member accounts registered as delegated administrators of IAM Identity Center. Any other
   * member account may not administer the instance (AccessDeniedException). Default: none.
   */
  delegatedAdministrators?: string[];
  /** `r-xxxx` */
  rootId: string;
  rootTags?: Record<string, string>;
  organizationalUnits?: WorldOrganizationalUnit[];
  accounts: WorldAccount[];
}

export interface WorldInstance {
  /** `arn:aws:sso:::instance/ssoins-<16 hex>` */
  instanceArn: string;
  /** `d-<10 hex>` */
  identityStoreId: string;
  /** Account that owns the instance: the management account, normally. */
  ownerAccountId: string;
  name?: string;
  createdDate?: string;
}

export interface WorldEmail {
  value: string;
  type?: string;
  primary?: boolean;
}

export interface WorldUser {
  id: string;
  userName: string;
  displayName?: string;
  givenName?: string;
  familyName?: string;
  emails?: WorldEmail[];
}

export interface WorldGroup {
  id: string;
  displayName: string;
  description?: string;
}

export interface WorldMembership {
  /** Generated when omitted. */
  id?: string;
  groupId: string;
  userId: string;
}

export interface WorldCustomerPolicyRef {
  name: string;
  /** Defaults to `/`. */
  path?: string;
}

export type WorldBoundary = { managedPolicyArn: string } | { customerManagedPolicy: WorldCustomerPolicyRef };

export interface WorldPermissionSet {
  /** Generated (`arn:aws:sso:::permissionSet/ssoins-…/ps-<16 hex>`) when omitted. */
  arn?: string;
  name: string;
  description?: string;
  /** ISO-8601 duration, PT1H when omitted. */
  sessionDuration?: string;
  relayState?: string;
  createdDate?: string;
  inlinePolicy?: string;
  /** AWS managed policy ARNs. */
  managedPolicies?: string[];
  customerManagedPolicies?: WorldCustomerPolicyRef[];
  permissionsBoundary?: WorldBoundary;
  tags?: Record<string, string>;
}

export interface WorldAssignment {
  accountId: string;
  /** Permission set ARN or name. */
  permissionSet: string;
  principalType: PrincipalType;
  principalId: string;
}

export interface WorldProvisioning {
  /** Permission set ARN or name. */
  permissionSet: string;
  accountId: string;
  status: ProvisioningStatus;
}

export interface World {
  organization: WorldOrganization;
  instance: WorldInstance;
  users?: WorldUser[];
  groups?: WorldGroup[];
  memberships?: WorldMembership[];
  permissionSets?: WorldPermissionSet[];
  assignments?: WorldAssignment[];
  /**
   * Provisioning state per (permission set, account). Every assignment implies
   * LATEST_PERMISSION_SET_PROVISIONED for its pair unless listed here otherwise;
   * list a pair without assignments to model a set provisioned with no assignment.
   */
  provisioning?: WorldProvisioning[];
}
