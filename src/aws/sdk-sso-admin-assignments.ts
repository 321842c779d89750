/** The sso-admin part of the SDK gateway for instances, provisioning and account assignments. */
import {
  CreateAccountAssignmentCommand,
  DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand,
  DescribeAccountAssignmentDeletionStatusCommand,
  DescribePermissionSetProvisioningStatusCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListInstancesCommand,
  ProvisionPermissionSetCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import type { PrincipalType } from '../model/assignment.js';
import type { CallRunner } from './call-runner.js';
import type { CallDescription } from './aws-error.js';
import { actionOf } from './operations.js';
import { preciseNow, ServiceClock } from './service-clock.js';
import type { AsyncState, AsyncStatus, AssignmentTarget, IdentityCenterGateway, InstanceInfo } from './gateway.js';
import { SSO_ADMIN_PAGE_SIZE, type PermissionSetNames } from './sdk-sso-admin-permission-sets.js';

export type AssignmentsGateway = Pick<
  IdentityCenterGateway,
  | 'listInstances'
  | 'provisionPermissionSet'
  | 'describeProvisioningStatus'
  | 'listAccountsForProvisionedPermissionSet'
  | 'listAccountAssignments'
  | 'listAccountAssignmentsForPrincipal'
  | 'createAccountAssignment'
  | 'deleteAccountAssignment'
  | 'describeAssignmentCreationStatus'
  | 'describeAssignmentDeletionStatus'
>;

interface SdkStatus {
  Status?: string | undefined;
  RequestId?: string | undefined;
  FailureReason?: string | undefined;
  CreatedDate?: Date | undefined;
}

function toAsyncStatus(s: SdkStatus | undefined, what: string): AsyncStatus {
  if (!s?.RequestId) throw new Error(`Could not ${what}: AWS returned no request ID`);
  const status: AsyncState = s.Status === 'FAILED' || s.Status === 'SUCCEEDED' ? s.Status : 'IN_PROGRESS';
  return { requestId: s.RequestId, status, ...(s.FailureReason ? { failureReason: s.FailureReason } : {}) };
}

function isPrincipalType(value: string | undefined): value is PrincipalType {
  return value === 'USER' || value === 'GROUP';
}

export function createAssignmentsGateway(client: SSOAdminClient, runner: CallRunner, names: PermissionSetNames): AssignmentsGateway {
  const max = SSO_ADMIN_PAGE_SIZE;
  const on = (arn: string): string => names.label(arn);
  const assignmentLabel = (t: AssignmentTarget): string =>
    `of ${on(t.permissionSetArn)} to ${t.principalType.toLowerCase()} ${t.principalId} on account ${t.accountId}`;
  const sdkTarget = (instanceArn: string, t: AssignmentTarget) => ({
    InstanceArn: instanceArn,
    TargetId: t.accountId,
    TargetType: 'AWS_ACCOUNT' as const,
    PermissionSetArn: t.permissionSetArn,
    PrincipalType: t.principalType,
    PrincipalId: t.principalId,
  });

  const clock = new ServiceClock();
  /** Starts an asynchronous operation: one call, timed, so the status says when AWS started it. */
  async function start<O>(
    description: CallDescription,
    send: () => Promise<O>,
    statusOf: (out: O) => SdkStatus | undefined,
    what: string,
  ): Promise<AsyncStatus> {
    let sentAt = 0;
    const out = await runner.call(description, () => {
      sentAt = preciseNow();
      return send();
    });
    const answeredAt = preciseNow();
    const s = statusOf(out);
    return { ...toAsyncStatus(s, what), startedAgoMs: clock.startedAgo(s?.CreatedDate?.getTime(), sentAt, answeredAt) };
  }

  return {
    async listInstances() {
      const instances = await runner.all(
        { action: actionOf('listInstances'), doing: 'list Identity Center instances' },
        (NextToken) => client.send(new ListInstancesCommand({ MaxResults: max, NextToken })),
        (o) => o.Instances,
      );
      return instances.flatMap((i): InstanceInfo[] =>
        i.InstanceArn && i.IdentityStoreId
          ? [
              {
                instanceArn: i.InstanceArn,
                identityStoreId: i.IdentityStoreId,
                ...(i.OwnerAccountId ? { ownerAccountId: i.OwnerAccountId } : {}),
                ...(i.Status ? { status: i.Status } : {}),
              },
            ]
          : [],
      );
    },

    provisionPermissionSet(instanceArn, arn) {
      return start(
        { action: actionOf('provisionPermissionSet'), doing: 'provision', target: `${on(arn)} to its accounts` },
        () => client.send(new ProvisionPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, TargetType: 'ALL_PROVISIONED_ACCOUNTS' })),
        (out) => out.PermissionSetProvisioningStatus,
        `provision ${on(arn)}`,
      );
    },

    async describeProvisioningStatus(instanceArn, requestId) {
      const out = await runner.call(
        {
          action: actionOf('describeProvisioningStatus'),
          doing: 'read the provisioning status',
          target: `of request ${requestId}`,
        },
        () => client.send(new DescribePermissionSetProvisioningStatusCommand({ InstanceArn: instanceArn, ProvisionPermissionSetRequestId: requestId })),
      );
      return toAsyncStatus(out.PermissionSetProvisioningStatus, `read provisioning request ${requestId}`);
    },

    async listAccountsForProvisionedPermissionSet(instanceArn, arn, outdatedOnly) {
      const ids = await runner.all(
        {
          action: actionOf('listAccountsForProvisionedPermissionSet'),
          doing: outdatedOnly ? 'list the accounts behind the latest version' : 'list the accounts provisioned with',
          target: on(arn),
        },
        (NextToken) =>
          client.send(
            new ListAccountsForProvisionedPermissionSetCommand({
              InstanceArn: instanceArn,
              PermissionSetArn: arn,
              MaxResults: max,
              NextToken,
              ...(outdatedOnly ? { ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' as const } : {}),
            }),
          ),
        (o) => o.AccountIds,
      );
      return [...ids].sort();
    },

    async listAccountAssignments(instanceArn, accountId, arn) {
      const assignments = await runner.all(
        { action: actionOf('listAccountAssignments'), doing: 'list account assignments', target: `for ${on(arn)} on account ${accountId}` },
        (NextToken) =>
          client.send(new ListAccountAssignmentsCommand({ InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: arn, MaxResults: max, NextToken })),
        (o) => o.AccountAssignments,
      );
      return assignments.flatMap((a) =>
        isPrincipalType(a.PrincipalType) && a.PrincipalId ? [{ principalType: a.PrincipalType, principalId: a.PrincipalId }] : [],
      );
    },

    async listAccountAssignmentsForPrincipal(instanceArn, principalType, principalId) {
      const assignments = await runner.all(
        {
          action: 'sso:ListAccountAssignmentsForPrincipal',
          doing: 'list the assignments of a principal',
          target: `of ${principalType.toLowerCase()} ${principalId}`,
        },
        (NextToken) =>
          client.send(
            new ListAccountAssignmentsForPrincipalCommand({
              InstanceArn: instanceArn,
              PrincipalType: principalType,
              PrincipalId: principalId,
              MaxResults: max,
              NextToken,
            }),
          ),
        (o) => o.AccountAssignments,
      );
      return assignments.flatMap((a) => (a.AccountId && a.PermissionSetArn ? [{ accountId: a.AccountId, permissionSetArn: a.PermissionSetArn }] : []));
    },

    createAccountAssignment(instanceArn, target) {
      return start(
        { action: actionOf('createAccountAssignment'), doing: 'create the assignment', target: assignmentLabel(target) },
        () => client.send(new CreateAccountAssignmentCommand(sdkTarget(instanceArn, target))),
        (out) => out.AccountAssignmentCreationStatus,
        `create the assignment ${assignmentLabel(target)}`,
      );
    },

    deleteAccountAssignment(instanceArn, target) {
      return start(
        { action: actionOf('deleteAccountAssignment'), doing: 'delete the assignment', target: assignmentLabel(target) },
        () => client.send(new DeleteAccountAssignmentCommand(sdkTarget(instanceArn, target))),
        (out) => out.AccountAssignmentDeletionStatus,
        `delete the assignment ${assignmentLabel(target)}`,
      );
    },

    async describeAssignmentCreationStatus(instanceArn, requestId) {
      const out = await runner.call(
        {
          action: actionOf('describeAssignmentCreationStatus'),
          doing: 'read the status',
          target: `of assignment creation ${requestId}`,
        },
        () => client.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: instanceArn, AccountAssignmentCreationRequestId: requestId })),
      );
      return toAsyncStatus(out.AccountAssignmentCreationStatus, `read assignment creation ${requestId}`);
    },

    async describeAssignmentDeletionStatus(instanceArn, requestId) {
      const out = await runner.call(
        {
          action: actionOf('describeAssignmentDeletionStatus'),
          doing: 'read the status',
          target: `of assignment deletion ${requestId}`,
        },
        () => client.send(new DescribeAccountAssignmentDeletionStatusCommand({ InstanceArn: instanceArn, AccountAssignmentDeletionRequestId: requestId })),
      );
      return toAsyncStatus(out.AccountAssignmentDeletionStatus, `read assignment deletion ${requestId}`);
    },
  };
}
