/**
 * Which changes depend on which: a change is skipped when one it needs failed (or was skipped).
 *
 * - creating a user or group → its memberships and assignments;
 * - creating or editing a permission set (any call of it) → its provisioning and its new
 *   assignments (a half-edited set, e.g. one whose boundary failed, must not reach new accounts);
 * - deleting an assignment → deleting its permission set and its principal (a set with
 *   assignments cannot be deleted; a principal is kept so the leftover assignment keeps its name);
 * - revoking a person's sessions (the statement, then the provisioning that carries it) → the
 *   deletions that take the access away: the assignments of that set on that account, the user's
 *   memberships and the user (deleting first could leave their sessions open). Writing a set's
 *   inline policy for a revocation counts as editing the set.
 */
import type { Change } from '../plan/types.js';

const userKey = (name: string) => `user:${name}`;
const groupKey = (name: string) => `group:${name}`;
const setKey = (name: string) => `set:${name}`;
const principalNode = (type: 'USER' | 'GROUP', name: string) => (type === 'USER' ? userKey(name) : groupKey(name));
const unassignSetKey = (name: string) => `unassign-set:${name}`;
const unassignPrincipalKey = (type: 'USER' | 'GROUP', name: string) => `unassign-${principalNode(type, name)}`;
const revokedKey = (set: string, accountId: string) => `revoked:${set}:${accountId}`;
const revokedUserKey = (user: string) => `revoked-user:${user}`;

/** Keys that, when broken, make this change skip. */
export function needs(change: Change): string[] {
  switch (change.kind) {
    case 'user':
      return change.action === 'delete' ? [unassignPrincipalKey('USER', change.userName), revokedUserKey(change.userName)] : [];
    case 'group':
      return change.action === 'delete' ? [unassignPrincipalKey('GROUP', change.displayName)] : [];
    case 'membership':
      return change.action === 'create' ? [userKey(change.user), groupKey(change.group)] : [revokedUserKey(change.user)];
    case 'permission-set':
      return change.action === 'delete' ? [unassignSetKey(change.name)] : [];
    case 'provision':
      return [setKey(change.permissionSet)];
    case 'assignment': {
      const a = change.assignment;
      return change.action === 'create' ? [setKey(a.permissionSet), principalNode(a.principalType, a.principal)] : [revokedKey(a.permissionSet, a.accountId)];
    }
    case 'session-revocation':
      return [];
  }
}

/** Keys this change breaks when it fails or is skipped. */
export function provides(change: Change): string[] {
  switch (change.kind) {
    case 'user':
      return change.action === 'create' ? [userKey(change.userName)] : [];
    case 'group':
      return change.action === 'create' ? [groupKey(change.displayName)] : [];
    case 'membership':
      return [];
    case 'permission-set':
      return change.action === 'delete' ? [] : [setKey(change.name)];
    case 'provision': {
      // Only a provisioning that carries revocations holds deletions back.
      const users = change.revokesSessionsOf ?? [];
      return users.length === 0 ? [] : [...change.accountIds.map((id) => revokedKey(change.permissionSet, id)), ...users.map(revokedUserKey)];
    }
    case 'assignment': {
      const a = change.assignment;
      return change.action === 'delete' ? [unassignSetKey(a.permissionSet), unassignPrincipalKey(a.principalType, a.principal)] : [];
    }
    case 'session-revocation':
      return change.action === 'create'
        ? [setKey(change.permissionSet), revokedKey(change.permissionSet, change.accountId), revokedUserKey(change.user)]
        : [setKey(change.permissionSet)];
  }
}
