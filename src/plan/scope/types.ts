/**
 * The scope of a plan: what was read from AWS and planned. A full plan reads everything; a scoped
 * plan (a pull request's change against its base) reads only what the change can affect, and its
 * changes and access rows are exactly the full plan's restricted to that scope.
 */
import { compareStrings } from '../../model/compare.js';

/** One (account, permission set) pair whose assignments were read in full. */
export interface ScopePair {
  accountId: string;
  permissionSet: string;
}

export interface ScopedRead {
  kind: 'scoped';
  /** What the change was computed against, e.g. `abc1234:access.yaml` or a file path. */
  base: string;
  /** Permission sets whose definition differs: their definition and provisioned accounts are read; all their assignments only when the new version deletes the set. */
  permissionSets: string[];
  /** Users whose definition differs, or that are created or deleted. */
  users: string[];
  /** Groups whose definition or members differ, or that are created or deleted. */
  groups: string[];
  /** Every pair whose assignments were read in full and planned, sorted by account then set. */
  pairs: ScopePair[];
  /**
   * Principals every assignment of which (in every account) was read and is in scope, sorted:
   * deleted users, groups whose definition or members differ, users whose memberships change,
   * and every group of those users (so their effective access is known wherever they hold it).
   * Outside `pairs`, the plan shows only their assignments and their access rows.
   */
  principals: ScopePrincipals;
}

export interface ScopePrincipals {
  users: string[];
  groups: string[];
}

export interface FullRead {
  kind: 'full';
  /** Why a scoped plan was not possible (present only when one was asked for). */
  reason: string;
}

export type PlanScope = ScopedRead | FullRead;

export const pairKey = (accountId: string, permissionSet: string): string => `${accountId}\u0000${permissionSet}`;

export function comparePairs(a: ScopePair, b: ScopePair): number {
  return compareStrings(a.accountId, b.accountId) || compareStrings(a.permissionSet, b.permissionSet);
}

/** Sorted, without duplicates. */
export function sortedPairs(pairs: Iterable<ScopePair>): ScopePair[] {
  const byKey = new Map<string, ScopePair>();
  for (const p of pairs) byKey.set(pairKey(p.accountId, p.permissionSet), { accountId: p.accountId, permissionSet: p.permissionSet });
  return [...byKey.values()].sort(comparePairs);
}

/** Membership tests of a scoped read, for the planner. */
export interface ScopeFilter {
  permissionSets: ReadonlySet<string>;
  users: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  hasPair(accountId: string, permissionSet: string): boolean;
  /** Whether every assignment of this principal is in scope. */
  hasPrincipal(principalType: 'USER' | 'GROUP', name: string): boolean;
}

export function scopeFilter(scope: ScopedRead): ScopeFilter {
  const pairs = new Set(scope.pairs.map((p) => pairKey(p.accountId, p.permissionSet)));
  const principalUsers = new Set(scope.principals.users);
  const principalGroups = new Set(scope.principals.groups);
  return {
    permissionSets: new Set(scope.permissionSets),
    users: new Set(scope.users),
    groups: new Set(scope.groups),
    hasPair: (accountId, permissionSet) => pairs.has(pairKey(accountId, permissionSet)),
    hasPrincipal: (principalType, name) => (principalType === 'USER' ? principalUsers : principalGroups).has(name),
  };
}
