import { AwsError, notFound, TOO_MANY_REQUESTS } from '../errors.js';
import { epoch, isDelegatedAdmin, type Ctx, type HandlerTable } from '../context.js';
import type { AsyncOp, OpKind } from '../async-ops.js';
import { pageOf } from '../paging.js';
import { pairKey, principalKey, type AssignmentRec } from '../state.js';
import { ACCOUNT_ID, obj, oneOf, str, type Input } from '../validate.js';
import type { PrincipalType } from '../world-types.js';
import { accessDenied } from '../errors.js';
import { checkInstance, getPermissionSet, guardAccounts, guardManagement, ssoInvalidToken } from './sso-common.js';

/** At most this many CreateAccountAssignment operations may be IN_PROGRESS at once. */
export const MAX_OUTSTANDING_CREATIONS = 10;

const PRINCIPAL_ID = {
  required: true,
  min: 1,
  max: 47,
  pattern: /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/,
  patternText: '([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}',
} as const;
export const REQUEST_ID = {
  required: true,
  pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  patternText: '\\b[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}\\b',
} as const;
const PRINCIPAL_TYPES = ['USER', 'GROUP'] as const;
const STATUSES = ['IN_PROGRESS', 'FAILED', 'SUCCEEDED'] as const;

export function assignmentStatusShape(op: AsyncOp): Record<string, unknown> {
  return {
    Status: op.status,
    RequestId: op.requestId,
    ...(op.failureReason !== undefined ? { FailureReason: op.failureReason } : {}),
    TargetId: op.accountIds[0],
    TargetType: 'AWS_ACCOUNT',
    PermissionSetArn: op.permissionSetArn,
    PrincipalType: op.principalType,
    PrincipalId: op.principalId,
    CreatedDate: epoch(op.createdAt),
  };
}

const assignmentShape = (a: AssignmentRec): Record<string, unknown> => ({
  AccountId: a.accountId,
  PermissionSetArn: a.permissionSetArn,
  PrincipalType: a.principalType,
  PrincipalId: a.principalId,
});

function principalExists(ctx: Ctx, type: PrincipalType, id: string): boolean {
  return type === 'USER' ? ctx.state.users.has(id) : ctx.state.groups.has(id);
}

function startAssignmentOp(ctx: Ctx, input: Input, kind: OpKind, op: string): AsyncOp {
  const ps = getPermissionSet(ctx, input);
  const accountId = str(input, 'TargetId', ACCOUNT_ID);
  oneOf(input, 'TargetType', ['AWS_ACCOUNT'] as const, true);
  const principalType = oneOf(input, 'PrincipalType', PRINCIPAL_TYPES, true);
  const principalId = str(input, 'PrincipalId', PRINCIPAL_ID);
  if (!ctx.state.accounts.has(accountId)) throw notFound(`Account ${accountId} is not a member of the organization.`);
  if (kind === 'CREATE_ASSIGNMENT' && !principalExists(ctx, principalType, principalId)) {
    throw notFound(`${principalType === 'USER' ? 'User' : 'Group'} ${principalId} does not exist in identity store ${ctx.state.identityStoreId}.`);
  }
  guardManagement(ctx, op, ps.arn, [accountId]);
  if (kind === 'CREATE_ASSIGNMENT' && ctx.ops.outstanding('CREATE_ASSIGNMENT') >= MAX_OUTSTANDING_CREATIONS) {
    throw new AwsError('ThrottlingException', TOO_MANY_REQUESTS);
  }
  guardAccounts(ctx, ps.arn, [accountId]);
  return ctx.ops.start({
    requestId: ctx.gen.requests.uuid(),
    kind,
    createdAt: ctx.now,
    permissionSetArn: ps.arn,
    accountIds: [accountId],
    targetAccountId: accountId,
    principalType,
    principalId,
  });
}

function describe(ctx: Ctx, input: Input, field: string, kind: OpKind): AsyncOp {
  checkInstance(ctx, input);
  const id = str(input, field, REQUEST_ID);
  const op = ctx.ops.get(id);
  if (!op || op.kind !== kind) throw notFound(`Request ${id} does not exist.`);
  return ctx.ops.poll(op, ctx.now);
}

function listStatus(ctx: Ctx, input: Input, kind: OpKind, op: string): { items: Record<string, unknown>[]; next: Record<string, string> } {
  checkInstance(ctx, input);
  const filter = obj(input, 'Filter');
  const status = filter ? oneOf(filter, 'Status', STATUSES) : undefined;
  const page = pageOf(ctx.ops.byKind[kind], input, {
    op,
    max: 100,
    def: 100,
    invalid: ssoInvalidToken,
    ...(status ? { accept: (o: AsyncOp) => o.status === status } : {}),
  });
  return {
    items: page.items.map((o) => ({ Status: o.status, RequestId: o.requestId, CreatedDate: epoch(o.createdAt) })),
    next: page.nextToken ? { NextToken: page.nextToken } : {},
  };
}

export const assignmentHandlers: HandlerTable = {
  CreateAccountAssignment(ctx: Ctx, input: Input) {
    return { AccountAssignmentCreationStatus: assignmentStatusShape(startAssignmentOp(ctx, input, 'CREATE_ASSIGNMENT', 'CreateAccountAssignment')) };
  },
  DeleteAccountAssignment(ctx: Ctx, input: Input) {
    return { AccountAssignmentDeletionStatus: assignmentStatusShape(startAssignmentOp(ctx, input, 'DELETE_ASSIGNMENT', 'DeleteAccountAssignment')) };
  },
  DescribeAccountAssignmentCreationStatus(ctx: Ctx, input: Input) {
    return { AccountAssignmentCreationStatus: assignmentStatusShape(describe(ctx, input, 'AccountAssignmentCreationRequestId', 'CREATE_ASSIGNMENT')) };
  },
  DescribeAccountAssignmentDeletionStatus(ctx: Ctx, input: Input) {
    return { AccountAssignmentDeletionStatus: assignmentStatusShape(describe(ctx, input, 'AccountAssignmentDeletionRequestId', 'DELETE_ASSIGNMENT')) };
  },
  ListAccountAssignmentCreationStatus(ctx: Ctx, input: Input) {
    const r = listStatus(ctx, input, 'CREATE_ASSIGNMENT', 'ListAccountAssignmentCreationStatus');
    return { AccountAssignmentsCreationStatus: r.items, ...r.next };
  },
  ListAccountAssignmentDeletionStatus(ctx: Ctx, input: Input) {
    const r = listStatus(ctx, input, 'DELETE_ASSIGNMENT', 'ListAccountAssignmentDeletionStatus');
    return { AccountAssignmentsDeletionStatus: r.items, ...r.next };
  },

  ListAccountAssignments(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const accountId = str(input, 'AccountId', ACCOUNT_ID);
    const page = pageOf(ctx.state.assignmentsByPair.get(pairKey(accountId, ps.arn)), input, {
      op: 'ListAccountAssignments',
      max: 100,
      def: 100,
      invalid: ssoInvalidToken,
    });
    return { AccountAssignments: page.items.map(assignmentShape), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },

  /** Works only from the management account. */
  ListAccountAssignmentsForPrincipal(ctx: Ctx, input: Input) {
    checkInstance(ctx, input);
    const principalType = oneOf(input, 'PrincipalType', PRINCIPAL_TYPES, true);
    const principalId = str(input, 'PrincipalId', PRINCIPAL_ID);
    const filter = obj(input, 'Filter');
    const accountId = filter ? str(filter, 'AccountId', { ...ACCOUNT_ID, required: false }) : undefined;
    if (isDelegatedAdmin(ctx)) {
      throw accessDenied(
        `User: ${ctx.caller.arn} is not authorized to perform: sso:ListAccountAssignmentsForPrincipal: this action must be called from the management account.`,
      );
    }
    const page = pageOf(ctx.state.assignmentsByPrincipal.get(principalKey(principalType, principalId)), input, {
      op: 'ListAccountAssignmentsForPrincipal',
      max: 100,
      def: 100,
      invalid: ssoInvalidToken,
      ...(accountId ? { accept: (a: AssignmentRec) => a.accountId === accountId } : {}),
    });
    return { AccountAssignments: page.items.map(assignmentShape), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
};
