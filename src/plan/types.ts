/**
 * A Plan is data: a sorted list of typed changes, each with before and after and the reason
 * (rule or file position), plus the access changes a reviewer reads and the warnings they need.
 * It is produced by the pure planner, rendered for people, hashed, and executed by apply.
 */
import type { Assignment } from '../model/assignment.js';
import type { Group, User } from '../model/identity.js';
import type { PermissionSet, PermissionSetField } from '../model/permission-set.js';
import type { SourcePos } from '../model/source.js';
import type { PlanScope } from './scope/types.js';

export const PLAN_FORMAT_VERSION = 2 as const;

export type ChangeAction = 'create' | 'update' | 'delete';

/** The rule (or other part of the file) that caused a change. */
export interface RuleRef {
  /** Index in `assignments:`, or -1 for things that are not rules (e.g. `safety.protected`). */
  index: number;
  pos: SourcePos;
  /** For a rule of an included file: its index in that file (`pos.file`). */
  fileIndex?: number;
  /** Short human label, e.g. `assignments[2]: ReadOnly → group auditors on all accounts`. */
  label: string;
}

export interface UserChange {
  kind: 'user';
  action: ChangeAction;
  userName: string;
  before?: User;
  after?: User;
  /** Changed fields, for updates (sorted). */
  fields: (keyof User)[];
  pos?: SourcePos;
}

/** Group attributes (members are separate membership changes). */
export type GroupAttributes = Omit<Group, 'members'>;

export interface GroupChange {
  kind: 'group';
  action: ChangeAction;
  displayName: string;
  before?: GroupAttributes;
  after?: GroupAttributes;
  fields: (keyof GroupAttributes)[];
  pos?: SourcePos;
}

export interface MembershipChange {
  kind: 'membership';
  action: 'create' | 'delete';
  group: string;
  user: string;
  pos?: SourcePos;
}

export interface PermissionSetChange {
  kind: 'permission-set';
  action: ChangeAction;
  name: string;
  before?: PermissionSet;
  after?: PermissionSet;
  /** Fields that differ, in PERMISSION_SET_FIELDS order (all set fields for a create). */
  fields: PermissionSetField[];
  pos?: SourcePos;
}

export interface AssignmentChange {
  kind: 'assignment';
  action: 'create' | 'delete';
  assignment: Assignment;
  /** Rules that produce this assignment (create), sorted by index; empty for deletes. */
  rules: RuleRef[];
}

/** Re-provision a permission set to accounts that are behind, or after an edit. */
export interface ProvisionChange {
  kind: 'provision';
  action: 'update';
  permissionSet: string;
  /** Accounts that will receive the new version, sorted. */
  accountIds: string[];
  reason: 'edited' | 'drift';
  /**
   * Users whose session revocation (or its removal) this provisioning carries, sorted: a failed
   * provisioning must stop the deletions that take their access away (apply/dependencies.ts).
   */
  revokesSessionsOf?: string[];
}

/**
 * Revoking a person's open sessions of a permission set on one account (`create`: a deny
 * statement in the set's inline policy, see model/session-revocation.ts), or removing such a
 * statement again (`delete`) once the set's session duration has passed or they hold the set on
 * that account again. Apply writes the statement in the set's inline policy and provisions the
 * set before the deletions that take the access away.
 */
export interface SessionRevocationChange {
  kind: 'session-revocation';
  action: 'create' | 'delete';
  permissionSet: string;
  accountId: string;
  /** The user name; for a statement of a user idc cannot name, their identity store user ID. */
  user: string;
  userId: string;
  /** create: how long the statement stays (the set's session duration after the plan). */
  sessionDuration?: string;
  /**
   * create: when it could be removed if applied at the plan's time (apply writes its own time plus
   * the duration; not part of the hash). delete: the end written in the statement (ISO), absent
   * when unreadable.
   */
  until?: string;
  /** delete: why it goes. */
  reason?: 'expired' | 'access-regained' | 'replaced';
}

export type Change = UserChange | GroupChange | MembershipChange | PermissionSetChange | AssignmentChange | ProvisionChange | SessionRevocationChange;

export type ChangeKind = Change['kind'];

/**
 * One way a user holds a permission set on an account: an assignment to the user directly, or
 * membership of a group that has the assignment.
 */
export interface AccessPath {
  /** The group the access comes through; absent for an assignment to the user directly. */
  group?: string;
  /**
   * Why this path comes (gain) or goes (loss), in words: `added to group X` / `removed from group
   * X` / `group X is deleted` / `user X is deleted` first, then what happens to the assignment:
   * the labels of the rules that create it (in rule order), `permission set X is deleted`, or
   * `no rule in access.yaml grants it`.
   */
  because: string[];
}

/**
 * A change of one person's effective access: every (permission set, account) they hold through a
 * direct assignment or any group, compared before and after the plan. A row exists only where that
 * really changes: access that moves from one path to another is no row.
 */
export interface UserAccessChange {
  kind: 'user';
  effect: 'gain' | 'lose';
  user: string;
  permissionSet: string;
  accountId: string;
  accountName: string;
  /**
   * Every path the access comes through after the plan (gain: none existed before), or every path
   * it came through before (lose: none remains). Direct first, then by group.
   */
  via: AccessPath[];
}

/** A member of a group whose effective access a group's grant change leaves as it is, and why. */
export interface UnchangedMember {
  user: string;
  /** e.g. `already has it directly`, `keeps it through group ops`. */
  because: string;
}

/**
 * An assignment of a group created or deleted, and what it does to its members' effective access.
 * Listed for every group assignment change; when `changesAccessOf` is empty the grant changes no
 * one's access (e.g. moving a grant from a user to a group that has them as member).
 */
export interface GroupAccessChange {
  kind: 'group';
  effect: 'gain' | 'lose';
  group: string;
  /** Members after the plan (gain) or before it (lose), including members idc cannot name. */
  memberCount: number;
  permissionSet: string;
  accountId: string;
  accountName: string;
  /** Why: rule labels for a grant (in rule order), or why it is removed (`group X is deleted`, …). */
  because: string[];
  /** Named members whose effective access changes with this grant (each has a user row). Sorted. */
  changesAccessOf: string[];
  /** Named members whose effective access does not change, and why. Sorted by user. */
  unchanged: UnchangedMember[];
  /** Members idc could not resolve to a user name: their access changes with the grant unless they hold it another way. */
  unresolvedMembers: number;
}

/** What a reviewer reads first: people's effective access changes, then group grant changes. */
export type AccessChange = UserAccessChange | GroupAccessChange;

export type WarningCode = 'role-recreated' | 'admin-grant' | 'reprovision' | 'delegated-admin-management' | 'rename' | 'expired-rule' | 'unresolved-principal';

export interface PlanWarning {
  code: WarningCode;
  message: string;
  /** The thing it is about (permission set, account, …), for grouping. */
  subject: string;
}

export interface PlanCounts {
  create: number;
  update: number;
  delete: number;
}

/**
 * Why apply refuses a plan: `safety.max_deletes`, `safety.protected` (an assignment the plan
 * deletes, or one that neither exists nor is created), or the plan taking away the access of the
 * credentials that made it (an Identity Center session, `AWSReservedSSO_<set>_…/<user>`).
 */
export type SafetyCode = 'max-deletes-exceeded' | 'protected-assignment-removed' | 'protected-assignment-missing' | 'own-access-removed';

export interface SafetyRefusal {
  code: SafetyCode;
  /** One line: what is wrong, naming things as access.yaml does, and how to go on. */
  message: string;
  /** True when `--force` (the Action's `force: true`) overrides it; never for `own-access-removed`. */
  forceOverrides: boolean;
  /** The part of access.yaml it is about (a `safety.protected` entry, `safety.max_deletes`). */
  pos?: SourcePos;
}

export interface SafetyVerdict {
  /** False when apply refuses this plan (see `refusals`). */
  safe: boolean;
  /** Sorted by code, then message. Empty for a plan without changes: there is nothing to refuse. */
  refusals: SafetyRefusal[];
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  /** Path of access.yaml as given. */
  configFile: string;
  instanceArn: string;
  /** Sorted in apply order: by kind (users, groups, memberships, permission sets, session
   * revocations, provisions, assignments), then action, then name. */
  changes: Change[];
  /** User rows (by user, account, permission set, effect), then group rows (by group, account, permission set, effect). */
  accessChanges: AccessChange[];
  warnings: PlanWarning[];
  counts: PlanCounts;
  /** Account ID → name of every account the plan mentions. */
  accountNames: Record<string, string>;
  /**
   * Whether apply will carry this plan out. Not part of the hash, on purpose: the hash is what
   * apply does in AWS, and apply decides the verdict again from its own fresh plan. The verdict
   * depends on who plans (the own-access check looks at the caller: the pull request's read-only
   * role is never an Identity Center session, the person running `idc apply` may be) and on the
   * `safety:` settings, neither of which changes what is done; hashing it would turn a reviewed
   * plan into "plan changed" without any difference in the changes a reviewer approved.
   */
  safety: SafetyVerdict;
  /**
   * What was read and planned, when a scoped plan was asked for: `scoped` (only what the change
   * can affect; drift elsewhere is left to the drift check) or `full` with the reason a scoped
   * plan was not possible. Absent for a plain full plan. Part of the hash when scoped.
   */
  scope?: PlanScope;
  /**
   * When the last full read of AWS (a full plan: the drift check) happened, ISO 8601, as the name
   * cache remembers it (src/cache/); only on a scoped plan, whose outputs say that drift elsewhere
   * is left to the drift check. Not part of the hash, on purpose: it changes with every drift run
   * while what the plan does in AWS does not, and apply on merge must match the reviewed hash.
   */
  lastFullRead?: string;
  /** sha256 (hex) of the canonical JSON of { formatVersion, instanceArn, changes }. */
  hash: string;
}
