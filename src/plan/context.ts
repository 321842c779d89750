/** What the planner knows about ownership: which kinds it may write, and what it must leave alone. */
import type { Desired } from '../model/desired.js';
import type { Live } from '../model/live.js';
import { AccountIndex } from './accounts.js';
import { matchesAnyGlob } from '../model/name-glob.js';

export interface PlanContext {
  desired: Desired;
  live: Live;
  accounts: AccountIndex;
  /** Users are created, updated and deleted (managed, internal identity source). */
  usersWritable: boolean;
  /** Groups and their memberships are created, updated and deleted. */
  groupsWritable: boolean;
  permissionSetsWritable: boolean;
  /** Live assignments no rule produces are deleted. */
  assignmentsManaged: boolean;
  ignoredUser(name: string): boolean;
  ignoredGroup(name: string): boolean;
  ignoredPermissionSet(name: string): boolean;
}

export function planContext(desired: Desired, live: Live): PlanContext {
  const internal = desired.identityCenter.identitySource === 'internal';
  const own = desired.ownership;
  return {
    desired,
    live,
    accounts: new AccountIndex(live.organization, desired.accountAliases),
    usersWritable: internal && own.users === 'managed',
    groupsWritable: internal && own.groups === 'managed',
    permissionSetsWritable: own.permissionSets === 'managed',
    assignmentsManaged: own.assignments === 'managed',
    ignoredUser: (n) => matchesAnyGlob(n, own.ignore.users),
    ignoredGroup: (n) => matchesAnyGlob(n, own.ignore.groups),
    ignoredPermissionSet: (n) => matchesAnyGlob(n, own.ignore.permissionSets),
  };
}

/** Why a kind cannot be written, for error messages. */
export function readOnlyReason(desired: Desired, kind: 'users' | 'groups' | 'permission_sets'): string {
  if (kind !== 'permission_sets' && desired.identityCenter.identitySource === 'external') {
    return `identity_source is external: ${kind} come from your identity provider and idc never creates or changes them`;
  }
  return `ownership.${kind} is referenced: idc only looks ${kind.replace('_', ' ')} up and never creates them`;
}
