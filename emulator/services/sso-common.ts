import { accessDenied, conflict, notFound, validation, CONFLICT_IN_PROGRESS, type AwsError } from '../errors.js';
import { isDelegatedAdmin, type Ctx } from '../context.js';
import type { PermissionSetRec } from '../state.js';
import { str, type Input } from '../validate.js';

const PARTITION = '(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b)';
export const INSTANCE_ARN = {
  required: true,
  min: 10,
  max: 1224,
  pattern: new RegExp(`^arn:${PARTITION}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}$`),
  patternText: `arn:${PARTITION}:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}`,
} as const;
export const PERMISSION_SET_ARN = {
  required: true,
  min: 10,
  max: 1224,
  pattern: new RegExp(`^arn:${PARTITION}:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}$`),
  patternText: `arn:${PARTITION}:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}`,
} as const;

export const ssoInvalidToken = (): AwsError => validation('The provided NextToken is invalid.');

/** Checks InstanceArn names this emulator's instance. */
export function checkInstance(ctx: Ctx, input: Input): void {
  const arn = str(input, 'InstanceArn', INSTANCE_ARN);
  if (arn !== ctx.state.instanceArn) throw notFound(`Instance ${arn} does not exist.`);
}

/** The permission set named by `PermissionSetArn` (after checking the instance). */
export function getPermissionSet(ctx: Ctx, input: Input, field = 'PermissionSetArn'): PermissionSetRec {
  checkInstance(ctx, input);
  const arn = str(input, field, PERMISSION_SET_ARN);
  const ps = ctx.state.permissionSets.get(arn);
  if (!ps) throw notFound(`Could not find PermissionSet with PermissionSetArn ${arn}.`);
  return ps;
}

function denied(ctx: Ctx, op: string, resource: string): AwsError {
  return accessDenied(
    `User: ${ctx.caller.arn} is not authorized to perform: sso:${op} on resource: ${resource}: ` +
      `a delegated administrator cannot manage permission sets provisioned to the management account or assignments in it.`,
  );
}

/** A delegated administrator may not touch anything provisioned to the management account. */
export function guardManagement(ctx: Ctx, op: string, psArn: string, accountIds: readonly string[] = []): void {
  if (!isDelegatedAdmin(ctx)) return;
  const mgmt = ctx.state.managementAccountId;
  if (accountIds.includes(mgmt) || ctx.state.provisioningOf(psArn, mgmt)) throw denied(ctx, op, psArn);
}

/** An edit of a permission set while an operation on it is in progress is a conflict. */
export function guardPermissionSetWrite(ctx: Ctx, op: string, ps: PermissionSetRec): void {
  guardManagement(ctx, op, ps.arn);
  for (const pending of ctx.ops.pendingOps()) if (pending.permissionSetArn === ps.arn) throw conflict(CONFLICT_IN_PROGRESS);
}

/**
 * One permission set role per account is updated at a time: an operation on an account
 * while an operation for a different permission set on that account is in progress conflicts.
 */
export function guardAccounts(ctx: Ctx, psArn: string, accountIds: readonly string[]): void {
  const wanted = new Set(accountIds);
  for (const pending of ctx.ops.pendingOps()) {
    if (pending.permissionSetArn === psArn) continue;
    if (pending.accountIds.some((a) => wanted.has(a))) throw conflict(CONFLICT_IN_PROGRESS);
  }
}

/** The instance part (`ssoins-…`) of the instance ARN. */
export const instanceId = (instanceArn: string): string => instanceArn.slice(instanceArn.lastIndexOf('/') + 1);
