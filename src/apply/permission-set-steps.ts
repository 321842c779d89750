/** Creating, editing, provisioning and deleting permission sets. */
import type { PermissionSetChange, ProvisionChange } from '../plan/types.js';
import { call, callAndWait, StepError, type ApplyContext } from './apply-context.js';
import { attributesOf, describePermissionSetCall, permissionSetCalls, sendPermissionSetCall } from './permission-set-calls.js';

/** Create (then every call that completes it) or update: one call after the other on the set. */
export async function applyPermissionSetChange(ctx: ApplyContext, change: PermissionSetChange): Promise<void> {
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
  for (const edit of permissionSetCalls(change)) {
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
