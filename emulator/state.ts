import { SortedMap } from './sorted-map.js';
import type { AccountStatus, PrincipalType, ProvisioningStatus } from './world-types.js';

export interface AccountRec {
  id: string;
  name: string;
  email: string;
  status: AccountStatus;
  parentId: string;
  tags: Map<string, string>;
  /** Normalised `/path/Name` keys; undefined = every policy exists. */
  customerPolicies: Set<string> | undefined;
  joinedAt: number;
}

export interface OuRec {
  id: string;
  name: string;
  parentId: string;
  tags: Map<string, string>;
}

export interface Children {
  accounts: SortedMap<string>;
  ous: SortedMap<string>;
}

export interface EmailRec {
  Value: string;
  Type?: string;
  Primary?: boolean;
}

export interface UserRec {
  id: string;
  userName: string;
  displayName: string | undefined;
  givenName: string | undefined;
  familyName: string | undefined;
  emails: EmailRec[];
  createdAt: number;
  updatedAt: number;
}

export interface GroupRec {
  id: string;
  displayName: string;
  description: string | undefined;
  createdAt: number;
  updatedAt: number;
}

export interface MembershipRec {
  id: string;
  groupId: string;
  userId: string;
  createdAt: number;
}

export interface CustomerRef {
  Name: string;
  Path: string;
}

export type BoundaryRec = { ManagedPolicyArn: string } | { CustomerManagedPolicyReference: CustomerRef };

export interface PermissionSetRec {
  arn: string;
  name: string;
  description: string | undefined;
  sessionDuration: string;
  relayState: string | undefined;
  createdAt: number;
  /** "" when none. */
  inlinePolicy: string;
  /** ARN → name, in attach order. */
  managed: Map<string, string>;
  /** `/path/Name` → reference, in attach order. */
  customer: Map<string, CustomerRef>;
  boundary: BoundaryRec | undefined;
  tags: Map<string, string>;
}

export interface AssignmentRec {
  accountId: string;
  permissionSetArn: string;
  principalType: PrincipalType;
  principalId: string;
}

export interface ProvisionRec {
  permissionSetArn: string;
  accountId: string;
  status: ProvisioningStatus;
}

export const principalKey = (type: string, id: string): string => `${type}#${id}`;
export const pairKey = (accountId: string, psArn: string): string => `${accountId}|${psArn}`;
export const customerKey = (ref: CustomerRef): string => `${ref.Path}${ref.Name}`;

function bucket<V>(index: Map<string, SortedMap<V>>, key: string): SortedMap<V> {
  let b = index.get(key);
  if (!b) {
    b = new SortedMap<V>();
    index.set(key, b);
  }
  return b;
}

/** Everything the emulator holds, with the indexes the list calls page through. */
export class EmulatorState {
  organizationId = '';
  managementAccountId = '';
  /** Member accounts registered as delegated administrators of IAM Identity Center. */
  readonly delegatedAdministrators = new Set<string>();
  rootId = '';
  rootTags = new Map<string, string>();
  readonly accounts = new SortedMap<AccountRec>();
  readonly ous = new SortedMap<OuRec>();
  readonly children = new Map<string, Children>();

  instanceArn = '';
  identityStoreId = '';
  instanceOwner = '';
  /** The instance's name, when the world gives it one (AWS returns `Name` only for a named instance). */
  instanceName: string | undefined;
  instanceCreatedAt = 0;

  readonly users = new SortedMap<UserRec>();
  /** lower-cased UserName → user ID */
  readonly userByName = new Map<string, string>();
  /** lower-cased primary email → user ID */
  readonly userByEmail = new Map<string, string>();
  readonly groups = new SortedMap<GroupRec>();
  /** lower-cased DisplayName → group ID */
  readonly groupByName = new Map<string, string>();
  readonly memberships = new Map<string, MembershipRec>();
  readonly membershipsByGroup = new Map<string, SortedMap<MembershipRec>>();
  readonly membershipsByUser = new Map<string, SortedMap<MembershipRec>>();
  /** `groupId|userId` → membership ID */
  readonly membershipByPair = new Map<string, string>();

  readonly permissionSets = new SortedMap<PermissionSetRec>();
  readonly permissionSetByName = new Map<string, string>();

  /** `account|ps` → principalKey → assignment */
  readonly assignmentsByPair = new Map<string, SortedMap<AssignmentRec>>();
  /** principalKey → `account|ps` → assignment */
  readonly assignmentsByPrincipal = new Map<string, SortedMap<AssignmentRec>>();
  readonly assignmentCountByPs = new Map<string, number>();
  assignmentCount = 0;

  /** ps → account → record */
  readonly provisionedByPs = new Map<string, SortedMap<ProvisionRec>>();
  /** account → ps → the same record */
  readonly provisionedByAccount = new Map<string, SortedMap<ProvisionRec>>();

  childrenOf(parentId: string): Children {
    let c = this.children.get(parentId);
    if (!c) {
      c = { accounts: new SortedMap<string>(), ous: new SortedMap<string>() };
      this.children.set(parentId, c);
    }
    return c;
  }

  addAccount(a: AccountRec): void {
    this.accounts.set(a.id, a);
    this.childrenOf(a.parentId).accounts.set(a.id, a.id);
  }

  addOu(ou: OuRec): void {
    this.ous.set(ou.id, ou);
    this.childrenOf(ou.parentId).ous.set(ou.id, ou.id);
  }

  addUser(u: UserRec): void {
    this.users.set(u.id, u);
    this.userByName.set(u.userName.toLowerCase(), u.id);
    for (const e of u.emails) this.userByEmail.set(e.Value.toLowerCase(), u.id);
  }

  /** Drops a user from the name/email indexes (before an update re-adds it). */
  unindexUser(u: UserRec): void {
    this.userByName.delete(u.userName.toLowerCase());
    for (const e of u.emails) this.userByEmail.delete(e.Value.toLowerCase());
  }

  removeUser(id: string): void {
    const u = this.users.get(id);
    if (!u) return;
    for (const m of [...(this.membershipsByUser.get(id)?.values() ?? [])]) this.removeMembership(m.id);
    this.users.delete(id);
    this.unindexUser(u);
  }

  addGroup(g: GroupRec): void {
    this.groups.set(g.id, g);
    this.groupByName.set(g.displayName.toLowerCase(), g.id);
  }

  removeGroup(id: string): void {
    const g = this.groups.get(id);
    if (!g) return;
    for (const m of [...(this.membershipsByGroup.get(id)?.values() ?? [])]) this.removeMembership(m.id);
    this.groups.delete(id);
    this.groupByName.delete(g.displayName.toLowerCase());
  }

  addMembership(m: MembershipRec): void {
    this.memberships.set(m.id, m);
    bucket(this.membershipsByGroup, m.groupId).set(m.id, m);
    bucket(this.membershipsByUser, m.userId).set(m.id, m);
    this.membershipByPair.set(`${m.groupId}|${m.userId}`, m.id);
  }

  removeMembership(id: string): void {
    const m = this.memberships.get(id);
    if (!m) return;
    this.memberships.delete(id);
    this.membershipsByGroup.get(m.groupId)?.delete(id);
    this.membershipsByUser.get(m.userId)?.delete(id);
    this.membershipByPair.delete(`${m.groupId}|${m.userId}`);
  }

  addPermissionSet(ps: PermissionSetRec): void {
    this.permissionSets.set(ps.arn, ps);
    this.permissionSetByName.set(ps.name, ps.arn);
  }

  removePermissionSet(arn: string): void {
    const ps = this.permissionSets.get(arn);
    if (!ps) return;
    this.permissionSets.delete(arn);
    this.permissionSetByName.delete(ps.name);
  }

  hasAssignment(a: AssignmentRec): boolean {
    return this.assignmentsByPair.get(pairKey(a.accountId, a.permissionSetArn))?.has(principalKey(a.principalType, a.principalId)) ?? false;
  }

  /** Adds an assignment; false when it already existed. */
  addAssignment(a: AssignmentRec): boolean {
    const pk = principalKey(a.principalType, a.principalId);
    const byPair = bucket(this.assignmentsByPair, pairKey(a.accountId, a.permissionSetArn));
    if (byPair.has(pk)) return false;
    byPair.set(pk, a);
    bucket(this.assignmentsByPrincipal, pk).set(pairKey(a.accountId, a.permissionSetArn), a);
    this.assignmentCountByPs.set(a.permissionSetArn, (this.assignmentCountByPs.get(a.permissionSetArn) ?? 0) + 1);
    this.assignmentCount++;
    return true;
  }

  /** Removes an assignment; returns how many remain for its (account, permission set). */
  removeAssignment(a: AssignmentRec): number {
    const pk = principalKey(a.principalType, a.principalId);
    const pair = pairKey(a.accountId, a.permissionSetArn);
    const byPair = this.assignmentsByPair.get(pair);
    if (byPair?.delete(pk)) {
      this.assignmentsByPrincipal.get(pk)?.delete(pair);
      this.assignmentCountByPs.set(a.permissionSetArn, (this.assignmentCountByPs.get(a.permissionSetArn) ?? 1) - 1);
      this.assignmentCount--;
    }
    const left = byPair?.size ?? 0;
    if (byPair && left === 0) this.assignmentsByPair.delete(pair);
    return left;
  }

  setProvisioned(psArn: string, accountId: string, status: ProvisioningStatus): void {
    const existing = this.provisionedByPs.get(psArn)?.get(accountId);
    if (existing) {
      existing.status = status;
      return;
    }
    const rec: ProvisionRec = { permissionSetArn: psArn, accountId, status };
    bucket(this.provisionedByPs, psArn).set(accountId, rec);
    bucket(this.provisionedByAccount, accountId).set(psArn, rec);
  }

  provisioningOf(psArn: string, accountId: string): ProvisionRec | undefined {
    return this.provisionedByPs.get(psArn)?.get(accountId);
  }

  unprovision(psArn: string, accountId: string): void {
    this.provisionedByPs.get(psArn)?.delete(accountId);
    this.provisionedByAccount.get(accountId)?.delete(psArn);
  }

  provisionedAccounts(psArn: string): string[] {
    return [...(this.provisionedByPs.get(psArn)?.sortedKeys() ?? [])];
  }

  /** After an edit of the set: every account it reached now runs an old version. */
  markStale(psArn: string): void {
    for (const acct of this.provisionedAccounts(psArn)) this.setProvisioned(psArn, acct, 'LATEST_PERMISSION_SET_NOT_PROVISIONED');
  }
}
