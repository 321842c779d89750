/**
 * Who may call IAM Identity Center on the organization instance. Only the management account
 * and a member account registered as delegated administrator administer it
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/delegated-admin.html); any other
 * member account is refused with AccessDeniedException, except for:
 * - ListInstances, which lists the instances "created in or visible to the account calling this
 *   API" (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListInstances.html):
 *   none, for such an account (see services/sso-instances.ts);
 * - the identity store's read operations, which carry the note "If you have access to a member
 *   account, you can use this API operation from the member account"
 *   (e.g. https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_DescribeUser.html,
 *   and "Limiting access to the identity store from member accounts" in the user guide). Its
 *   writes carry no such note.
 */
import { mayAdminister, type Ctx } from './context.js';
import type { Route } from './dispatch.js';
import { accessDenied, type AwsError } from './errors.js';

/** Identity store operations a member account may call (the reads). */
const MEMBER_READS = /^(Describe|Get|List|IsMemberInGroups)/;

function memberMayCall(r: Route): boolean {
  if (r.service === 'sso-admin') return r.operation === 'ListInstances';
  return r.service === 'identitystore' && MEMBER_READS.test(r.operation);
}

function notAdministrator(ctx: Ctx, r: Route): AwsError {
  const action = `${r.service === 'sso-admin' ? 'sso' : r.service}:${r.operation}`;
  return accessDenied(
    `User: ${ctx.caller.arn} is not authorized to perform: ${action}: account ${ctx.caller.accountId} is neither the management account nor a delegated administrator of IAM Identity Center.`,
  );
}

/** Throws AccessDeniedException when the caller's account may not make this Identity Center call. */
export function checkAdministrator(ctx: Ctx, r: Route): void {
  if (r.service !== 'sso-admin' && r.service !== 'identitystore') return;
  if (mayAdminister(ctx) || memberMayCall(r)) return;
  throw notAdministrator(ctx, r);
}
