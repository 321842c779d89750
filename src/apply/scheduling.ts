/**
 * How the changes of a phase run side by side.
 *
 * - Identity store and permission set edits: at most `concurrency` at once (each set's own calls
 *   one after the other, see permission-set-steps.ts).
 * - Assignments: one operation per target account at a time (AWS updates one permission set
 *   role per account at a time; two writes on one account answer ConflictException), different
 *   accounts in parallel, and at most `slots` in flight overall. A change first waits for its
 *   account, then for a slot, so waiting never holds a slot and slots go round the accounts.
 * - Provisioning: one ProvisionPermissionSet per set, holding every account the set reaches.
 */
import type { ProvisionChange } from '../plan/types.js';
import pLimit, { type LimitFunction } from 'p-limit';
import type { ApplyContext } from './apply-context.js';

type Attempt<C> = (change: C) => Promise<void>;

export async function runPerAccount<C>(
  ctx: ApplyContext,
  changes: readonly C[],
  accountOf: (change: C) => string,
  slots: LimitFunction,
  attempt: Attempt<C>,
): Promise<void> {
  await Promise.all(
    changes.map(async (change) => {
      const releaseAccount = await ctx.accounts.acquire(accountOf(change));
      try {
        await slots(() => attempt(change));
      } finally {
        releaseAccount();
      }
    }),
  );
}

/** Provision changes grouped by permission set, in plan order. */
export function provisionsBySet(changes: readonly ProvisionChange[]): ProvisionChange[][] {
  const groups = new Map<string, ProvisionChange[]>();
  for (const change of changes) {
    const group = groups.get(change.permissionSet);
    if (group) group.push(change);
    else groups.set(change.permissionSet, [change]);
  }
  return [...groups.values()];
}

/** Runs `attempt` once per set, holding the locks of all the accounts of that set's changes. */
export async function runProvisions(ctx: ApplyContext, changes: readonly ProvisionChange[], attempt: Attempt<ProvisionChange[]>): Promise<void> {
  const slots = pLimit(ctx.concurrency);
  await Promise.all(
    provisionsBySet(changes).map(async (group) => {
      const releaseAccounts = await ctx.accounts.acquireAll(group.flatMap((c) => c.accountIds));
      try {
        await slots(() => attempt(group));
      } finally {
        releaseAccounts();
      }
    }),
  );
}
