/**
 * Which (account, permission set) pairs people reach through access.yaml's rules: directly, or
 * through a group they are a member of. The rules are expanded by the planner's own expansion
 * (`expandRules`), against the live organization or, when every target is an `accounts:` alias
 * or an account ID, against the organization the file alone describes.
 */
import { grantKey } from '../model/assignment.js';
import type { AssignmentRule, Desired } from '../model/desired.js';
import type { Account, Organization } from '../model/organization.js';
import { formatDiagnostic } from '../model/source.js';
import { compareStrings, sortedStrings } from '../model/compare.js';
import { expandRules } from '../plan/expand.js';
import { ruleLabel } from '../plan/rule-label.js';
import { byName } from '../model/name-record.js';

export interface Reach {
  accountId: string;
  /** The `accounts:` alias, else the Organizations account name, else the ID. */
  accountName: string;
  permissionSet: string;
  /** Who reaches it (of the users asked about), sorted. */
  users: string[];
}

const ACCOUNT_ID = /^\d{12}$/;

/** The groups of the file each user is a member of. */
function groupsOf(desired: Desired, users: ReadonlySet<string>): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const group of Object.values(desired.groups)) {
    const inGroup = group.members.filter((m) => users.has(m));
    if (inGroup.length > 0) members.set(group.displayName, inGroup);
  }
  return members;
}

/** The rules that give something to one of `users`, directly or through a group of the file. */
export function rulesFor(desired: Desired, users: readonly string[]): AssignmentRule[] {
  const wanted = new Set(users);
  const groups = groupsOf(desired, wanted);
  return desired.rules.filter((r) => r.users.some((u) => wanted.has(u)) || r.groups.some((g) => groups.has(g)));
}

/**
 * Why these rules need the live organization (one line per rule and reason), or nothing when
 * `accounts:` aliases and account IDs say it all.
 */
export function organizationNeeds(desired: Desired, rules: readonly AssignmentRule[]): string[] {
  const byFile = (ref: string): boolean => byName(desired.accountAliases, ref) !== undefined || ACCOUNT_ID.test(ref);
  const needs: string[] = [];
  for (const rule of rules) {
    const t = rule.targets;
    const why: string[] = [];
    if (t.organizationalUnits.length > 0) why.push('organizational units');
    if (t.allAccounts) why.push('all accounts');
    if (Object.keys(t.accountTags).length > 0) why.push('account tags');
    const named = [...t.accounts, ...t.excludeAccounts].filter((a) => !byFile(a));
    if (named.length > 0) why.push(`account names (${named.join(', ')})`);
    if (why.length > 0) needs.push(`${ruleLabel(rule)} (targets ${why.join(', ')})`);
  }
  return needs;
}

/** The organization as the file alone knows it: its aliases and the account IDs its rules name. */
export function organizationFromFile(desired: Desired, rules: readonly AssignmentRule[]): Organization {
  const accounts = new Map<string, Account>();
  const add = (id: string, name: string): void => {
    if (!accounts.has(id)) accounts.set(id, { id, name, status: 'ACTIVE' });
  };
  for (const [alias, id] of Object.entries(desired.accountAliases).sort(([a], [b]) => compareStrings(a, b))) add(id, alias);
  for (const rule of rules) for (const ref of [...rule.targets.accounts, ...rule.targets.excludeAccounts]) if (ACCOUNT_ID.test(ref)) add(ref, ref);
  return { managementAccountId: '', rootId: '', accounts: [...accounts.values()].sort((a, b) => compareStrings(a.id, b.id)) };
}

/** First alias of each account ID under `accounts:` (aliases sorted). */
function aliasesById(desired: Desired): Map<string, string> {
  const names = new Map<string, string>();
  for (const [alias, id] of Object.entries(desired.accountAliases).sort(([a], [b]) => compareStrings(a, b))) {
    if (!names.has(id)) names.set(id, alias);
  }
  return names;
}

/**
 * Every (account, permission set) one of `users` reaches, sorted by account name, then permission
 * set. Throws when a rule cannot be expanded (an account the organization does not have).
 */
export function reachOf(desired: Desired, users: readonly string[], org: Organization, now: Date): Reach[] {
  const wanted = new Set(users);
  const groups = groupsOf(desired, wanted);
  const rules = rulesFor(desired, users);
  const { assignments, diagnostics } = expandRules({ ...desired, rules }, org, now);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`the rules of ${desired.file} cannot be expanded:\n${errors.map(formatDiagnostic).join('\n')}`);

  const aliases = aliasesById(desired);
  const orgNames = new Map(org.accounts.map((a) => [a.id, a.name]));
  const found = new Map<string, Reach>();
  for (const { assignment: a } of assignments.values()) {
    const who = a.principalType === 'USER' ? (wanted.has(a.principal) ? [a.principal] : []) : (groups.get(a.principal) ?? []);
    if (who.length === 0) continue;
    const key = grantKey(a);
    const reach = found.get(key) ?? {
      accountId: a.accountId,
      accountName: aliases.get(a.accountId) ?? orgNames.get(a.accountId) ?? a.accountId,
      permissionSet: a.permissionSet,
      users: [],
    };
    reach.users = sortedStrings([...reach.users, ...who]);
    found.set(key, reach);
  }
  return [...found.values()].sort(
    (x, y) => compareStrings(x.accountName, y.accountName) || compareStrings(x.accountId, y.accountId) || compareStrings(x.permissionSet, y.permissionSet),
  );
}
