/**
 * The call formula of `readLive`: how many requests reading a world of a given shape takes at
 * least, per operation. The benchmark compares the calls made with this minimum.
 *
 * For A accounts (A′ active), O OUs, P permission sets of which I are ignored and never mentioned
 * (name only) and F = P − I are read fully, R of those F re-provisionable (ownership managed and not
 * ignored), K (account, set) pairs where one of the F sets is provisioned, U users, G groups:
 *
 *   discovery      [ListInstances unless instance_arn and identity_store_id are set] + 1 GetCallerIdentity
 *   organization   1 DescribeOrganization + 1 ListRoots + ⌈A/20⌉ ListAccounts
 *                  + OU targets:  Σ_parents ⌈ous/20⌉ (≥ O+1) ListOrganizationalUnitsForParent
 *                               + Σ_parents ⌈accounts/20⌉ (≥ max(O+1, ⌈A/20⌉)) ListAccountsForParent
 *                  + tag targets: A′ ListTagsForResource
 *   permission sets ⌈P/100⌉ ListPermissionSets + (P − C) DescribePermissionSet, C of the I name-only
 *                  sets named by the name cache (src/cache/)
 *                  + 5F (tags, inline, managed, customer managed, boundary)
 *   assignments    Σ_F ⌈k_p/100⌉ (≥ max(F, ⌈K/100⌉)) ListAccountsForProvisionedPermissionSet
 *                  + R more (LATEST_PERMISSION_SET_NOT_PROVISIONED; more pages with drift)
 *                  + Σ_K ⌈n/100⌉ (≥ K) ListAccountAssignments
 *   identities     internal: ⌈U/100⌉ ListUsers + ⌈G/100⌉ ListGroups + Σ_G ⌈members/100⌉ (≥ G) ListGroupMemberships
 *                  external: per named user GetUserId (+ DescribeUser when found), per named group
 *                  GetGroupId (+ DescribeGroup + ListGroupMemberships when found), per principal of an
 *                  assignment not otherwise known DescribeUser / DescribeGroup (+ ListGroupMemberships)
 *
 * Typical (internal, no OU or tag targets, no drift, all sets managed, instance configured):
 *   3 + ⌈A/20⌉ + ⌈P/100⌉ + 8P + K + ⌈U/100⌉ + ⌈G/100⌉ + G
 * when no set is provisioned to more than 100 accounts, no pair has more than 100 principals and
 * no group more than 100 members. Every list costs at least one call even when empty; ⌈x/size⌉ is
 * reached when AWS returns full pages (an extra empty page with a NextToken costs one more).
 */

import { actionOf } from '../../src/aws/operations.js';
import { compareStrings } from '../../src/model/compare.js';

export interface PageSizes {
  /** Organizations: 20. */
  organizations: number;
  /** sso-admin: 100. */
  ssoAdmin: number;
  /** identitystore: 100. */
  identityStore: number;
}

export const DEFAULT_PAGE_SIZES: PageSizes = { organizations: 20, ssoAdmin: 100, identityStore: 100 };

export interface ReadWorld {
  /** A: accounts in the organization. */
  accounts: number;
  /** A′: active accounts (tags are read for these only); default A. */
  activeAccounts?: number;
  /** O: organizational units (only read when `walkOuTree`). */
  organizationalUnits?: number;
  /** P: permission sets in the instance. */
  permissionSets: number;
  /** I: sets matching ownership.ignore that the file never mentions; default 0. */
  ignoredPermissionSets?: number;
  /** C: of the I name-only sets, those whose names the name cache gives (no DescribePermissionSet); default 0. */
  namesFromCache?: number;
  /** Of the F fully read sets, those whose outdated accounts are not read (ignored but
   * mentioned, or every set when ownership.permission_sets is referenced); default 0. */
  setsWithoutOutdatedRead?: number;
  /** K: (account, set) pairs where a fully read set is provisioned. */
  provisionedPairs: number;
  users: number;
  groups: number;

  walkOuTree?: boolean;
  readAccountTags?: boolean;
  /** default true (no ListInstances). */
  instanceConfigured?: boolean;
  identitySource?: 'internal' | 'external';
  /** External source: names the file mentions, how many exist, and assignment principals no name led to. */
  external?: {
    namedUsers: number;
    foundUsers: number;
    namedGroups: number;
    foundGroups: number;
    unknownPrincipalUsers: number;
    unknownPrincipalGroups: number;
  };

  pageSizes?: Partial<PageSizes>;
  /** Exact page totals when known (else the lower bounds above). */
  pages?: {
    listOrganizationalUnitsForParent?: number;
    listAccountsForParent?: number;
    groupMemberships?: number;
    provisionedAccounts?: number;
    outdatedAccounts?: number;
    accountAssignments?: number;
  };
}

const pages = (items: number, size: number): number => Math.max(1, Math.ceil(items / size));

/** Minimum calls per operation (IAM action names, as in `Live.readCalls`), zero entries left out. */
export function minimumReadCallsByOperation(world: ReadWorld): Record<string, number> {
  const size = { ...DEFAULT_PAGE_SIZES, ...world.pageSizes };
  const p = world.pages ?? {};
  const A = world.accounts;
  const O = world.organizationalUnits ?? 0;
  const P = world.permissionSets;
  const F = P - (world.ignoredPermissionSets ?? 0);
  const R = F - (world.setsWithoutOutdatedRead ?? 0);
  const K = world.provisionedPairs;
  const out: Record<string, number> = {};
  const add = (op: string, n: number): void => {
    if (n > 0) out[op] = (out[op] ?? 0) + n;
  };

  add(actionOf('listInstances'), world.instanceConfigured === false ? 1 : 0);
  add(actionOf('callerIdentity'), 1);

  add(actionOf('describeOrganization'), 1);
  add(actionOf('listRoots'), 1);
  add(actionOf('listAccounts'), pages(A, size.organizations));
  if (world.walkOuTree) {
    add(actionOf('listOrganizationalUnitsForParent'), p.listOrganizationalUnitsForParent ?? O + 1);
    add(actionOf('listAccountsForParent'), p.listAccountsForParent ?? Math.max(O + 1, Math.ceil(A / size.organizations)));
  }
  if (world.readAccountTags) add(actionOf('listTagsForResource'), world.activeAccounts ?? A);

  add(actionOf('listPermissionSets'), pages(P, size.ssoAdmin));
  add(actionOf('describePermissionSet'), P - (world.namesFromCache ?? 0));
  for (const op of [
    actionOf('listTagsForPermissionSet'),
    actionOf('getInlinePolicy'),
    actionOf('listManagedPolicies'),
    actionOf('listCustomerManagedPolicies'),
    actionOf('getPermissionsBoundary'),
  ]) {
    add(op, F);
  }
  add(actionOf('listAccountsForProvisionedPermissionSet'), (p.provisionedAccounts ?? Math.max(F, Math.ceil(K / size.ssoAdmin))) + (p.outdatedAccounts ?? R));
  add(actionOf('listAccountAssignments'), p.accountAssignments ?? K);

  if (world.identitySource === 'external') {
    const e = world.external ?? { namedUsers: 0, foundUsers: 0, namedGroups: 0, foundGroups: 0, unknownPrincipalUsers: 0, unknownPrincipalGroups: 0 };
    add(actionOf('getUserId'), e.namedUsers);
    add(actionOf('describeUser'), e.foundUsers + e.unknownPrincipalUsers);
    add(actionOf('getGroupId'), e.namedGroups);
    add(actionOf('describeGroup'), e.foundGroups + e.unknownPrincipalGroups);
    add(actionOf('listGroupMemberships'), p.groupMemberships ?? e.foundGroups + e.unknownPrincipalGroups);
  } else {
    add(actionOf('listUsers'), pages(world.users, size.identityStore));
    add(actionOf('listGroups'), pages(world.groups, size.identityStore));
    add(actionOf('listGroupMemberships'), p.groupMemberships ?? world.groups);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => compareStrings(a, b)));
}

/** The minimum total number of calls to read `world`. */
export function minimumReadCalls(world: ReadWorld): number {
  return Object.values(minimumReadCallsByOperation(world)).reduce((a, b) => a + b, 0);
}
