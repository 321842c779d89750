import { conflict, notFound, validation, CONFLICT_IN_PROGRESS } from '../errors.js';
import { epoch, type Ctx, type HandlerTable } from '../context.js';
import type { AsyncOp } from '../async-ops.js';
import { pageOf } from '../paging.js';
import type { ProvisionRec } from '../state.js';
import { ACCOUNT_ID, obj, oneOf, str, type Input } from '../validate.js';
import { checkInstance, getPermissionSet, guardAccounts, guardManagement, ssoInvalidToken } from './sso-common.js';
import { REQUEST_ID } from './sso-assignments.js';

const PROVISIONING_STATUSES = ['LATEST_PERMISSION_SET_PROVISIONED', 'LATEST_PERMISSION_SET_NOT_PROVISIONED'] as const;

function provisioningShape(op: AsyncOp): Record<string, unknown> {
  return {
    Status: op.status,
    RequestId: op.requestId,
    ...(op.targetAccountId !== undefined ? { AccountId: op.targetAccountId } : {}),
    PermissionSetArn: op.permissionSetArn,
    ...(op.failureReason !== undefined ? { FailureReason: op.failureReason } : {}),
    CreatedDate: epoch(op.createdAt),
  };
}

export const provisioningHandlers: HandlerTable = {
  ProvisionPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const targetType = oneOf(input, 'TargetType', ['ALL_PROVISIONED_ACCOUNTS', 'AWS_ACCOUNT'] as const, true);
    let accountIds: string[];
    let target: string | undefined;
    if (targetType === 'AWS_ACCOUNT') {
      target = str(input, 'TargetId', ACCOUNT_ID);
      if (!ctx.state.accounts.has(target)) throw notFound(`Account ${target} is not a member of the organization.`);
      accountIds = [target];
    } else {
      if (input['TargetId'] !== undefined) throw validation('TargetId must not be specified when TargetType is ALL_PROVISIONED_ACCOUNTS.');
      accountIds = ctx.state.provisionedAccounts(ps.arn);
    }
    guardManagement(ctx, 'ProvisionPermissionSet', ps.arn, accountIds);
    for (const pending of ctx.ops.pendingOps()) {
      if (pending.kind === 'PROVISION' && pending.permissionSetArn === ps.arn) throw conflict(CONFLICT_IN_PROGRESS);
    }
    guardAccounts(ctx, ps.arn, accountIds);
    const op = ctx.ops.start({
      requestId: ctx.gen.requests.uuid(),
      kind: 'PROVISION',
      createdAt: ctx.now,
      permissionSetArn: ps.arn,
      accountIds,
      targetAccountId: target,
      principalType: undefined,
      principalId: undefined,
    });
    return { PermissionSetProvisioningStatus: provisioningShape(op) };
  },

  DescribePermissionSetProvisioningStatus(ctx: Ctx, input: Input) {
    checkInstance(ctx, input);
    const id = str(input, 'ProvisionPermissionSetRequestId', REQUEST_ID);
    const op = ctx.ops.get(id);
    if (op?.kind !== 'PROVISION') throw notFound(`Request ${id} does not exist.`);
    return { PermissionSetProvisioningStatus: provisioningShape(ctx.ops.poll(op, ctx.now)) };
  },

  ListPermissionSetProvisioningStatus(ctx: Ctx, input: Input) {
    checkInstance(ctx, input);
    const filter = obj(input, 'Filter');
    const status = filter ? oneOf(filter, 'Status', ['IN_PROGRESS', 'FAILED', 'SUCCEEDED'] as const) : undefined;
    const page = pageOf(ctx.ops.byKind.PROVISION, input, {
      op: 'ListPermissionSetProvisioningStatus',
      max: 100,
      def: 100,
      invalid: ssoInvalidToken,
      ...(status ? { accept: (o: AsyncOp) => o.status === status } : {}),
    });
    return {
      PermissionSetsProvisioningStatus: page.items.map((o) => ({ Status: o.status, RequestId: o.requestId, CreatedDate: epoch(o.createdAt) })),
      ...(page.nextToken ? { NextToken: page.nextToken } : {}),
    };
  },

  ListPermissionSetsProvisionedToAccount(ctx: Ctx, input: Input) {
    checkInstance(ctx, input);
    const accountId = str(input, 'AccountId', ACCOUNT_ID);
    const status = oneOf(input, 'ProvisioningStatus', PROVISIONING_STATUSES);
    const page = pageOf(ctx.state.provisionedByAccount.get(accountId), input, {
      op: 'ListPermissionSetsProvisionedToAccount',
      max: 100,
      def: 100,
      invalid: ssoInvalidToken,
      ...(status ? { accept: (r: ProvisionRec) => r.status === status } : {}),
    });
    return { PermissionSets: page.items.map((r) => r.permissionSetArn), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },

  ListAccountsForProvisionedPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const status = oneOf(input, 'ProvisioningStatus', PROVISIONING_STATUSES);
    const page = pageOf(ctx.state.provisionedByPs.get(ps.arn), input, {
      op: 'ListAccountsForProvisionedPermissionSet',
      max: 100,
      def: 100,
      invalid: ssoInvalidToken,
      ...(status ? { accept: (r: ProvisionRec) => r.status === status } : {}),
    });
    return { AccountIds: page.items.map((r) => r.accountId), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
};
