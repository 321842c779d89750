/** One-line descriptions of changes, used as the subject of failures and in messages. */
import type { Assignment } from '../model/assignment.js';
import type { Change } from '../plan/types.js';
import { count } from '../model/plural.js';
import { accountLabel } from '../model/organization.js';
import { revocationText } from './describe.js';

/** `ReadOnly → user jonathan on management (111122223333)` */
export function assignmentLabel(assignment: Assignment, accountNames: Record<string, string>): string {
  const who = assignment.principalType === 'USER' ? 'user' : 'group';
  return `${assignment.permissionSet} → ${who} ${assignment.principal} on ${accountLabel(assignment.accountId, accountNames[assignment.accountId])}`;
}

/** A model field as the access.yaml key a reader knows: `sessionDuration` → `session_duration`. */
export function yamlKey(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function fieldList(fields: readonly string[]): string {
  return fields.length > 0 ? ` (${fields.map(yamlKey).join(', ')})` : '';
}

/** e.g. `create assignment ReadOnly → user jonathan on management (111122223333)`. */
export function describeChange(change: Change, accountNames: Record<string, string>): string {
  switch (change.kind) {
    case 'user':
      return `${change.action} user ${change.userName}${change.action === 'update' ? fieldList(change.fields) : ''}`;
    case 'group':
      return `${change.action} group ${change.displayName}${change.action === 'update' ? fieldList(change.fields) : ''}`;
    case 'membership':
      return change.action === 'create' ? `add user ${change.user} to group ${change.group}` : `remove user ${change.user} from group ${change.group}`;
    case 'permission-set':
      return `${change.action} permission set ${change.name}${change.action === 'update' ? fieldList(change.fields) : ''}`;
    case 'provision': {
      const n = change.accountIds.length;
      return `provision permission set ${change.permissionSet} to ${count(n, 'account')}`;
    }
    case 'assignment':
      return `${change.action} assignment ${assignmentLabel(change.assignment, accountNames)}`;
    case 'session-revocation':
      return revocationText(change, accountNames);
  }
}
