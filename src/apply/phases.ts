/**
 * The phases of apply, in order. Each phase starts when the previous one has ended, so a change
 * only depends on changes of earlier phases:
 *
 *  1. create users and groups (and update them)   6. delete assignments (every deletion awaited)
 *  2. create memberships                          7. delete memberships
 *  3. create and update permission sets,          8. delete permission sets
 *     write session revocations
 *  4. provision permission sets                   9. delete users and groups
 *  5. create assignments
 */
import type { Change, PermissionSetChange, ProvisionChange, SessionRevocationChange } from '../plan/types.js';
import type { LiveAssignment } from '../model/assignment.js';
import pLimit from 'p-limit';
import type { ApplyContext } from './apply-context.js';
import { applyAssignmentChange } from './assignment-steps.js';
import { applyGroupChange, applyMembershipChange, applyUserChange } from './identity-steps.js';
import { applyPermissionSetChange, applyRevocations, provisionPermissionSet } from './permission-set-steps.js';
import { runPerAccount, runProvisions } from './scheduling.js';

export interface PhaseDefinition {
  name: string;
  select(change: Change): boolean;
  /** Runs the selected changes; `attempt` records each outcome (a group counts for each of its changes). */
  run(ctx: ApplyContext, changes: Change[], attempt: (group: Change[], work: () => Promise<void>) => Promise<void>): Promise<void>;
}

/** Each change is attempted alone, at most `ctx.concurrency` at once. */
async function one(
  ctx: ApplyContext,
  changes: Change[],
  attempt: (group: Change[], work: () => Promise<void>) => Promise<void>,
  work: (change: Change) => Promise<void>,
): Promise<void> {
  await pLimit(ctx.concurrency).map(changes, (change) => attempt([change], () => work(change)));
}

function identityWork(ctx: ApplyContext, change: Change): Promise<void> {
  if (change.kind === 'user') return applyUserChange(ctx, change);
  if (change.kind === 'group') return applyGroupChange(ctx, change);
  if (change.kind === 'membership') return applyMembershipChange(ctx, change);
  throw new Error(`not an identity store change: ${change.kind}`);
}

/** The changes of phase 3 per permission set, in plan order. */
function bySet(changes: readonly Change[]): Change[][] {
  const groups = new Map<string, Change[]>();
  for (const c of changes) {
    const set = c.kind === 'permission-set' ? c.name : c.kind === 'session-revocation' ? c.permissionSet : '';
    groups.set(set, [...(groups.get(set) ?? []), c]);
  }
  return [...groups.values()];
}

function setWork(ctx: ApplyContext, group: readonly Change[]): Promise<void> {
  const revocations = group.filter((c): c is SessionRevocationChange => c.kind === 'session-revocation');
  const edit = group.find((c): c is PermissionSetChange => c.kind === 'permission-set');
  if (edit !== undefined) return applyPermissionSetChange(ctx, edit, revocations);
  const first = revocations[0];
  return first === undefined ? Promise.resolve() : applyRevocations(ctx, first.permissionSet, revocations);
}

function assignmentPhase(name: string, action: 'create' | 'delete', index: Map<string, LiveAssignment>): PhaseDefinition {
  return {
    name,
    select: (c) => c.kind === 'assignment' && c.action === action,
    run(ctx, changes, attempt) {
      const limit = action === 'create' ? Math.min(ctx.maxAssignmentCreatesInFlight, ctx.concurrency) : ctx.concurrency;
      const slots = pLimit(limit);
      return runPerAccount(
        ctx,
        changes,
        (c) => (c.kind === 'assignment' ? c.assignment.accountId : ''),
        slots,
        (change, releaseSlot) =>
          attempt([change], async () => {
            // Creations: AWS's limit counts operations in progress on its side (scheduling.ts).
            if (change.kind === 'assignment') await applyAssignmentChange(ctx, change, index, action === 'create' ? releaseSlot : undefined);
          }),
      );
    },
  };
}

export function phaseDefinitions(index: Map<string, LiveAssignment>): PhaseDefinition[] {
  return [
    {
      name: 'create users and groups',
      select: (c) => (c.kind === 'user' || c.kind === 'group') && c.action !== 'delete',
      run: (ctx, changes, attempt) => one(ctx, changes, attempt, (c) => identityWork(ctx, c)),
    },
    {
      name: 'create memberships',
      select: (c) => c.kind === 'membership' && c.action === 'create',
      run: (ctx, changes, attempt) => one(ctx, changes, attempt, (c) => identityWork(ctx, c)),
    },
    {
      // A set's session revocations go with its edit: one inline policy call, one outcome.
      name: 'create and update permission sets',
      select: (c) => (c.kind === 'permission-set' && c.action !== 'delete') || c.kind === 'session-revocation',
      async run(ctx, changes, attempt) {
        await pLimit(ctx.concurrency).map(bySet(changes), (group) => attempt(group, () => setWork(ctx, group)));
      },
    },
    {
      name: 'provision permission sets',
      select: (c) => c.kind === 'provision',
      run(ctx, changes, attempt) {
        const provisions = changes.filter((c): c is ProvisionChange => c.kind === 'provision');
        return runProvisions(ctx, provisions, (group) => attempt(group, () => provisionPermissionSet(ctx, group)));
      },
    },
    assignmentPhase('create assignments', 'create', index),
    assignmentPhase('delete assignments', 'delete', index),
    {
      name: 'delete memberships',
      select: (c) => c.kind === 'membership' && c.action === 'delete',
      run: (ctx, changes, attempt) => one(ctx, changes, attempt, (c) => identityWork(ctx, c)),
    },
    {
      name: 'delete permission sets',
      select: (c) => c.kind === 'permission-set' && c.action === 'delete',
      run: (ctx, changes, attempt) =>
        one(ctx, changes, attempt, async (c) => {
          if (c.kind === 'permission-set') await applyPermissionSetChange(ctx, c);
        }),
    },
    {
      name: 'delete users and groups',
      select: (c) => (c.kind === 'user' || c.kind === 'group') && c.action === 'delete',
      run: (ctx, changes, attempt) => one(ctx, changes, attempt, (c) => identityWork(ctx, c)),
    },
  ];
}
