/** Creating and deleting account assignments, each polled until AWS says it is done. */
import type { AssignmentTarget } from '../aws/gateway.js';
import { assignmentKey, type LiveAssignment } from '../model/assignment.js';
import type { AssignmentChange } from '../plan/types.js';
import { callAndWait, type ApplyContext } from './apply-context.js';
import { assignmentLabel } from '../render/change-line.js';

/** Live assignments by key, for the IDs of deletions (also of principals known only by ID). */
export function liveAssignmentIndex(assignments: readonly LiveAssignment[]): Map<string, LiveAssignment> {
  return new Map(assignments.map((a) => [assignmentKey(a), a]));
}

function targetOf(ctx: ApplyContext, change: AssignmentChange, index: Map<string, LiveAssignment>): AssignmentTarget {
  const a = change.assignment;
  const live = change.action === 'delete' ? index.get(assignmentKey(a)) : undefined;
  if (live) {
    return {
      accountId: live.accountId,
      permissionSetArn: live.permissionSetArn,
      principalType: live.principalType,
      principalId: live.principalId,
    };
  }
  return {
    accountId: a.accountId,
    permissionSetArn: ctx.ids.permissionSetArn(a.permissionSet),
    principalType: a.principalType,
    principalId: ctx.ids.principalId(a.principalType, a.principal),
  };
}

/** `onExpectedEnd`: called when the operation is expected to be over, as its first status poll is sent. */
export async function applyAssignmentChange(
  ctx: ApplyContext,
  change: AssignmentChange,
  index: Map<string, LiveAssignment>,
  onExpectedEnd?: () => void,
): Promise<void> {
  const target = targetOf(ctx, change, index);
  const gw = ctx.gateway;
  const instance = ctx.instanceArn;
  const label = assignmentLabel(change.assignment, ctx.accountNames);
  if (change.action === 'create') {
    await callAndWait(
      ctx,
      `creation of assignment ${label}`,
      () => gw.createAccountAssignment(instance, target),
      (id) => gw.describeAssignmentCreationStatus(instance, id),
      ctx.durations.create,
      onExpectedEnd,
    );
  } else {
    await callAndWait(
      ctx,
      `deletion of assignment ${label}`,
      () => gw.deleteAccountAssignment(instance, target),
      (id) => gw.describeAssignmentDeletionStatus(instance, id),
      ctx.durations.delete,
      onExpectedEnd,
    );
  }
}
