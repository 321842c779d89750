/** What AWS has now, read with the fewest calls the plan needs. */
import type { LiveAssignment } from './assignment.js';
import type { LiveGroup, LiveUser } from './identity.js';
import type { Organization } from './organization.js';
import type { LivePermissionSet } from './permission-set.js';

export interface InstanceRef {
  instanceArn: string;
  identityStoreId: string;
  region: string;
}

export interface Live {
  instance: InstanceRef;
  /** The credentials in use (from sts:GetCallerIdentity). */
  caller: { accountId: string; arn: string };
  organization: Organization;
  /** By user name. In external mode only the users the file names (and assignment principals). */
  users: Record<string, LiveUser>;
  /** By display name. */
  groups: Record<string, LiveGroup>;
  /** By name. */
  permissionSets: Record<string, LivePermissionSet>;
  /** Every assignment of every permission set, sorted with `compareAssignments`. */
  assignments: LiveAssignment[];
  /** How many API calls the read took, per operation name. */
  readCalls: Record<string, number>;
}
