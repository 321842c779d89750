/**
 * Reading account assignments per principal (`ListAccountAssignmentsForPrincipal`) instead of per
 * provisioned (account, permission set) pair (`ListAccountAssignments`, read-permission-sets.ts).
 *
 * One call (100 assignments a page) lists a principal's assignments in every account, so the cost
 * is about U + G calls against K (provisioned pairs) per pair. It works only from the management
 * account, and it cannot see the assignments of a principal that no longer exists in the identity
 * store (identity-center-facts.md): those are assignments the plan must show as deletions, and
 * only the per-pair read finds them.
 *
 * The full read therefore stays per pair: measured by `npm run bench:assignment-reads` on the
 * bench:plan world (README "Performance"), the per-principal read is cheaper there but misses
 * every assignment of a deleted principal, and nothing cheaper than the per-pair read tells
 * whether such assignments exist. This read is for callers that already know their principals
 * exist and only need theirs (a scope of named principals).
 */
import pLimit from 'p-limit';
import type { PrincipalType } from '../model/assignment.js';
import type { IdentityCenterGateway } from './gateway.js';
import type { RawAssignment } from './read-permission-sets.js';

/** The one gateway call this read needs. */
type PrincipalAssignmentsGateway = Pick<IdentityCenterGateway, 'listAccountAssignmentsForPrincipal'>;

export interface Principal {
  principalType: PrincipalType;
  principalId: string;
}

/**
 * The assignments of `principals`, with permission set names from `setNames` (by ARN; an ARN it
 * does not know keeps the ARN as its name). At most `concurrency` principals are read at once.
 */
export async function readAssignmentsByPrincipal(
  gateway: PrincipalAssignmentsGateway,
  instanceArn: string,
  principals: readonly Principal[],
  setNames: ReadonlyMap<string, string>,
  concurrency: number,
): Promise<RawAssignment[]> {
  const lists = await pLimit(concurrency).map(principals, async (p) =>
    (await gateway.listAccountAssignmentsForPrincipal(instanceArn, p.principalType, p.principalId)).map(
      (a): RawAssignment => ({
        permissionSetArn: a.permissionSetArn,
        permissionSet: setNames.get(a.permissionSetArn) ?? a.permissionSetArn,
        accountId: a.accountId,
        principalType: p.principalType,
        principalId: p.principalId,
      }),
    ),
  );
  return lists.flat();
}
