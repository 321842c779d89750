/** `--user`, `--group`, `--account`, `--permission-set`: which rows a report shows. */
import { matchesAnyGlob } from '../model/name-glob.js';
import type { ReportFilters, ReportRow } from './types.js';
import { byName } from '../model/name-record.js';

export const NO_FILTERS: ReportFilters = { users: [], groups: [], accounts: [], permissionSets: [] };

/**
 * A predicate for rows. Each list keeps rows matching any of its values (`*` and `?` globs, as in
 * `ownership.ignore`); lists combine with AND. `--group` keeps rows with a path through a matching
 * group; `--account` matches the account ID, its name, or an `accounts:` alias of it.
 */
export function rowFilter(f: ReportFilters, aliases: Record<string, string>): (row: ReportRow) => boolean {
  const accountIds = new Set(f.accounts.map((a) => byName(aliases, a)).filter((id): id is string => id !== undefined));
  return (row) =>
    (f.users.length === 0 || matchesAnyGlob(row.user, f.users)) &&
    (f.permissionSets.length === 0 || matchesAnyGlob(row.permissionSet, f.permissionSets)) &&
    (f.groups.length === 0 || row.paths.some((p) => p.group !== undefined && matchesAnyGlob(p.group, f.groups))) &&
    (f.accounts.length === 0 ||
      accountIds.has(row.accountId) ||
      matchesAnyGlob(row.accountId, f.accounts) ||
      (row.accountName !== '' && matchesAnyGlob(row.accountName, f.accounts)));
}
