/**
 * What a plan read, in words, for every output: a scoped plan names what it covers and says that
 * drift elsewhere is left to the drift check (with the time of the last full read when the name
 * cache knows it: `Plan.lastFullRead`); a plan that was asked to be scoped but is full says why.
 * A plain full plan says nothing.
 */
import { sortedStrings } from '../model/compare.js';
import { count } from '../model/plural.js';
import type { ScopedRead } from '../plan/scope/types.js';
import type { Plan } from '../plan/types.js';

export interface ScopeWords {
  /** e.g. `Scoped plan: only what changed since abc123:access.yaml was read`. */
  headline: string;
  /** What was read, one item per kind (names as access.yaml spells them; escape before output). */
  covers: string[];
  /** About the rest. */
  rest: string;
}

const MAX_NAMES = 10;

function names(list: readonly string[]): string {
  if (list.length === 0) return '';
  const shown = list.slice(0, MAX_NAMES).join(', ');
  return list.length > MAX_NAMES ? ` (${shown}, +${list.length - MAX_NAMES} more)` : ` (${shown})`;
}

/** e.g. `the assignments of 1 user (ana) and 2 groups (devs, ops) in every account`; none when no principal was read. */
function principalWords(scope: ScopedRead): string[] {
  const { users, groups } = scope.principals;
  const parts = [
    ...(users.length > 0 ? [`${count(users.length, 'user')}${names(users)}`] : []),
    ...(groups.length > 0 ? [`${count(groups.length, 'group')}${names(groups)}`] : []),
  ];
  return parts.length === 0 ? [] : [`the assignments of ${parts.join(' and ')} in every account`];
}

/** `2026-11-29T15:25:07.123Z` → `2026-11-29 15:25 UTC`; undefined for anything that is not such a time. */
function fullReadTime(iso: string | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso ?? '');
  return m && !Number.isNaN(Date.parse(iso ?? '')) ? `${m[1]} ${m[2]} UTC` : undefined;
}

export function scopeWords(plan: Pick<Plan, 'scope' | 'lastFullRead'>): ScopeWords | undefined {
  const { scope } = plan;
  if (scope === undefined) return undefined;
  if (scope.kind === 'full') {
    return { headline: `Full plan: everything was read (a scoped plan was not possible: ${scope.reason})`, covers: [], rest: '' };
  }
  const lastRead = fullReadTime(plan.lastFullRead);
  const accounts = new Set(scope.pairs.map((p) => p.accountId)).size;
  const sets = sortedStrings(scope.pairs.map((p) => p.permissionSet));
  return {
    headline: `Scoped plan: only what the change since ${scope.base} can affect was read`,
    covers: [
      `${count(scope.permissionSets.length, 'permission set definition')}${names(scope.permissionSets)}`,
      `${count(scope.users.length, 'user')}${names(scope.users)}`,
      `${count(scope.groups.length, 'group')}${names(scope.groups)}`,
      `the assignments of ${count(scope.pairs.length, 'account × permission set pair')} (${count(accounts, 'account')}; ${count(sets.length, 'permission set')}${names(sets)})`,
      ...principalWords(scope),
    ],
    rest:
      lastRead !== undefined
        ? `Drift elsewhere is left to the drift check (last full read ${lastRead}; idc plan --full reads everything now).`
        : 'Drift elsewhere is left to the drift check: run the drift check (idc plan --full) to see it.',
  };
}
