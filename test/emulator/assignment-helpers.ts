/** Helpers for the assignment/provisioning tests: principals, sets, and polling to completion. */
import { CreateGroupCommand, CreateUserCommand } from '@aws-sdk/client-identitystore';
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  CreateAccountAssignmentCommand,
  CreatePermissionSetCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetProvisioningStatusCommand,
  ListAccountAssignmentsCommand,
  type AccountAssignmentOperationStatus,
  type PermissionSetProvisioningStatus,
} from '@aws-sdk/client-sso-admin';
import { INSTANCE, STORE, type Clients } from './test-helpers.js';

let seq = 0;

export async function newUser(c: Clients): Promise<string> {
  const name = `user${++seq}`;
  const r = await c.ids.send(
    new CreateUserCommand({
      IdentityStoreId: STORE,
      UserName: name,
      DisplayName: name,
      Name: { GivenName: name, FamilyName: 'T' },
      Emails: [{ Value: `${name}@example.com` }],
    }),
  );
  return r.UserId!;
}

export async function newGroup(c: Clients): Promise<string> {
  return (await c.ids.send(new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: `group${++seq}` }))).GroupId!;
}

export async function newSet(c: Clients, customerPolicy?: string): Promise<string> {
  const arn = (await c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: `Set${++seq}` }))).PermissionSet!.PermissionSetArn!;
  if (customerPolicy) {
    await c.sso.send(
      new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
        InstanceArn: INSTANCE,
        PermissionSetArn: arn,
        CustomerManagedPolicyReference: { Name: customerPolicy },
      }),
    );
  }
  return arn;
}

export const assign = (
  c: Clients,
  account: string,
  ps: string,
  principal: string,
  type: 'USER' | 'GROUP' = 'USER',
): Promise<AccountAssignmentOperationStatus> =>
  c.sso
    .send(
      new CreateAccountAssignmentCommand({
        InstanceArn: INSTANCE,
        TargetId: account,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: ps,
        PrincipalType: type,
        PrincipalId: principal,
      }),
    )
    .then((r) => r.AccountAssignmentCreationStatus!);

export const unassign = (
  c: Clients,
  account: string,
  ps: string,
  principal: string,
  type: 'USER' | 'GROUP' = 'USER',
): Promise<AccountAssignmentOperationStatus> =>
  c.sso
    .send(
      new DeleteAccountAssignmentCommand({
        InstanceArn: INSTANCE,
        TargetId: account,
        TargetType: 'AWS_ACCOUNT',
        PermissionSetArn: ps,
        PrincipalType: type,
        PrincipalId: principal,
      }),
    )
    .then((r) => r.AccountAssignmentDeletionStatus!);

/** Polls a creation/deletion until it leaves IN_PROGRESS; returns the final status and the number of polls. */
export async function waitAssignment(
  c: Clients,
  s: AccountAssignmentOperationStatus,
  kind: 'create' | 'delete',
): Promise<{ status: AccountAssignmentOperationStatus; polls: number }> {
  for (let polls = 1; polls < 100; polls++) {
    const status =
      kind === 'create'
        ? (await c.sso.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: INSTANCE, AccountAssignmentCreationRequestId: s.RequestId })))
            .AccountAssignmentCreationStatus!
        : (await c.sso.send(new DescribeAccountAssignmentDeletionStatusCommand({ InstanceArn: INSTANCE, AccountAssignmentDeletionRequestId: s.RequestId })))
            .AccountAssignmentDeletionStatus!;
    if (status.Status !== 'IN_PROGRESS') return { status, polls };
  }
  throw new Error('never finished');
}

export async function waitProvisioning(c: Clients, s: PermissionSetProvisioningStatus): Promise<PermissionSetProvisioningStatus> {
  for (let polls = 1; polls < 100; polls++) {
    const r = await c.sso.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: INSTANCE, ProvisionPermissionSetRequestId: s.RequestId }));
    if (r.PermissionSetProvisioningStatus!.Status !== 'IN_PROGRESS') return r.PermissionSetProvisioningStatus!;
  }
  throw new Error('never finished');
}

export async function assignmentsOf(c: Clients, account: string, ps: string): Promise<string[]> {
  const r = await c.sso.send(new ListAccountAssignmentsCommand({ InstanceArn: INSTANCE, AccountId: account, PermissionSetArn: ps }));
  return (r.AccountAssignments ?? []).map((a) => `${a.PrincipalType}:${a.PrincipalId}`);
}
