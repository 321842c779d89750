/**
 * Refuses a plan that removes the access of the credentials doing the apply. Only Identity
 * Center credentials can be locked out this way: their role is
 * `AWSReservedSSO_<permission set>_<hex suffix>` and their session name is the user name.
 * The check looks at the state after the plan (creations run before deletions, so access moved
 * from one path to another, e.g. from a direct assignment to a group, is kept).
 * `--force` never overrides it: nobody could apply the fix afterwards with these credentials.
 */
import { principalKey } from '../../model/assignment.js';
import type { Live } from '../../model/live.js';
import { accountLabel } from '../../model/organization.js';
import type { Change, SafetyRefusal } from '../types.js';
import { hasName } from '../../model/name-record.js';

export interface SsoCaller {
  accountId: string;
  permissionSet: string;
  userName: string;
}

/** Set names may contain `_`: the suffix is what follows the last one. */
const SSO_ROLE_ARN = /^arn:[^:]+:sts::(\d{12}):assumed-role\/AWSReservedSSO_(.+)_([0-9a-fA-F]+)\/(.+)$/;

/** The permission set and user behind an Identity Center session, or undefined for other credentials. */
export function parseSsoCaller(arn: string): SsoCaller | undefined {
  const m = SSO_ROLE_ARN.exec(arn);
  if (!m) return undefined;
  const [, accountId, permissionSet, , userName] = m;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: the three groups always match when the regex does (for the type checker).
  if (accountId === undefined || permissionSet === undefined || userName === undefined) return undefined;
  return { accountId, permissionSet, userName };
}

interface Paths {
  direct: boolean;
  groups: string[];
}

export function checkSelfLockout(changes: readonly Change[], accountNames: Record<string, string>, live: Live): SafetyRefusal[] {
  const caller = parseSsoCaller(live.caller.arn);
  if (!caller) return [];
  const userName = knownName(caller.userName, live) ?? caller.userName;
  const { permissionSet, accountId } = caller;

  const deletedUser = changes.some((c) => c.kind === 'user' && c.action === 'delete' && c.userName === userName);
  const deletedSet = changes.some((c) => c.kind === 'permission-set' && c.action === 'delete' && c.name === permissionSet);
  const deletedGroups = new Set(changes.flatMap((c) => (c.kind === 'group' && c.action === 'delete' ? [c.displayName] : [])));

  // Group members and assignments of (set, account), before and after the plan.
  const membersBefore = new Map(Object.values(live.groups).map((g) => [g.displayName, new Set(g.members)]));
  const membersAfter = new Map([...membersBefore].map(([g, m]) => [g, new Set(m)]));
  const grantsBefore = new Set<string>();
  for (const a of live.assignments) {
    if (a.permissionSet === permissionSet && a.accountId === accountId) grantsBefore.add(principalKey(a));
  }
  const grantsAfter = new Set(grantsBefore);
  for (const change of changes) {
    if (change.kind === 'membership') {
      const members = membersAfter.get(change.group) ?? new Set<string>();
      membersAfter.set(change.group, members);
      if (change.action === 'create') members.add(change.user);
      else members.delete(change.user);
    } else if (change.kind === 'assignment') {
      const a = change.assignment;
      if (a.permissionSet !== permissionSet || a.accountId !== accountId) continue;
      const key = principalKey(a);
      if (change.action === 'create') grantsAfter.add(key);
      else grantsAfter.delete(key);
    }
  }
  for (const group of deletedGroups) membersAfter.delete(group);

  const paths = (grants: Set<string>, members: Map<string, Set<string>>): Paths => ({
    direct: grants.has(principalKey({ principalType: 'USER', principal: userName })),
    groups: [...grants]
      .filter((k) => k.startsWith('GROUP|') && members.get(k.slice('GROUP|'.length))?.has(userName) === true)
      .map((k) => k.slice('GROUP|'.length))
      .sort(),
  });
  const before = paths(grantsBefore, membersBefore);
  const after = paths(grantsAfter, membersAfter);
  const hadAccess = before.direct || before.groups.length > 0;
  const keepsAccess = !deletedUser && !deletedSet && (after.direct || after.groups.length > 0);
  if (keepsAccess || (!hadAccess && !deletedUser && !deletedSet)) return [];

  const causes: string[] = [];
  if (deletedUser) causes.push(`deletes user ${userName}`);
  if (deletedSet) causes.push(`deletes permission set ${permissionSet}`);
  if (before.direct && !after.direct) causes.push(`deletes assignment ${permissionSet} → user ${userName}`);
  for (const group of before.groups) {
    if (deletedGroups.has(group)) causes.push(`deletes group ${group}`);
    else if (!grantsAfter.has(principalKey({ principalType: 'GROUP', principal: group }))) causes.push(`deletes assignment ${permissionSet} → group ${group}`);
    // Stryker disable next-line OptionalChaining: a group of before.groups that is not deleted is still in membersAfter.
    else if (membersAfter.get(group)?.has(userName) !== true) causes.push(`removes ${userName} from group ${group}`);
  }
  const account = accountLabel(accountId, accountNames[accountId]);
  return [
    {
      code: 'own-access-removed',
      message:
        `plan removes the access of the credentials running apply (user ${userName}, ${permissionSet} on ${account}): ` +
        `it ${causes.join(', ')}: run apply with other credentials, or keep ${userName}'s ${permissionSet} access to ${accountId} in access.yaml`,
      forceOverrides: false,
    },
  ];
}

/** The user name as the state spells it (Identity Center user names are case-insensitive). */
function knownName(sessionName: string, live: Live): string | undefined {
  // Stryker disable next-line ConditionalExpression: user names are unique regardless of case in Identity Center, so the search finds the same name.
  if (hasName(live.users, sessionName)) return sessionName;
  const lower = sessionName.toLowerCase();
  return Object.keys(live.users).find((name) => name.toLowerCase() === lower);
}
