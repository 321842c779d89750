/** State and read operations of the fake Identity Center (see fake-gateway.ts for writes). */
import type { AssignmentTarget, PermissionSetAttributes } from '../../src/aws/gateway.js';
import type { PrincipalType } from '../../src/model/assignment.js';
import type { User } from '../../src/model/identity.js';
import type { Live } from '../../src/model/live.js';
import type { CustomerManagedPolicyRef, PermissionsBoundary } from '../../src/model/permission-set.js';

export class FakeAwsError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly Reason?: string,
  ) {
    super(message);
  }
}

export interface FakeSet {
  arn: string;
  name: string;
  attributes: PermissionSetAttributes;
  inline?: string;
  managed: Set<string>;
  customer: Set<string>;
  boundary?: PermissionsBoundary;
  tags: Record<string, string>;
  provisionedTo: Set<string>;
}

export class FakeStore {
  users = new Map<string, User & { userId: string }>();
  groups = new Map<string, { groupId: string; displayName: string; description?: string }>();
  memberships = new Map<string, { groupId: string; userId: string }>();
  sets = new Map<string, FakeSet>();
  assignments = new Set<string>();

  constructor(live?: Live) {
    if (!live) return;
    for (const u of Object.values(live.users)) this.users.set(u.userId, { ...u });
    for (const g of Object.values(live.groups)) {
      this.groups.set(g.groupId, { groupId: g.groupId, displayName: g.displayName, ...(g.description !== undefined ? { description: g.description } : {}) });
      for (const [user, membershipId] of Object.entries(g.membershipIds)) {
        const userId = live.users[user]?.userId ?? `unknown-${user}`;
        this.memberships.set(membershipId, { groupId: g.groupId, userId });
      }
    }
    for (const s of Object.values(live.permissionSets)) {
      this.sets.set(s.arn, {
        arn: s.arn,
        name: s.name,
        attributes: {
          sessionDuration: s.sessionDuration,
          ...(s.description !== undefined ? { description: s.description } : {}),
          ...(s.relayState !== undefined ? { relayState: s.relayState } : {}),
        },
        ...(s.inlinePolicy !== undefined ? { inline: s.inlinePolicy } : {}),
        managed: new Set(s.managedPolicies),
        customer: new Set(s.customerManagedPolicies.map((r) => `${r.path}${r.name}`)),
        ...(s.permissionsBoundary !== undefined ? { boundary: s.permissionsBoundary } : {}),
        tags: { ...s.tags },
        provisionedTo: new Set(s.provisionedAccountIds),
      });
    }
    for (const a of live.assignments) {
      this.assignments.add(
        assignmentId({ accountId: a.accountId, permissionSetArn: a.permissionSetArn, principalType: a.principalType, principalId: a.principalId }),
      );
    }
  }

  protected set(arn: string): FakeSet {
    const set = this.sets.get(arn);
    if (!set) throw new FakeAwsError('ResourceNotFoundException', `no permission set ${arn}`);
    return set;
  }

  // --- discovery and reads (not used by apply) -----------------------------------------------

  async listInstances() {
    return [];
  }
  async callerIdentity() {
    return { accountId: '111122223333', arn: 'arn:aws:sts::111122223333:assumed-role/test/test' };
  }
  async describeOrganization() {
    return { managementAccountId: '111122223333' };
  }
  async listAccounts() {
    return [];
  }
  async listRoots() {
    return [];
  }
  async listOrganizationalUnitsForParent() {
    return [];
  }
  async listAccountsForParent() {
    return [];
  }
  async listTagsForResource() {
    return {};
  }
  async listUsers() {
    return [...this.users.values()];
  }
  async listGroups() {
    return [...this.groups.values()];
  }
  async listGroupMemberships(_store: string, groupId: string) {
    return [...this.memberships].filter(([, m]) => m.groupId === groupId).map(([membershipId, m]) => ({ membershipId, userId: m.userId }));
  }
  async listGroupMembershipsForMember(_store: string, userId: string) {
    return [...new Set([...this.memberships.values()].filter((m) => m.userId === userId).map((m) => m.groupId))].sort();
  }
  async getUserId(_store: string, userName: string) {
    return [...this.users.values()].find((u) => u.userName === userName)?.userId;
  }
  async getGroupId(_store: string, name: string) {
    return [...this.groups.values()].find((g) => g.displayName === name)?.groupId;
  }
  async describeUser(_store: string, userId: string) {
    return this.users.get(userId);
  }
  async describeGroup(_store: string, groupId: string) {
    return this.groups.get(groupId);
  }
  async listPermissionSets() {
    return [...this.sets.keys()];
  }
  async describePermissionSet(_i: string, arn: string) {
    const s = this.set(arn);
    return { arn, name: s.name, ...s.attributes };
  }
  async listTagsForPermissionSet(_i: string, arn: string) {
    return { ...this.set(arn).tags };
  }
  async getInlinePolicy(_i: string, arn: string) {
    return this.set(arn).inline;
  }
  async listManagedPolicies(_i: string, arn: string) {
    return [...this.set(arn).managed].sort();
  }
  async listCustomerManagedPolicies(_i: string, arn: string): Promise<CustomerManagedPolicyRef[]> {
    return [...this.set(arn).customer].sort().map((k) => ({ path: k.slice(0, k.lastIndexOf('/') + 1), name: k.slice(k.lastIndexOf('/') + 1) }));
  }
  async getPermissionsBoundary(_i: string, arn: string) {
    return this.set(arn).boundary;
  }
  async listAccountsForProvisionedPermissionSet(_i: string, arn: string) {
    return [...this.set(arn).provisionedTo].sort();
  }
  async listAccountAssignments(_i: string, accountId: string, arn: string) {
    return [...this.assignments]
      .map(parseAssignmentId)
      .filter((a) => a.accountId === accountId && a.permissionSetArn === arn)
      .map((a) => ({ principalType: a.principalType, principalId: a.principalId }));
  }

  async listAccountAssignmentsForPrincipal(_i: string, type: PrincipalType, id: string) {
    return [...this.assignments]
      .map(parseAssignmentId)
      .filter((a) => a.principalType === type && a.principalId === id)
      .map((a) => ({ accountId: a.accountId, permissionSetArn: a.permissionSetArn }));
  }

  principalName(type: PrincipalType, id: string): string {
    return type === 'USER' ? (this.users.get(id)?.userName ?? id) : (this.groups.get(id)?.displayName ?? id);
  }
}

export function assignmentId(t: AssignmentTarget): string {
  return [t.accountId, t.permissionSetArn, t.principalType, t.principalId].join('|');
}

export function parseAssignmentId(id: string): AssignmentTarget {
  const [accountId = '', permissionSetArn = '', principalType = 'USER', principalId = ''] = id.split('|');
  return { accountId, permissionSetArn, principalType: principalType as PrincipalType, principalId };
}

export function describeTarget(t: AssignmentTarget, fake: FakeStore): string {
  const set = fake.sets.get(t.permissionSetArn)?.name ?? t.permissionSetArn;
  return `${set} ${t.principalType} ${fake.principalName(t.principalType, t.principalId)} ${t.accountId}`;
}
