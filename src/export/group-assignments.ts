/**
 * Grouping assignments into compact rules. Every (permission set, principal, account) triple lands
 * in exactly one rule, and every rule is a full product: each of its permission sets, for each of
 * its principals, on each of its accounts. So the file expands back to exactly the triples it
 * came from, today and after any change to the organization (no OU, tag or all_accounts target
 * is inferred: those would grant access to accounts added later).
 *
 * Per permission set, the (principal, account) pairs are grouped in two passes, then permission
 * sets with identical groups merge:
 *   1. per principal: its accounts; principals with the same accounts share a rule;
 *   2. the same the other way round (per account: its principals), kept when it gives fewer rules;
 *   3. rules with the same principals and accounts merge their permission sets.
 * Typical results: "group admins gets AdministratorAccess on these 40 accounts",
 * "groups dev and qa get PowerUser and ReadOnly on these 3 accounts".
 */
import type { Assignment, PrincipalType } from '../model/assignment.js';
import { compareTuples, sortedStrings } from '../model/compare.js';

/** One exported rule. Names sorted; accounts are IDs, sorted. */
export interface ExportRule {
  permissionSets: string[];
  users: string[];
  groups: string[];
  accountIds: string[];
}

/** Joins names that never contain these control characters. */
const SEP = '\u0000';
const LIST = '\u0001';

/** `principals × accounts` blocks covering a set of (principal, account) pairs exactly. */
interface Block {
  principals: string[];
  accountIds: string[];
}

/** Groups the pairs by `x`, then merges the x's whose y-sets are equal. */
function blocks(pairs: readonly [string, string][], flip: boolean): Block[] {
  const ysOf = new Map<string, Set<string>>();
  for (const [p, a] of pairs) {
    const [x, y] = flip ? [a, p] : [p, a];
    const ys = ysOf.get(x) ?? new Set<string>();
    ys.add(y);
    ysOf.set(x, ys);
  }
  const xsOf = new Map<string, { xs: string[]; ys: string[] }>();
  for (const [x, set] of ysOf) {
    const ys = sortedStrings(set);
    const key = ys.join(LIST);
    const entry = xsOf.get(key);
    if (entry) entry.xs.push(x);
    else xsOf.set(key, { xs: [x], ys });
  }
  return [...xsOf.values()].map(({ xs, ys }) => (flip ? { principals: ys, accountIds: sortedStrings(xs) } : { principals: sortedStrings(xs), accountIds: ys }));
}

export function groupAssignments(assignments: readonly Assignment[]): ExportRule[] {
  const pairsOf = new Map<string, [string, string][]>();
  for (const a of assignments) {
    const pairs = pairsOf.get(a.permissionSet) ?? [];
    pairs.push([`${a.principalType}${SEP}${a.principal}`, a.accountId]);
    pairsOf.set(a.permissionSet, pairs);
  }

  // Per permission set: the smaller of the two groupings (ties: by principal).
  const setsOf = new Map<string, Block & { permissionSets: string[] }>();
  for (const permissionSet of sortedStrings(pairsOf.keys())) {
    const pairs = pairsOf.get(permissionSet) ?? [];
    const byPrincipal = blocks(pairs, false);
    const byAccount = blocks(pairs, true);
    for (const b of byAccount.length < byPrincipal.length ? byAccount : byPrincipal) {
      const key = `${b.principals.join(LIST)}${SEP}${b.accountIds.join(LIST)}`;
      const entry = setsOf.get(key);
      if (entry) entry.permissionSets.push(permissionSet);
      else setsOf.set(key, { ...b, permissionSets: [permissionSet] });
    }
  }

  const rules: ExportRule[] = [];
  for (const e of setsOf.values()) {
    const users: string[] = [];
    const groups: string[] = [];
    for (const p of e.principals) {
      const [type, name] = p.split(SEP) as [PrincipalType, string];
      (type === 'USER' ? users : groups).push(name);
    }
    rules.push({ permissionSets: sortedStrings(e.permissionSets), users: sortedStrings(users), groups: sortedStrings(groups), accountIds: e.accountIds });
  }
  return rules.sort(compareRules);
}

/** Permission sets first (readers look a set up), then groups, users, accounts. */
export function compareRules(a: ExportRule, b: ExportRule): number {
  return (
    compareTuples(a.permissionSets, b.permissionSets) ||
    compareTuples(a.groups, b.groups) ||
    compareTuples(a.users, b.users) ||
    compareTuples(a.accountIds, b.accountIds)
  );
}
