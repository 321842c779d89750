/**
 * Names → AWS IDs for everything apply touches: read from the live state, completed by the
 * creations of this apply (a user created in phase 1 is a principal in phase 5).
 */
import type { Live } from '../model/live.js';

/** Thrown when a name has no ID: neither read before apply nor created by it. */
export class UnknownIdError extends Error {
  override name = 'UnknownIdError';
  constructor(what: string) {
    super(`${what} was not found in the state read before apply, nor created by it: run plan again`);
  }
}

/** Principal names of the form `id:<principal id>` stand for principals whose name is unknown. */
const RAW_ID_PREFIX = 'id:';

export class IdRegistry {
  private readonly users = new Map<string, string>();
  private readonly groups = new Map<string, string>();
  private readonly permissionSets = new Map<string, string>();
  private readonly memberships = new Map<string, string>();

  constructor(live: Live) {
    for (const [name, user] of Object.entries(live.users)) this.users.set(name, user.userId);
    for (const [name, group] of Object.entries(live.groups)) {
      this.groups.set(name, group.groupId);
      for (const [user, membershipId] of Object.entries(group.membershipIds)) {
        this.memberships.set(membershipKey(name, user), membershipId);
      }
    }
    for (const [name, set] of Object.entries(live.permissionSets)) this.permissionSets.set(name, set.arn);
  }

  userId(userName: string): string {
    return rawId(userName) ?? this.users.get(userName) ?? fail(`user ${userName}`);
  }

  groupId(displayName: string): string {
    return rawId(displayName) ?? this.groups.get(displayName) ?? fail(`group ${displayName}`);
  }

  principalId(principalType: 'USER' | 'GROUP', name: string): string {
    return principalType === 'USER' ? this.userId(name) : this.groupId(name);
  }

  permissionSetArn(name: string): string {
    return this.permissionSets.get(name) ?? fail(`permission set ${name}`);
  }

  membershipId(group: string, user: string): string {
    return this.memberships.get(membershipKey(group, user)) ?? fail(`the membership of user ${user} in group ${group}`);
  }

  addUser(userName: string, userId: string): void {
    this.users.set(userName, userId);
  }

  addGroup(displayName: string, groupId: string): void {
    this.groups.set(displayName, groupId);
  }

  addPermissionSet(name: string, arn: string): void {
    this.permissionSets.set(name, arn);
  }

  addMembership(group: string, user: string, membershipId: string): void {
    this.memberships.set(membershipKey(group, user), membershipId);
  }
}

function membershipKey(group: string, user: string): string {
  return `${group}\u0000${user}`;
}

function rawId(name: string): string | undefined {
  return name.startsWith(RAW_ID_PREFIX) ? name.slice(RAW_ID_PREFIX.length) : undefined;
}

function fail(what: string): never {
  throw new UnknownIdError(what);
}
