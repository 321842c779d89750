/** Creating, editing, provisioning and deleting permission sets. */
import type { PermissionSetChange, ProvisionChange, SessionRevocationChange } from '../plan/types.js';
import { inlinePolicyCall, withInlinePolicy } from './revocation-policy.js';
import { call, callAndWait, StepError, type ApplyContext } from './apply-context.js';
import { attributesOf, describePermissionSetCall, permissionSetCalls, sendPermissionSetCall, type PermissionSetCall } from './permission-set-calls.js';

/**
 * Create (then every call that completes it) or update: one call after the other on the set. The
 * set's session revocations of the plan go into the same inline policy call (revocation-policy.ts).
 */
export async function applyPermissionSetChange(
  ctx: ApplyContext,
  change: PermissionSetChange,
  revocations: readonly SessionRevocationChange[] = [],
): Promise<void> {
  const gw = ctx.gateway;
  const instance = ctx.instanceArn;
  if (change.action === 'delete') {
    const arn = ctx.ids.permissionSetArn(change.name);
    // Right after its assignments were deleted AWS may still answer ConflictException for a
    // while: `call` retries with backoff.
    await call(ctx, () => gw.deletePermissionSet(instance, arn));
    return;
  }
  const after = change.after;
  if (after === undefined) throw new Error(`the plan has no "after" state for permission set ${change.name}: run plan again`);
  let arn: string;
  if (change.action === 'create') {
    arn = await call(ctx, () => gw.createPermissionSet(instance, change.name, attributesOf(after), { ...after.tags }));
    ctx.ids.addPermissionSet(change.name, arn);
  } else {
    arn = ctx.ids.permissionSetArn(change.name);
  }
  const inline = await call(ctx, () => inlinePolicyCall(ctx, change.name, arn, change, revocations));
  await sendCalls(ctx, arn, inline === undefined ? permissionSetCalls(change) : withInlinePolicy(permissionSetCalls(change), inline));
}

/** The session revocations of a set the plan does not otherwise edit: one inline policy call. */
export async function applyRevocations(ctx: ApplyContext, set: string, revocations: readonly SessionRevocationChange[]): Promise<void> {
  const arn = ctx.ids.permissionSetArn(set);
  const inline = await call(ctx, () => inlinePolicyCall(ctx, set, arn, undefined, revocations));
  if (inline !== undefined) await sendCalls(ctx, arn, [inline]);
}

async function sendCalls(ctx: ApplyContext, arn: string, calls: readonly PermissionSetCall[]): Promise<void> {
  const gw = ctx.gateway;
  const instance = ctx.instanceArn;
  for (const edit of calls) {
    try {
      await call(ctx, () => sendPermissionSetCall(gw, instance, arn, edit));
    } catch (error) {
      throw new StepError(describePermissionSetCall(edit), error);
    }
  }
}

/**
 * One ProvisionPermissionSet (ALL_PROVISIONED_ACCOUNTS) for a set, covering every provision
 * change of that set, polled to the end. The caller holds the locks of the accounts it reaches.
 */
export async function provisionPermissionSet(ctx: ApplyContext, changes: readonly ProvisionChange[]): Promise<void> {
  const first = changes[0];
  if (first === undefined) return;
  const arn = ctx.ids.permissionSetArn(first.permissionSet);
  const gw = ctx.gateway;
  await callAndWait(
    ctx,
    `provisioning of permission set ${first.permissionSet}`,
    () => gw.provisionPermissionSet(ctx.instanceArn, arn),
    (id) => gw.describeProvisioningStatus(ctx.instanceArn, id),
  );
}
