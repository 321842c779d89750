/**
 * An in-memory IdentityCenterGateway for read tests: Map-backed READ methods that count calls the
 * way the SDK gateway does (one per page, with AWS's page sizes). Write methods throw.
 */
import type { CallCounting } from '../../src/aws/call-counts.js';
import { actionOf } from '../../src/aws/operations.js';
import type {
  CallerIdentity,
  GroupRecord,
  IdentityCenterGateway,
  InstanceInfo,
  MembershipRecord,
  NamedId,
  OrgAccountInfo,
  PermissionSetRecord,
  UserRecord,
} from '../../src/aws/gateway.js';
import type { PrincipalType } from '../../src/model/assignment.js';
import type { AccountStatus } from '../../src/model/organization.js';
import type { CustomerManagedPolicyRef, PermissionsBoundary } from '../../src/model/permission-set.js';

export interface FakeAccount {
  id: string;
  name: string;
  status?: AccountStatus;
  parentId: string;
  tags?: Record<string, string>;
}

export interface FakePermissionSet {
  arn: string;
  name: string;
  description?: string;
  sessionDuration?: string;
  relayState?: string;
  tags?: Record<string, string>;
  /** AWS answers "" when there is none. */
  inlinePolicy?: string;
  managedPolicies?: string[];
  customerManagedPolicies?: CustomerManagedPolicyRef[];
  boundary?: PermissionsBoundary;
  /** Accounts the set is provisioned to (outdated ones included). */
  provisioned?: string[];
  outdated?: string[];
}

export interface FakeAssignment {
  permissionSetArn: string;
  accountId: string;
  principalType: PrincipalType;
  principalId: string;
}

export interface FakeWorld {
  instances: InstanceInfo[];
  caller: CallerIdentity;
  managementAccountId: string;
  rootId: string;
  accounts: FakeAccount[];
  ous: { id: string; name: string; parentId: string }[];
  users: UserRecord[];
  groups: GroupRecord[];
  /** Group ID → members. */
  memberships: Record<string, MembershipRecord[]>;
  permissionSets: FakePermissionSet[];
  assignments: FakeAssignment[];
}

const ORG_PAGE = 20;
const PAGE = 100;

export class FakeGateway implements IdentityCenterGateway, CallCounting {
  readonly counts: Record<string, number> = {};
  constructor(readonly world: FakeWorld) {}

  callCounts(): Record<string, number> {
    return { ...this.counts };
  }

  /** Counts `pages(n)` calls of the method's operation. */
  private count(method: keyof IdentityCenterGateway, items = 0, pageSize = Infinity): void {
    const op = actionOf(method);
    const n = Math.max(1, Math.ceil(items / pageSize));
    this.counts[op] = (this.counts[op] ?? 0) + n;
  }

  private set(arn: string): FakePermissionSet {
    const ps = this.world.permissionSets.find((p) => p.arn === arn);
    if (!ps) throw Object.assign(new Error(`no permission set ${arn}`), { name: 'ResourceNotFoundException' });
    return ps;
  }

  async listInstances(): Promise<InstanceInfo[]> {
    this.count('listInstances', this.world.instances.length, PAGE);
    return this.world.instances;
  }
  async callerIdentity(): Promise<CallerIdentity> {
    this.count('callerIdentity');
    return this.world.caller;
  }
  async describeOrganization(): Promise<{ managementAccountId: string }> {
    this.count('describeOrganization');
    return { managementAccountId: this.world.managementAccountId };
  }
  async listAccounts(): Promise<OrgAccountInfo[]> {
    this.count('listAccounts', this.world.accounts.length, ORG_PAGE);
    // AWS's order is not sorted: reverse to prove the reader sorts.
    return [...this.world.accounts].reverse().map((a) => ({ id: a.id, name: a.name, status: a.status ?? 'ACTIVE' }));
  }
  async listRoots(): Promise<NamedId[]> {
    this.count('listRoots', 1, ORG_PAGE);
    return [{ id: this.world.rootId, name: 'Root' }];
  }
  async listOrganizationalUnitsForParent(parentId: string): Promise<NamedId[]> {
    const ous = this.world.ous.filter((o) => o.parentId === parentId);
    this.count('listOrganizationalUnitsForParent', ous.length, ORG_PAGE);
    return ous.map((o) => ({ id: o.id, name: o.name }));
  }
  async listAccountsForParent(parentId: string): Promise<OrgAccountInfo[]> {
    const under = this.world.accounts.filter((a) => a.parentId === parentId);
    this.count('listAccountsForParent', under.length, ORG_PAGE);
    return under.map((a) => ({ id: a.id, name: a.name, status: a.status ?? 'ACTIVE' }));
  }
  async listTagsForResource(resourceId: string): Promise<Record<string, string>> {
    this.count('listTagsForResource');
    return { ...this.world.accounts.find((a) => a.id === resourceId)?.tags };
  }

  async listUsers(): Promise<UserRecord[]> {
    this.count('listUsers', this.world.users.length, PAGE);
    return this.world.users;
  }
  async listGroups(): Promise<GroupRecord[]> {
    this.count('listGroups', this.world.groups.length, PAGE);
    return this.world.groups;
  }
  async listGroupMemberships(_store: string, groupId: string): Promise<MembershipRecord[]> {
    const members = this.world.memberships[groupId] ?? [];
    this.count('listGroupMemberships', members.length, PAGE);
    return members;
  }
  async listGroupMembershipsForMember(_store: string, userId: string): Promise<string[]> {
    const groups = Object.entries(this.world.memberships)
      .filter(([, ms]) => ms.some((m) => m.userId === userId))
      .map(([g]) => g);
    this.count('listGroupMembershipsForMember', groups.length, PAGE);
    return groups.sort();
  }
  async getUserId(_store: string, userName: string): Promise<string | undefined> {
    this.count('getUserId');
    return this.world.users.find((u) => u.userName === userName)?.userId;
  }
  async getGroupId(_store: string, displayName: string): Promise<string | undefined> {
    this.count('getGroupId');
    return this.world.groups.find((g) => g.displayName === displayName)?.groupId;
  }
  async describeUser(_store: string, userId: string): Promise<UserRecord | undefined> {
    this.count('describeUser');
    return this.world.users.find((u) => u.userId === userId);
  }
  async describeGroup(_store: string, groupId: string): Promise<GroupRecord | undefined> {
    this.count('describeGroup');
    return this.world.groups.find((g) => g.groupId === groupId);
  }

  async listPermissionSets(): Promise<string[]> {
    this.count('listPermissionSets', this.world.permissionSets.length, PAGE);
    return this.world.permissionSets.map((p) => p.arn).reverse();
  }
  async describePermissionSet(_i: string, arn: string): Promise<PermissionSetRecord> {
    this.count('describePermissionSet');
    const ps = this.set(arn);
    return {
      arn,
      name: ps.name,
      sessionDuration: ps.sessionDuration ?? 'PT1H',
      ...(ps.description !== undefined ? { description: ps.description } : {}),
      ...(ps.relayState !== undefined ? { relayState: ps.relayState } : {}),
    };
  }
  async listTagsForPermissionSet(_i: string, arn: string): Promise<Record<string, string>> {
    this.count('listTagsForPermissionSet');
    return { ...this.set(arn).tags };
  }
  async getInlinePolicy(_i: string, arn: string): Promise<string | undefined> {
    this.count('getInlinePolicy');
    return this.set(arn).inlinePolicy;
  }
  async listManagedPolicies(_i: string, arn: string): Promise<string[]> {
    const list = this.set(arn).managedPolicies ?? [];
    this.count('listManagedPolicies', list.length, PAGE);
    return [...list];
  }
  async listCustomerManagedPolicies(_i: string, arn: string): Promise<CustomerManagedPolicyRef[]> {
    const list = this.set(arn).customerManagedPolicies ?? [];
    this.count('listCustomerManagedPolicies', list.length, PAGE);
    return [...list];
  }
  async getPermissionsBoundary(_i: string, arn: string): Promise<PermissionsBoundary | undefined> {
    this.count('getPermissionsBoundary');
    return this.set(arn).boundary;
  }
  async listAccountsForProvisionedPermissionSet(_i: string, arn: string, outdatedOnly?: boolean): Promise<string[]> {
    const ps = this.set(arn);
    const ids = outdatedOnly ? (ps.outdated ?? []) : (ps.provisioned ?? []);
    this.count('listAccountsForProvisionedPermissionSet', ids.length, PAGE);
    return [...ids];
  }
  async listAccountAssignments(_i: string, accountId: string, arn: string) {
    const list = this.world.assignments
      .filter((a) => a.accountId === accountId && a.permissionSetArn === arn)
      .map((a) => ({ principalType: a.principalType, principalId: a.principalId }));
    this.count('listAccountAssignments', list.length, PAGE);
    return list;
  }

  async listAccountAssignmentsForPrincipal(_i: string, type: PrincipalType, id: string) {
    const list = this.world.assignments
      .filter((a) => a.principalType === type && a.principalId === id)
      .map((a) => ({ accountId: a.accountId, permissionSetArn: a.permissionSetArn }));
    this.count('listAccountAssignmentsForPrincipal', list.length, PAGE);
    return list;
  }

  // --- writes: not used by reads -------------------------------------------------------------
  private notUsed(): never {
    throw new Error('not used: the fake gateway only reads');
  }
  createUser = async (): Promise<string> => this.notUsed();
  updateUser = async (): Promise<void> => this.notUsed();
  deleteUser = async (): Promise<void> => this.notUsed();
  createGroup = async (): Promise<string> => this.notUsed();
  updateGroup = async (): Promise<void> => this.notUsed();
  deleteGroup = async (): Promise<void> => this.notUsed();
  createGroupMembership = async (): Promise<string> => this.notUsed();
  deleteGroupMembership = async (): Promise<void> => this.notUsed();
  createPermissionSet = async (): Promise<string> => this.notUsed();
  updatePermissionSet = async (): Promise<void> => this.notUsed();
  deletePermissionSet = async (): Promise<void> => this.notUsed();
  putInlinePolicy = async (): Promise<void> => this.notUsed();
  deleteInlinePolicy = async (): Promise<void> => this.notUsed();
  attachManagedPolicy = async (): Promise<void> => this.notUsed();
  detachManagedPolicy = async (): Promise<void> => this.notUsed();
  attachCustomerManagedPolicy = async (): Promise<void> => this.notUsed();
  detachCustomerManagedPolicy = async (): Promise<void> => this.notUsed();
  putPermissionsBoundary = async (): Promise<void> => this.notUsed();
  deletePermissionsBoundary = async (): Promise<void> => this.notUsed();
  tagPermissionSet = async (): Promise<void> => this.notUsed();
  untagPermissionSet = async (): Promise<void> => this.notUsed();
  provisionPermissionSet = async (): Promise<never> => this.notUsed();
  describeProvisioningStatus = async (): Promise<never> => this.notUsed();
  createAccountAssignment = async (): Promise<never> => this.notUsed();
  deleteAccountAssignment = async (): Promise<never> => this.notUsed();
  describeAssignmentCreationStatus = async (): Promise<never> => this.notUsed();
  describeAssignmentDeletionStatus = async (): Promise<never> => this.notUsed();
}
