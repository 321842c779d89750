/**
 * What the plan needs from AWS for one access.yaml, decided before any call: the cheapest read
 * that still answers every question the planner asks.
 */
import type { Desired } from '../model/desired.js';
import { matchesAnyGlob } from '../model/name-glob.js';
import { sortedStrings } from '../model/compare.js';

export interface ReadScope {
  /** Some rule targets an OU by path or `ou-` ID (`/` and the root need no walk). */
  walkOuTree: boolean;
  /** Some rule targets accounts by tag. */
  readAccountTags: boolean;
  /** External identity source: look up only the named users and groups. */
  external: boolean;
  /** Every user name the file mentions (definitions, group members, rules, protected entries), sorted. */
  namedUsers: string[];
  /** Every group display name the file mentions, sorted. */
  namedGroups: string[];
  /** How much of a permission set to read, by its name. */
  permissionSetScope(name: string): PermissionSetScope;
  /**
   * Whether to list the accounts behind the set's latest version: only when the plan may
   * re-provision it (ownership.permission_sets managed, the set not ignored).
   */
  readOutdatedOf(name: string): boolean;
}

/**
 * `full`: configuration, provisioned accounts and assignments. `definition`: the same without the
 * assignments (a scoped read of a set whose definition changes: its update and re-provisioning
 * need no assignment). `name-only`: a set matching
 * `ownership.ignore.permission_sets` that the file never mentions: the plan leaves it alone and
 * only needs its name, so only DescribePermissionSet is called and its policies, tags,
 * provisioned accounts and assignments are left empty.
 */
export type PermissionSetScope = 'full' | 'definition' | 'name-only';

function isOuWalkTarget(ref: string): boolean {
  return ref !== '/' && !ref.startsWith('r-');
}

function looksLikeOu(ref: string): boolean {
  return ref.startsWith('/') || ref.startsWith('ou-');
}

export function readScope(desired: Desired): ReadScope {
  const rules = desired.rules;
  const protectedEntries = desired.safety.protected;
  const walkOuTree =
    rules.some((r) => r.targets.organizationalUnits.some(isOuWalkTarget)) ||
    protectedEntries.some((p) => p.accounts.some((a) => looksLikeOu(a) && isOuWalkTarget(a)));
  const readAccountTags = rules.some((r) => Object.keys(r.targets.accountTags).length > 0);

  const namedUsers = sortedStrings([
    ...Object.keys(desired.users),
    ...Object.values(desired.groups).flatMap((g) => g.members),
    ...rules.flatMap((r) => r.users),
    ...protectedEntries.flatMap((p) => p.users),
  ]);
  const namedGroups = sortedStrings([...Object.keys(desired.groups), ...rules.flatMap((r) => r.groups), ...protectedEntries.flatMap((p) => p.groups)]);

  const mentionedSets = new Set([
    ...Object.keys(desired.permissionSets),
    ...rules.flatMap((r) => r.permissionSets),
    ...protectedEntries.map((p) => p.permissionSet),
  ]);
  const ignore = desired.ownership.ignore.permissionSets;

  return {
    walkOuTree,
    readAccountTags,
    external: desired.identityCenter.identitySource === 'external',
    namedUsers,
    namedGroups,
    permissionSetScope: (name) => (mentionedSets.has(name) || !matchesAnyGlob(name, ignore) ? 'full' : 'name-only'),
    readOutdatedOf: (name) => desired.ownership.permissionSets === 'managed' && !matchesAnyGlob(name, ignore),
  };
}
