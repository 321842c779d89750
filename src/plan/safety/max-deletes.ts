/**
 * `safety.max_deletes`: a count applies to all deletions of the plan together (users, groups,
 * memberships, permission sets, assignments); a percentage applies to each kind separately,
 * against the live objects of that kind (deleting 5 of 8 permission sets is 62%, whatever the
 * number of assignments).
 */
import type { MaxDeletes } from '../../model/desired.js';
import type { Live } from '../../model/live.js';
import type { SourcePos } from '../../model/source.js';
import type { Change, ChangeKind, SafetyRefusal } from '../types.js';
import { count } from '../../model/plural.js';

const KIND_WORDS: Partial<Record<ChangeKind, [string, string]>> = {
  user: ['user', 'users'],
  group: ['group', 'groups'],
  membership: ['group membership', 'group memberships'],
  'permission-set': ['permission set', 'permission sets'],
  assignment: ['assignment', 'assignments'],
};

function liveCount(kind: ChangeKind, live: Live): number {
  switch (kind) {
    case 'user':
      return Object.keys(live.users).length;
    case 'group':
      return Object.keys(live.groups).length;
    case 'membership':
      return Object.values(live.groups).reduce((n, g) => n + g.members.length, 0);
    case 'permission-set':
      return Object.keys(live.permissionSets).length;
    case 'assignment':
      return live.assignments.length;
    // Stryker disable next-line ConditionalExpression,StringLiteral: provisions never delete, so are never counted.
    case 'provision':
      return 0;
    // Removing a session revocation takes no access away: it is never counted either.
    case 'session-revocation':
      return 0;
  }
}

const HOW = 'check that every deletion is intended, then raise safety.max_deletes or apply with force';

export function checkMaxDeletes(changes: readonly Change[], maxDeletes: MaxDeletes, live: Live, pos?: SourcePos): SafetyRefusal[] {
  const refusal = (message: string): SafetyRefusal => ({ code: 'max-deletes-exceeded', message, forceOverrides: true, ...(pos ? { pos } : {}) });
  // Removing a session revocation deletes no object of the user's: it is not a deletion here.
  const deletes = changes.filter((c) => c.action === 'delete' && c.kind !== 'session-revocation');
  if (maxDeletes.kind === 'count') {
    if (deletes.length <= maxDeletes.value) return [];
    return [refusal(`plan deletes ${count(deletes.length, 'object')}; safety.max_deletes is ${maxDeletes.value}: ${HOW}`)];
  }
  const perKind = new Map<ChangeKind, number>();
  for (const change of deletes) perKind.set(change.kind, (perKind.get(change.kind) ?? 0) + 1);
  const refusals: SafetyRefusal[] = [];
  for (const kind of Object.keys(KIND_WORDS) as ChangeKind[]) {
    const n = perKind.get(kind) ?? 0;
    // Stryker disable next-line ConditionalExpression: with no deletion of a kind, 0 × 100 never exceeds the limit.
    if (n === 0) continue;
    const of = Math.max(liveCount(kind, live), n);
    if (n * 100 <= maxDeletes.value * of) continue;
    // Stryker disable next-line ArrayDeclaration: kind comes from KIND_WORDS' own keys.
    const [one, many] = KIND_WORDS[kind] ?? [kind, kind];
    const percent = Math.round((n * 100) / of);
    refusals.push(refusal(`plan deletes ${n} of ${count(of, one, many)} (${percent}%); safety.max_deletes is ${maxDeletes.value}%: ${HOW}`));
  }
  return refusals;
}
