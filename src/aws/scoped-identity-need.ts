/**
 * Whether a scoped read must list the identity store's users and groups. It need not when the
 * restricted plan cannot touch an identity and no answer the planner gives depends on the live
 * ones:
 * - nothing of the identity store is in scope: no user or group differs, no principal is
 *   in scope, no (account, permission set) pair is in scope (so no assignment, access row or
 *   membership is planned), and no set is deleted (the self-lockout check then names the
 *   caller's user as the identity store spells it);
 * - every name the head file uses exists after the plan whatever the live store holds: users and
 *   groups are managed (internal source, `ownership.users`/`groups: managed`), none of the
 *   defined ones matches an ignore glob, and every user or group a rule, a group or
 *   `safety.protected` names is defined in the file. Then the references, membership and
 *   protected-entry checks find every name without the live store, and with no deletion of an
 *   identity or assignment in the plan, `safety.max_deletes` never counts live identities.
 */
import type { Desired } from '../model/desired.js';
import { matchesAnyGlob } from '../model/name-glob.js';
import type { ScopeRequest } from '../plan/scope/compute-scope.js';
import { readScope } from './read-scope.js';
import { hasName } from '../model/name-record.js';

export function identityStoreNeeded(head: Desired, request: ScopeRequest, deletesSets: boolean): boolean {
  if (request.users.length > 0 || request.groups.length > 0 || request.principals.length > 0 || request.pairs.length > 0 || deletesSets) return true;
  const own = head.ownership;
  if (head.identityCenter.identitySource !== 'internal' || own.users !== 'managed' || own.groups !== 'managed') return true;
  if (Object.keys(head.users).some((n) => matchesAnyGlob(n, own.ignore.users))) return true;
  if (Object.keys(head.groups).some((n) => matchesAnyGlob(n, own.ignore.groups))) return true;
  const named = readScope(head);
  return named.namedUsers.some((n) => !hasName(head.users, n)) || named.namedGroups.some((n) => !hasName(head.groups, n));
}
