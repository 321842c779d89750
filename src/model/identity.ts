/** Users, groups and memberships of the identity store, in the terms access.yaml uses. */

/** An Identity Center user. The key everywhere is `userName` (the AWS `UserName`). */
export interface User {
  userName: string;
  displayName: string;
  givenName: string;
  familyName: string;
  /** The one (primary, type "work") email address. */
  email: string;
}

/** An Identity Center group. The key everywhere is `displayName`. */
export interface Group {
  displayName: string;
  description?: string;
  /** Member user names, sorted. */
  members: string[];
}

/** A user as read from AWS: the same shape plus its identity store ID. */
export interface LiveUser extends User {
  userId: string;
}

/** A group as read from AWS: the same shape plus IDs needed to change it. */
export interface LiveGroup extends Group {
  groupId: string;
  /** Membership ID per member user name (needed by DeleteGroupMembership). */
  membershipIds: Record<string, string>;
  /**
   * Members whose user could not be resolved to a user name (e.g. not read in external mode):
   * their user IDs, sorted. They are never changed by a plan.
   */
  unresolvedMemberIds: string[];
}
