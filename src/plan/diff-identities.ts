/** Users, groups and memberships: Desired against Live. Unsorted: buildPlan sorts the changes and the diagnostics. */
import type { Group, User } from '../model/identity.js';
import type { Diagnostic, SourcePos } from '../model/source.js';
import { sortedStrings } from '../model/compare.js';
import { readOnlyReason, type PlanContext } from './context.js';
import { diagnosticAt, positionOf } from './expand.js';
import { didYouMean } from '../model/did-you-mean.js';
import type { GroupAttributes, GroupChange, MembershipChange, UserChange } from './types.js';
import { byName, hasName } from '../model/name-record.js';

const USER_FIELDS = ['displayName', 'email', 'familyName', 'givenName'] as const satisfies readonly (keyof User)[];

function filePos(ctx: PlanContext): SourcePos {
  return { file: ctx.desired.file, line: 1, col: 1 };
}

export interface IdentityDiff {
  users: UserChange[];
  groups: GroupChange[];
  memberships: MembershipChange[];
  /** User names that exist after the plan. */
  usersAfter: Set<string>;
  /** Group names that exist after the plan. */
  groupsAfter: Set<string>;
  /** Members per group after the plan (unresolved members not included). */
  membersAfter: Map<string, Set<string>>;
  diagnostics: Diagnostic[];
}

function userOf(u: User): User {
  return { userName: u.userName, displayName: u.displayName, givenName: u.givenName, familyName: u.familyName, email: u.email };
}

function attributesOf(g: Group): GroupAttributes {
  return g.description === undefined ? { displayName: g.displayName } : { displayName: g.displayName, description: g.description };
}

function diffUsers(ctx: PlanContext, out: IdentityDiff): void {
  const { desired, live } = ctx;
  for (const name of Object.keys(desired.users)) {
    const want = desired.users[name] as User;
    const have = byName(live.users, name);
    const pos = positionOf(desired, ['users', name], filePos(ctx));
    if (ctx.ignoredUser(name)) {
      out.diagnostics.push(diagnosticAt(pos, 'warning', `user "${name}" matches ownership.ignore.users: idc leaves it alone`));
      if (have) out.usersAfter.add(name);
      continue;
    }
    if (have === undefined) {
      if (!ctx.usersWritable) {
        out.diagnostics.push(
          diagnosticAt(
            pos,
            'error',
            `user "${name}" is not in the identity store (${readOnlyReason(desired, 'users')})${didYouMean(name, Object.keys(live.users))}`,
          ),
        );
        continue;
      }
      out.users.push({ kind: 'user', action: 'create', userName: name, after: userOf(want), fields: [], pos });
      out.usersAfter.add(name);
      continue;
    }
    out.usersAfter.add(name);
    if (!ctx.usersWritable) continue;
    const fields = USER_FIELDS.filter((f) => want[f] !== have[f]);
    if (fields.length > 0) {
      out.users.push({ kind: 'user', action: 'update', userName: name, before: userOf(have), after: userOf(want), fields, pos });
    }
  }
  for (const name of Object.keys(live.users)) {
    if (hasName(desired.users, name)) continue;
    const have = live.users[name] as User;
    if (ctx.usersWritable && !ctx.ignoredUser(name)) {
      out.users.push({ kind: 'user', action: 'delete', userName: name, before: userOf(have), fields: [] });
    } else out.usersAfter.add(name);
  }
}

function diffGroups(ctx: PlanContext, out: IdentityDiff): void {
  const { desired, live } = ctx;
  for (const name of Object.keys(desired.groups)) {
    const want = desired.groups[name] as Group;
    const have = byName(live.groups, name);
    const pos = positionOf(desired, ['groups', name], filePos(ctx));
    if (ctx.ignoredGroup(name)) {
      out.diagnostics.push(diagnosticAt(pos, 'warning', `group "${name}" matches ownership.ignore.groups: idc leaves it alone`));
      if (have) out.groupsAfter.add(name);
      continue;
    }
    if (have === undefined) {
      if (!ctx.groupsWritable) {
        out.diagnostics.push(
          diagnosticAt(
            pos,
            'error',
            `group "${name}" is not in the identity store (${readOnlyReason(desired, 'groups')})${didYouMean(name, Object.keys(live.groups))}`,
          ),
        );
        continue;
      }
      out.groups.push({ kind: 'group', action: 'create', displayName: name, after: attributesOf(want), fields: [], pos });
      out.groupsAfter.add(name);
      continue;
    }
    out.groupsAfter.add(name);
    if (ctx.groupsWritable && (want.description ?? '') !== (have.description ?? '')) {
      out.groups.push({
        kind: 'group',
        action: 'update',
        displayName: name,
        before: attributesOf(have),
        after: attributesOf(want),
        fields: ['description'],
        pos,
      });
    }
  }
  for (const name of Object.keys(live.groups)) {
    if (hasName(desired.groups, name)) continue;
    if (ctx.groupsWritable && !ctx.ignoredGroup(name)) {
      out.groups.push({ kind: 'group', action: 'delete', displayName: name, before: attributesOf(live.groups[name] as Group), fields: [] });
    } else out.groupsAfter.add(name);
  }
}

/** Memberships of the groups this file writes. A deleted group's memberships go with it. */
function diffMemberships(ctx: PlanContext, out: IdentityDiff): void {
  const { desired, live } = ctx;
  for (const name of out.groupsAfter) {
    const liveMembers = byName(live.groups, name)?.members ?? [];
    const want = byName(desired.groups, name);
    const writable = ctx.groupsWritable && want !== undefined && !ctx.ignoredGroup(name);
    if (!writable) {
      out.membersAfter.set(name, new Set(liveMembers));
      continue;
    }
    const after = new Set<string>();
    const have = new Set(liveMembers);
    const groupPos = positionOf(desired, ['groups', name], filePos(ctx));
    want.members.forEach((user, i) => {
      const pos = positionOf(desired, ['groups', name, 'members', i], groupPos);
      if (!out.usersAfter.has(user)) {
        const why = hasName(desired.users, user) ? '' : ` and not defined under users:${didYouMean(user, [...out.usersAfter])}`;
        out.diagnostics.push(diagnosticAt(pos, 'error', `member "${user}" of group "${name}" is not a user in the identity store${why}`));
        return;
      }
      after.add(user);
      if (!have.has(user)) {
        out.memberships.push({ kind: 'membership', action: 'create', group: name, user, pos });
      }
    });
    for (const user of sortedStrings(liveMembers)) {
      if (after.has(user)) continue;
      if (ctx.ignoredUser(user)) {
        after.add(user);
        continue;
      }
      out.memberships.push({ kind: 'membership', action: 'delete', group: name, user, pos: groupPos });
    }
    out.membersAfter.set(name, after);
  }
}

export function diffIdentities(ctx: PlanContext): IdentityDiff {
  const out: IdentityDiff = {
    users: [],
    groups: [],
    memberships: [],
    usersAfter: new Set(),
    groupsAfter: new Set(),
    membersAfter: new Map(),
    diagnostics: [],
  };
  diffUsers(ctx, out);
  diffGroups(ctx, out);
  diffMemberships(ctx, out);
  return out;
}
