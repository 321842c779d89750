/**
 * Reads what AWS has now, with the fewest calls the plan needs (see `bench/lib/call-budget.ts` for the
 * exact count). Three independent streams share the gateway's rate limiter: the organization,
 * the identity store, and permission sets with their assignments.
 */
import { compareAssignments, type LiveAssignment } from '../model/assignment.js';
import type { Desired } from '../model/desired.js';
import type { InstanceRef, Live } from '../model/live.js';
import type { Progress } from '../progress/progress.js';
import { canCountCalls, countingGateway, diffCounts } from './call-counts.js';
import { resolveInstance, resolveRegion } from './discover.js';
import type { IdentityCenterGateway } from './gateway.js';
import { readAssignmentPrincipals, readIdentities, type IdentityIndex } from './read-identities.js';
import { readOrganization } from './read-organization.js';
import { readPermissionSets, type RawAssignment } from './read-permission-sets.js';
import { readScope } from './read-scope.js';

export interface ReadLiveOptions {
  progress: Progress;
  /** Logical reads in progress per stream; the gateway bounds HTTP requests itself. Default 16. */
  concurrency?: number;
  /** The instance, when already resolved (else from access.yaml, or ListInstances in the region). */
  instance?: InstanceRef;
  /** Region when neither `instance` nor access.yaml gives one (else the SDK's: AWS_REGION, the profile's region). */
  region?: string;
  /** Permission set names already known, ARN → name (the name cache): those sets need no DescribePermissionSet when read by name only. */
  knownNames?: ReadonlyMap<string, string>;
}

export const DEFAULT_READ_CONCURRENCY = 16;

export async function readLive(gateway: IdentityCenterGateway, desired: Desired, options: ReadLiveOptions): Promise<Live> {
  const counted = canCountCalls(gateway) ? gateway : countingGateway(gateway);
  const before = counted.callCounts();
  const { progress } = options;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_READ_CONCURRENCY);
  const scope = readScope(desired);

  const instance =
    options.instance ??
    (await resolveInstance(
      counted,
      desired.identityCenter,
      await resolveRegion(desired.identityCenter, options.region !== undefined ? { region: options.region } : {}),
    ));

  const [caller, organization, identities, sets] = await Promise.all([
    counted.callerIdentity(),
    readOrganization(counted, scope, progress, concurrency),
    readIdentities(counted, instance.identityStoreId, { ...scope, concurrency }, progress),
    readPermissionSets(counted, instance.instanceArn, scope, progress, concurrency, options.knownNames),
  ]);

  if (scope.external) {
    await readAssignmentPrincipals(counted, instance.identityStoreId, identities, sets.assignments, progress, concurrency);
  }

  return liveFrom({
    instance,
    caller,
    organization,
    identities,
    permissionSets: sets.permissionSets,
    assignments: sets.assignments,
    readCalls: diffCounts(before, counted.callCounts()),
  });
}

/** What a read found (the full read and the scoped read alike), as `Live`. */
export function liveFrom(read: Omit<Live, 'users' | 'groups' | 'assignments'> & { identities: IdentityIndex; assignments: readonly RawAssignment[] }): Live {
  return {
    instance: read.instance,
    caller: { accountId: read.caller.accountId, arn: read.caller.arn },
    organization: read.organization,
    users: read.identities.sortedUsers(),
    groups: read.identities.sortedGroups(),
    permissionSets: read.permissionSets,
    assignments: toLiveAssignments(read.assignments, read.identities),
    readCalls: read.readCalls,
  };
}

/** Assignments as read, named by their principals (`id:<ID>` when unknown), sorted, without duplicates. */
function toLiveAssignments(raw: readonly RawAssignment[], identities: IdentityIndex): LiveAssignment[] {
  return dedupe(
    raw.map(
      (a): LiveAssignment => ({
        permissionSet: a.permissionSet,
        permissionSetArn: a.permissionSetArn,
        principalType: a.principalType,
        principalId: a.principalId,
        principal: (a.principalType === 'USER' ? identities.userNameById : identities.groupNameById).get(a.principalId) ?? `id:${a.principalId}`,
        accountId: a.accountId,
      }),
    ),
  );
}

/** Sorted with `compareAssignments`, ties broken by principal ID; exact duplicates dropped. */
function dedupe(list: LiveAssignment[]): LiveAssignment[] {
  const sorted = list.sort((a, b) => compareAssignments(a, b) || (a.principalId < b.principalId ? -1 : a.principalId > b.principalId ? 1 : 0));
  return sorted.filter((a, i) => {
    const prev = sorted[i - 1];
    return !prev || compareAssignments(prev, a) !== 0 || prev.principalId !== a.principalId;
  });
}
