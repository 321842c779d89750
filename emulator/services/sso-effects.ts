import type { AsyncOp } from '../async-ops.js';
import type { ResolvedConfig } from '../options.js';
import type { Generators } from '../prng.js';
import { customerKey, type AccountRec, type EmulatorState, type PermissionSetRec } from '../state.js';

type Result = { status: 'SUCCEEDED' | 'FAILED'; reason?: string };

/** Why the set cannot be provisioned to the account, or undefined when it can. */
export function provisioningProblem(state: EmulatorState, ps: PermissionSetRec, accountId: string): string | undefined {
  const account: AccountRec | undefined = state.accounts.get(accountId);
  if (!account) return `Account ${accountId} is not a member of the organization.`;
  if (account.status !== 'ACTIVE') return `Account ${accountId} is ${account.status}; permission sets can only be provisioned to ACTIVE accounts.`;
  const have = account.customerPolicies;
  if (!have) return undefined;
  const refs = [...ps.customer.values()];
  if (ps.boundary && 'CustomerManagedPolicyReference' in ps.boundary) refs.push(ps.boundary.CustomerManagedPolicyReference);
  for (const ref of refs) {
    const key = customerKey(ref);
    if (!have.has(key)) return `Received a 404 status error: Not supported policy arn:aws:iam::${accountId}:policy${key}.`;
  }
  return undefined;
}

/** Applies a finished asynchronous operation to the state and decides its outcome. */
export function makeCompleter(state: EmulatorState, config: ResolvedConfig, gen: Generators): (op: AsyncOp) => Result {
  return (op) => {
    if (gen.faults.chance(config.faults.failedStatusRate)) {
      return { status: 'FAILED', reason: 'Internal failure: the request could not be completed. Please try again.' };
    }
    const ps = state.permissionSets.get(op.permissionSetArn);
    if (op.kind === 'DELETE_ASSIGNMENT') {
      const a = {
        accountId: op.accountIds[0] ?? '',
        permissionSetArn: op.permissionSetArn,
        principalType: op.principalType ?? 'USER',
        principalId: op.principalId ?? '',
      };
      const had = state.hasAssignment(a);
      const left = state.removeAssignment(a);
      if (had && left === 0) state.unprovision(a.permissionSetArn, a.accountId);
      return { status: 'SUCCEEDED' };
    }
    if (!ps) return { status: 'FAILED', reason: `Could not find PermissionSet with PermissionSetArn ${op.permissionSetArn}.` };
    if (op.kind === 'CREATE_ASSIGNMENT') {
      const accountId = op.accountIds[0] ?? '';
      const problem = provisioningProblem(state, ps, accountId);
      if (problem) return { status: 'FAILED', reason: problem };
      state.addAssignment({ accountId, permissionSetArn: ps.arn, principalType: op.principalType ?? 'USER', principalId: op.principalId ?? '' });
      state.setProvisioned(ps.arn, accountId, 'LATEST_PERMISSION_SET_PROVISIONED');
      return { status: 'SUCCEEDED' };
    }
    let firstProblem: string | undefined;
    for (const accountId of op.accountIds) {
      const problem = provisioningProblem(state, ps, accountId);
      if (problem) firstProblem ??= problem;
      else state.setProvisioned(ps.arn, accountId, 'LATEST_PERMISSION_SET_PROVISIONED');
    }
    return firstProblem ? { status: 'FAILED', reason: firstProblem } : { status: 'SUCCEEDED' };
  };
}
