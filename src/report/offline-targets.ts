/**
 * `idc report --offline`: which rules the file alone can expand. Account IDs and `accounts:`
 * aliases name their accounts; OU, tag and all-accounts targets, and accounts named by their
 * Organizations name, need the organization read from AWS.
 */
import type { AssignmentRule, Desired } from '../model/desired.js';
import type { Account, Organization } from '../model/organization.js';
import { compareStrings } from '../model/compare.js';
import { hasName } from '../model/name-record.js';

const ACCOUNT_ID = /^\d{12}$/;

/** Why the rule needs the organization to be expanded, or undefined when the file is enough. */
export function organizationNeed(rule: AssignmentRule, aliases: Record<string, string>): string | undefined {
  const t = rule.targets;
  if (t.allAccounts) return 'it targets all accounts';
  if (t.organizationalUnits.length > 0) return 'it targets organizational units';
  if (Object.keys(t.accountTags).length > 0) return 'it targets accounts by tag';
  const named = [...t.accounts, ...t.excludeAccounts].find((ref) => !hasName(aliases, ref) && !ACCOUNT_ID.test(ref));
  if (named !== undefined) return 'it names an account by its Organizations name';
  return undefined;
}

/** True when some rule needs the organization (so `--offline` tries to read it). */
export function needsOrganization(desired: Desired): boolean {
  return desired.rules.some((r) => organizationNeed(r, desired.accountAliases) !== undefined);
}

/**
 * The organization as far as the file knows it: every account ID it names (aliases and rule
 * targets), taken as active, with no names, OUs or tags. Only rules {@link organizationNeed}
 * accepts may be expanded against it.
 */
export function organizationFromFile(desired: Desired): Organization {
  const ids = new Set<string>(Object.values(desired.accountAliases));
  for (const r of desired.rules) {
    for (const ref of [...r.targets.accounts, ...r.targets.excludeAccounts]) if (ACCOUNT_ID.test(ref)) ids.add(ref);
  }
  const accounts: Account[] = [...ids].sort(compareStrings).map((id) => ({ id, name: '', status: 'ACTIVE' }));
  return { managementAccountId: '', rootId: '', accounts };
}
