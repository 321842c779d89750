/**
 * How the changes of a phase run side by side.
 *
 * - Identity store and permission set edits: at most `concurrency` at once (each set's own calls
 *   one after the other, see permission-set-steps.ts).
 * - Assignments: one operation per target account at a time (AWS updates one permission set
 *   role per account at a time; two writes on one account answer ConflictException), different
 *   accounts in parallel, and at most `slots` in flight overall. A change first waits for its
 *   account, then for a slot, so waiting never holds a slot and slots go round the accounts.
 *   A change may free its slot before it ends (`releaseSlot`): an assignment creation does so at
 *   the moment its operation is expected to be over (its first status poll, see waitForAsync).
 *   AWS counts the creations in progress on its side, and an operation is over there whether we
 *   have seen it or not; waiting for the poll's answer would leave the slot idle for a round trip
 *   per creation (most of the distance from the floor: `npm run bench:apply`, slot_idle_ms). If
 *   the poll finds it still in progress (the estimate was short; it then rises), the next creation
 *   may meet the limit and is retried after a backoff (retry.ts). The account stays held until
 *   the change ends: a second operation on the account would conflict.
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
  attempt: (change: C, releaseSlot: () => void) => Promise<void>,
): Promise<void> {
  await Promise.all(
    changes.map(async (change) => {
      const releaseAccount = await ctx.accounts.acquire(accountOf(change));
      try {
        await inSlot(slots, (releaseSlot) => attempt(change, releaseSlot));
      } finally {
        releaseAccount();
      }
    }),
  );
}

/** Runs `work` in one of `slots`; the slot is freed when `work` calls `releaseSlot` or ends, whichever comes first. */
function inSlot(slots: LimitFunction, work: (releaseSlot: () => void) => Promise<void>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    void slots(
      () =>
        new Promise<void>((releaseSlot) => {
          work(releaseSlot).then(resolve, reject).finally(releaseSlot);
        }),
    );
  });
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
