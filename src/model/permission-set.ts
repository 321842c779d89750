/** Permission sets: the role templates Identity Center provisions into accounts. */
import type { SessionRevocation } from './session-revocation.js';

/** A customer-managed policy, referenced by name and path (never by ARN). */
export interface CustomerManagedPolicyRef {
  name: string;
  /** Starts and ends with `/`; defaults to `/`. */
  path: string;
}

/** AWS's default IAM path, which an empty path means. */
export const DEFAULT_IAM_PATH = '/';

/** The one key of a customer-managed policy reference (or boundary): `/path/name`, `/name` for the default path. */
export function policyRefKey(ref: Pick<CustomerManagedPolicyRef, 'name' | 'path'>): string {
  return `${ref.path || DEFAULT_IAM_PATH}${ref.name}`;
}

/** For people: the name alone on the default path, else `/path/name`. */
export function policyRefLabel(ref: Pick<CustomerManagedPolicyRef, 'name' | 'path'>): string {
  const key = policyRefKey(ref);
  return key === `${DEFAULT_IAM_PATH}${ref.name}` ? ref.name : key;
}

/** Exactly one of an AWS managed policy or a customer-managed policy reference. */
export type PermissionsBoundary = { kind: 'aws-managed'; arn: string } | { kind: 'customer-managed'; name: string; path: string };

/** A permission set, normalised: equal values mean equal configuration in AWS. */
export interface PermissionSet {
  /** 1–32 chars of `[\w+=,.@-]`; immutable in AWS. */
  name: string;
  description?: string;
  /** ISO-8601 duration, PT1H … PT12H; `PT1H` when not given. */
  sessionDuration: string;
  relayState?: string;
  /** AWS managed policy ARNs (`arn:aws:iam::aws:policy/…`), sorted. */
  managedPolicies: string[];
  /** Sorted by path, then name. */
  customerManagedPolicies: CustomerManagedPolicyRef[];
  /**
   * The inline policy as JSON text: minified as written in access.yaml (what apply sends), or as
   * AWS returned it. AWS may reformat it: compare with the planner's semantic policy
   * comparison, never as text. Absent when there is none.
   */
  inlinePolicy?: string;
  permissionsBoundary?: PermissionsBoundary;
  /** Tags, key → value. */
  tags: Record<string, string>;
}

/** A permission set as read from AWS. */
export interface LivePermissionSet extends PermissionSet {
  /**
   * idc's session revocation statements, taken out of the inline policy as read (`inlinePolicy`
   * holds the rest): see session-revocation.ts. Absent or empty when there are none.
   */
  sessionRevocations?: SessionRevocation[];
  arn: string;
  /** Accounts this set is provisioned to, sorted. */
  provisionedAccountIds: string[];
  /** Accounts where the latest version is not provisioned (drift), sorted. */
  outdatedAccountIds: string[];
}

/** The fields of a permission set a plan can change, in the order apply sends them. */
export const PERMISSION_SET_FIELDS = [
  'description',
  'sessionDuration',
  'relayState',
  'managedPolicies',
  'customerManagedPolicies',
  'inlinePolicy',
  'permissionsBoundary',
  'tags',
] as const;
export type PermissionSetField = (typeof PERMISSION_SET_FIELDS)[number];
