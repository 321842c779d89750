/**
 * Changes made "by hand" through the real SDK clients, as an administrator clicking in the console
 * would: the manual fix after a plan, or drift introduced between runs. IDs are looked up in the
 * emulator's dump; every write goes over HTTP.
 */
import {
  CreateGroupMembershipCommand,
  DeleteGroupCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  GetGroupMembershipIdCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-identitystore';
import {
  AttachManagedPolicyToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DeletePermissionSetCommand,
  DeletePermissionsBoundaryFromPermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  TagResourceCommand,
  UpdatePermissionSetCommand,
  type PermissionsBoundary,
} from '@aws-sdk/client-sso-admin';
import type { RunningEmulator, World } from '../../emulator/index.js';
import type { Clients } from '../../emulator/sdk-clients.js';

export type Principal = { user: string } | { group: string };

export class ByHand {
  constructor(
    private readonly emu: RunningEmulator,
    private readonly sdk: Clients,
  ) {}

  /** Completes the emulator's asynchronous operations, as waiting in the console would. */
  async settle(): Promise<void> {
    const res = await fetch(`${this.emu.endpoint}/_emulator/settle`, { method: 'POST' });
    if (!res.ok) throw new Error(`settle: HTTP ${res.status}`);
  }

  private world(): World {
    return this.emu.dump();
  }
  private get instanceArn(): string {
    return this.emu.state.instanceArn;
  }
  private get storeId(): string {
    return this.world().instance.identityStoreId;
  }

  psArn(name: string): string {
    const ps = this.world().permissionSets?.find((p) => p.name === name);
    if (!ps?.arn) throw new Error(`no permission set ${name} in the emulator`);
    return ps.arn;
  }
  userId(userName: string): string {
    const u = this.world().users?.find((x) => x.userName === userName);
    if (!u) throw new Error(`no user ${userName} in the emulator`);
    return u.id;
  }
  groupId(displayName: string): string {
    const g = this.world().groups?.find((x) => x.displayName === displayName);
    if (!g) throw new Error(`no group ${displayName} in the emulator`);
    return g.id;
  }
  private principal(p: Principal): { PrincipalType: 'USER' | 'GROUP'; PrincipalId: string } {
    return 'user' in p ? { PrincipalType: 'USER', PrincipalId: this.userId(p.user) } : { PrincipalType: 'GROUP', PrincipalId: this.groupId(p.group) };
  }

  async setEmail(userName: string, email: string): Promise<void> {
    await this.sdk.ids.send(
      new UpdateUserCommand({
        IdentityStoreId: this.storeId,
        UserId: this.userId(userName),
        Operations: [{ AttributePath: 'emails', AttributeValue: [{ value: email, type: 'work', primary: true }] }],
      }),
    );
  }
  async deleteUser(userName: string): Promise<void> {
    await this.sdk.ids.send(new DeleteUserCommand({ IdentityStoreId: this.storeId, UserId: this.userId(userName) }));
  }
  async deleteGroup(displayName: string): Promise<void> {
    await this.sdk.ids.send(new DeleteGroupCommand({ IdentityStoreId: this.storeId, GroupId: this.groupId(displayName) }));
  }
  async addMember(group: string, user: string): Promise<void> {
    await this.sdk.ids.send(
      new CreateGroupMembershipCommand({ IdentityStoreId: this.storeId, GroupId: this.groupId(group), MemberId: { UserId: this.userId(user) } }),
    );
  }
  async removeMember(group: string, user: string): Promise<void> {
    const { MembershipId } = await this.sdk.ids.send(
      new GetGroupMembershipIdCommand({ IdentityStoreId: this.storeId, GroupId: this.groupId(group), MemberId: { UserId: this.userId(user) } }),
    );
    await this.sdk.ids.send(new DeleteGroupMembershipCommand({ IdentityStoreId: this.storeId, MembershipId }));
  }

  /** Description, session duration and relay state are sent together (omitted relay state is cleared). */
  async updateSet(name: string, fields: { description: string; sessionDuration: string; relayState?: string }): Promise<void> {
    await this.sdk.sso.send(
      new UpdatePermissionSetCommand({
        InstanceArn: this.instanceArn,
        PermissionSetArn: this.psArn(name),
        Description: fields.description,
        SessionDuration: fields.sessionDuration,
        ...(fields.relayState !== undefined ? { RelayState: fields.relayState } : {}),
      }),
    );
  }
  async attach(name: string, policyArn: string): Promise<void> {
    await this.sdk.sso.send(
      new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: this.instanceArn, PermissionSetArn: this.psArn(name), ManagedPolicyArn: policyArn }),
    );
  }
  async detach(name: string, policyArn: string): Promise<void> {
    await this.sdk.sso.send(
      new DetachManagedPolicyFromPermissionSetCommand({ InstanceArn: this.instanceArn, PermissionSetArn: this.psArn(name), ManagedPolicyArn: policyArn }),
    );
  }
  async putInline(name: string, policy: string): Promise<void> {
    await this.sdk.sso.send(
      new PutInlinePolicyToPermissionSetCommand({ InstanceArn: this.instanceArn, PermissionSetArn: this.psArn(name), InlinePolicy: policy }),
    );
  }
  async putBoundary(name: string, boundary: PermissionsBoundary): Promise<void> {
    await this.sdk.sso.send(
      new PutPermissionsBoundaryToPermissionSetCommand({ InstanceArn: this.instanceArn, PermissionSetArn: this.psArn(name), PermissionsBoundary: boundary }),
    );
  }
  async deleteBoundary(name: string): Promise<void> {
    await this.sdk.sso.send(new DeletePermissionsBoundaryFromPermissionSetCommand({ InstanceArn: this.instanceArn, PermissionSetArn: this.psArn(name) }));
  }
  async tag(name: string, tags: Record<string, string>): Promise<void> {
    await this.sdk.sso.send(
      new TagResourceCommand({
        InstanceArn: this.instanceArn,
        ResourceArn: this.psArn(name),
        Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
  }
  async provision(name: string): Promise<void> {
    await this.sdk.sso.send(
      new ProvisionPermissionSetCommand({ InstanceArn: this.instanceArn, PermissionSetArn: this.psArn(name), TargetType: 'ALL_PROVISIONED_ACCOUNTS' }),
    );
    await this.settle();
  }
  async deleteSet(name: string): Promise<void> {
    await this.sdk.sso.send(new DeletePermissionSetCommand({ InstanceArn: this.instanceArn, PermissionSetArn: this.psArn(name) }));
  }
  async assign(set: string, principal: Principal, accountId: string): Promise<void> {
    await this.sdk.sso.send(
      new CreateAccountAssignmentCommand({
        InstanceArn: this.instanceArn,
        PermissionSetArn: this.psArn(set),
        TargetType: 'AWS_ACCOUNT',
        TargetId: accountId,
        ...this.principal(principal),
      }),
    );
    await this.settle();
  }
  async unassign(set: string, principal: Principal, accountId: string): Promise<void> {
    await this.sdk.sso.send(
      new DeleteAccountAssignmentCommand({
        InstanceArn: this.instanceArn,
        PermissionSetArn: this.psArn(set),
        TargetType: 'AWS_ACCOUNT',
        TargetId: accountId,
        ...this.principal(principal),
      }),
    );
    await this.settle();
  }
}
