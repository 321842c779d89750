/** The order of a plan's changes: by kind in apply order, then action, then name. */
import { compareTuples } from '../model/compare.js';
import type { Change, ChangeKind } from './types.js';

// Stryker disable next-line StringLiteral: an unknown kind sorts first (index -1), where 'user' already is.
const KINDS: ChangeKind[] = ['user', 'group', 'membership', 'permission-set', 'session-revocation', 'provision', 'assignment'];
// Stryker disable next-line StringLiteral: an unknown action sorts first (index -1), where 'create' already is.
const ACTIONS = ['create', 'update', 'delete'];

/** The names a change sorts by within its kind and action. */
export function changeSortKey(c: Change): string[] {
  switch (c.kind) {
    case 'user':
      return [c.userName];
    case 'group':
      return [c.displayName];
    case 'membership':
      return [c.group, c.user];
    case 'permission-set':
      return [c.name];
    case 'provision':
      return [c.permissionSet];
    case 'session-revocation':
      return [c.permissionSet, c.accountId, c.user, c.userId];
    case 'assignment':
      // Same fields as compareAssignments, compared by code unit (locale-independent).
      return [c.assignment.accountId, c.assignment.permissionSet, c.assignment.principalType, c.assignment.principal];
  }
}

export function sortChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort((a, b) =>
    compareTuples(
      [KINDS.indexOf(a.kind), ACTIONS.indexOf(a.action), ...changeSortKey(a)],
      [KINDS.indexOf(b.kind), ACTIONS.indexOf(b.action), ...changeSortKey(b)],
    ),
  );
}
