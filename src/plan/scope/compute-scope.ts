/**
 * The scope of a change between two versions of access.yaml, as data (pure: no I/O). Both
 * versions are loaded by the same loader; rules are expanded against the organization read now.
 *
 * In scope: permission sets whose definition differs; users and groups whose definition (members
 * included) differs; every (account, permission set) pair a rule that differs between the versions
 * expands to, in either version; the pairs of `safety.protected` (so its check sees them); and,
 * found by the read, every assignment of a deleted user, of a group that differs, of a user whose
 * memberships change and of that user's groups (read per principal; a pair where one of their
 * assignments changes is read in full). Anything that can change the effect of unchanged lines (identity_center,
 * ownership, ignore globs, safety, account aliases) makes the plan full, with the reason.
 */
import type { AssignmentRule, Desired } from '../../model/desired.js';
import type { PrincipalType } from '../../model/assignment.js';
import { compareStrings } from '../../model/compare.js';
import type { Organization } from '../../model/organization.js';
import { AccountIndex } from '../accounts.js';
import { canonicalJson } from '../canonical-json.js';
import { expandRules } from '../expand.js';
import { sortedPairs, type FullRead, type ScopePair } from './types.js';
import { hasName } from '../../model/name-record.js';

/** What to read, known before reading any assignment. */
export interface ScopeRequest {
  base: string;
  permissionSets: string[];
  users: string[];
  groups: string[];
  /** Pairs of the rules that differ and of `safety.protected`. */
  pairs: ScopePair[];
  /**
   * Principals every assignment of which is in scope, read per principal: deleted users and the
   * groups that differ. The read adds the users whose memberships change and their groups.
   */
  principals: { principalType: PrincipalType; name: string }[];
}

export type ScopeDecision = { kind: 'scoped'; request: ScopeRequest } | FullRead;

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Names whose entry differs between the two records (added, removed or changed), sorted. */
function differing<T>(base: Record<string, T>, head: Record<string, T>): string[] {
  const names = new Set([...Object.keys(base), ...Object.keys(head)]);
  return [...names].filter((n) => !hasName(base, n) || !hasName(head, n) || !same(base[n], head[n])).sort(compareStrings);
}

/** A rule by what it grants (its position and index left out). */
const ruleKey = (r: AssignmentRule): string =>
  canonicalJson({ permissionSets: r.permissionSets, users: r.users, groups: r.groups, targets: r.targets, expires: r.expires ?? null });

/** Rules of `from` with no equal rule in `other` (as a multiset). */
function rulesNotIn(from: readonly AssignmentRule[], other: readonly AssignmentRule[]): AssignmentRule[] {
  const left = new Map<string, number>();
  for (const r of other) left.set(ruleKey(r), (left.get(ruleKey(r)) ?? 0) + 1);
  return from.filter((r) => {
    const k = ruleKey(r);
    const n = left.get(k) ?? 0;
    if (n === 0) return true;
    left.set(k, n - 1);
    return false;
  });
}

/**
 * Why the change needs the full plan, or undefined when the configurations alone allow a scoped
 * one: everything that makes unchanged lines mean something else.
 */
export function fullReadReason(base: Desired, head: Desired): string | undefined {
  if (head.identityCenter.identitySource === 'external') return 'identity_source is external (scoped plans read the identity store by listing it)';
  if (!same(base.identityCenter, head.identityCenter)) return 'identity_center changed';
  if (!same(base.ownership, head.ownership)) return 'ownership changed (kinds or ignore globs)';
  const safety = (d: Desired): unknown => ({ maxDeletes: d.safety.maxDeletes, protected: d.safety.protected.map(({ pos: _pos, ...rest }) => rest) });
  if (!same(safety(base), safety(head))) return 'safety changed';
  // A percentage counts against every object idc manages, which a scoped read does not see: the
  // verdict could refuse a plan that the full plan allows.
  if (head.safety.maxDeletes.kind === 'percent') return 'safety.max_deletes is a percentage of everything idc manages, which only a full read counts';
  if (!same(base.accountAliases, head.accountAliases)) return 'accounts (aliases) changed';
  return undefined;
}

export function computeScope(base: Desired, head: Desired, organization: Organization, now: Date, baseLabel: string): ScopeDecision {
  const reason = fullReadReason(base, head);
  if (reason !== undefined) return { kind: 'full', reason };

  const removed = rulesNotIn(base.rules, head.rules);
  const added = rulesNotIn(head.rules, base.rules);
  const pairs: ScopePair[] = [];
  for (const [desired, rules, which] of [
    [base, removed, 'base'],
    [head, added, 'head'],
  ] as const) {
    const expanded = expandRules({ ...desired, rules }, organization, now);
    if (expanded.diagnostics.some((d) => d.severity === 'error')) {
      return { kind: 'full', reason: `a changed rule of the ${which} version does not resolve against the organization now` };
    }
    for (const e of expanded.assignments.values()) pairs.push({ accountId: e.assignment.accountId, permissionSet: e.assignment.permissionSet });
  }

  const accounts = new AccountIndex(organization, head.accountAliases);
  for (const entry of head.safety.protected) {
    for (const ref of entry.accounts) {
      const resolved = accounts.resolveAccount(ref);
      if (resolved.ok) pairs.push({ accountId: resolved.value.id, permissionSet: entry.permissionSet });
    }
  }

  const users = differing(base.users, head.users);
  const groups = differing(base.groups, head.groups);
  const principals = [
    ...users.filter((n) => !hasName(head.users, n)).map((name) => ({ principalType: 'USER' as const, name })),
    ...groups.map((name) => ({ principalType: 'GROUP' as const, name })),
  ];
  return {
    kind: 'scoped',
    request: {
      base: baseLabel,
      permissionSets: differing(base.permissionSets, head.permissionSets),
      users,
      groups,
      pairs: sortedPairs(pairs),
      principals,
    },
  };
}
