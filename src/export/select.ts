/**
 * What of the live state goes into the exported file: everything the default ownership would
 * manage. Control Tower's groups and permission sets (the default ignore globs) stay out, and so
 * do assignments no rule could express (unknown principals, accounts that are not active).
 */
import { DEFAULT_IGNORE } from '../config/normalise.js';
import { compareAssignments, type Assignment } from '../model/assignment.js';
import type { IdentitySource } from '../model/desired.js';
import type { LiveGroup, LiveUser } from '../model/identity.js';
import type { Live } from '../model/live.js';
import type { LivePermissionSet } from '../model/permission-set.js';
import { matchesAnyGlob } from '../model/name-glob.js';
import { accountNamesOf } from '../model/organization.js';
import { assignmentLabel } from '../render/change-line.js';

export interface Selection {
  /** Internal identity source only (external: users and groups are references). */
  users: LiveUser[];
  groups: LiveGroup[];
  permissionSets: LivePermissionSet[];
  assignments: Assignment[];
  /** Names left out because they match the default ignore globs, per kind. */
  ignored: { groups: string[]; permissionSets: string[] };
  /** Assignments left out, each as one sentence (for a comment and for stderr). */
  skippedAssignments: string[];
}

function describe(a: Assignment, live: Live): string {
  return assignmentLabel(a, accountNamesOf(live.organization, {}));
}

export function selectForExport(live: Live, identitySource: IdentitySource): Selection {
  const internal = identitySource === 'internal';
  const ignoredGroup = (name: string): boolean => matchesAnyGlob(name, DEFAULT_IGNORE.groups);
  const ignoredUser = (name: string): boolean => matchesAnyGlob(name, DEFAULT_IGNORE.users);
  const ignoredSet = (name: string): boolean => matchesAnyGlob(name, DEFAULT_IGNORE.permissionSets);

  const users = internal ? Object.values(live.users).filter((u) => !ignoredUser(u.userName)) : [];
  const groups = internal ? Object.values(live.groups).filter((g) => !ignoredGroup(g.displayName)) : [];
  const permissionSets = Object.values(live.permissionSets).filter((ps) => !ignoredSet(ps.name));
  const exportedSets = new Set(permissionSets.map((ps) => ps.name));
  const accounts = new Map(live.organization.accounts.map((a) => [a.id, a]));

  const assignments: Assignment[] = [];
  const skippedAssignments: string[] = [];
  for (const a of [...live.assignments].sort(compareAssignments)) {
    if (!exportedSets.has(a.permissionSet)) continue;
    if (a.principalType === 'GROUP' ? ignoredGroup(a.principal) : ignoredUser(a.principal)) continue;
    if (a.principal.startsWith('id:')) {
      skippedAssignments.push(
        `${describe(a, live)}: the ${a.principalType === 'USER' ? 'user' : 'group'} no longer exists in the identity store (idc leaves this assignment alone)`,
      );
      continue;
    }
    const account = accounts.get(a.accountId);
    if (account === undefined || account.status !== 'ACTIVE') {
      const status = account === undefined ? 'not in the organization' : account.status;
      skippedAssignments.push(`${describe(a, live)}: the account is ${status}, so no rule can target it (idc plan proposes to remove it)`);
      continue;
    }
    assignments.push({ permissionSet: a.permissionSet, principalType: a.principalType, principal: a.principal, accountId: a.accountId });
  }

  return {
    users,
    groups,
    permissionSets,
    assignments,
    ignored: {
      groups: Object.keys(live.groups).filter(ignoredGroup),
      permissionSets: Object.keys(live.permissionSets).filter(ignoredSet),
    },
    skippedAssignments,
  };
}
