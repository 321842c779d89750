/** What access.yaml asks for, after loading, validation and normalisation. */
import type { Group, User } from './identity.js';
import type { PermissionSet } from './permission-set.js';
import type { PathKey, SourcePos } from './source.js';

export type IdentitySource = 'internal' | 'external';

export interface IdentityCenterSettings {
  region?: string;
  instanceArn?: string;
  identityStoreId?: string;
  /** The AWS access portal URL (`start_url`); else `https://<identity store ID>.awsapps.com/start`. */
  startUrl?: string;
  /** `external` (SCIM or AD): users and groups are references only, never written. */
  identitySource: IdentitySource;
}

/** `managed`: the file is the whole truth for that kind. `referenced`: read-only lookups. */
export type OwnershipMode = 'managed' | 'referenced';

export interface Ownership {
  users: OwnershipMode;
  groups: OwnershipMode;
  permissionSets: OwnershipMode;
  assignments: OwnershipMode;
  /** Globs of names never changed even when absent from the file. */
  ignore: {
    users: string[];
    groups: string[];
    permissionSets: string[];
  };
}

/** `safety.max_deletes`: either a count or a percentage of the live objects of that kind. */
export type MaxDeletes = { kind: 'count'; value: number } | { kind: 'percent'; value: number };

/** An assignment that must exist after every apply (break-glass access). */
export interface ProtectedAssignment {
  pos: SourcePos;
  permissionSet: string;
  users: string[];
  groups: string[];
  /** Account IDs or names/aliases as written; resolved by the planner. */
  accounts: string[];
}

export interface Safety {
  maxDeletes: MaxDeletes;
  protected: ProtectedAssignment[];
  /** `safety.revoke_sessions`: the default of every rule's `revoke_sessions` (false when absent). */
  revokeSessions?: boolean;
}

/** What an assignment rule targets. Account references are IDs or names, resolved by the planner. */
export interface RuleTargets {
  /** Account IDs, aliases or Organizations account names, as written. */
  accounts: string[];
  /** OU paths (`/Workloads/Prod`) or `ou-…` IDs, as written. */
  organizationalUnits: string[];
  allAccounts: boolean;
  /** Every tag must match (AND). Empty: no tag target. */
  accountTags: Record<string, string>;
  /** Account IDs, aliases or names, as written. */
  excludeAccounts: string[];
}

/** One entry of `assignments:`: expands to (principal, permission set, account) triples. */
export interface AssignmentRule {
  /** Index in `assignments:` (0-based), all files of the configuration in order (the root first). */
  index: number;
  /** For a rule of an included file: its index in that file's `assignments:` (the file is `pos.file`). */
  fileIndex?: number;
  /** Position of the rule (the start of the list item). */
  pos: SourcePos;
  permissionSets: string[];
  users: string[];
  groups: string[];
  targets: RuleTargets;
  /** As written: a date (the last day, UTC) or a date-time with optional offset; see model/expires.ts. */
  expires?: string;
  /**
   * `revoke_sessions` as written: when someone loses this rule's access and holds it no other way,
   * idc also revokes their open sessions (see model/session-revocation.ts). Absent: the
   * `safety.revoke_sessions` default.
   */
  revokeSessions?: boolean;
}

export interface Desired {
  /** Path of the loaded file as the user gave it. */
  file: string;
  version: 1;
  identityCenter: IdentityCenterSettings;
  ownership: Ownership;
  safety: Safety;
  /** By user name. */
  users: Record<string, User>;
  /** By display name. */
  groups: Record<string, Group>;
  /** By name. */
  permissionSets: Record<string, PermissionSet>;
  /** `accounts:` aliases → 12-digit ID. */
  accountAliases: Record<string, string>;
  rules: AssignmentRule[];
  /**
   * Position of every node of the document by {@link PathKey}, e.g. `users.jonathan`,
   * `assignments[1].accounts[0]`, for errors found after loading (e.g. an account name that
   * does not exist in the organization).
   */
  positions: Record<PathKey, SourcePos>;
}
