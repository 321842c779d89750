/** The identity store part of the SDK gateway: users, groups, memberships. */
import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  DescribeGroupCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetUserIdCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  type AttributeOperation,
  type IdentitystoreClient,
  type Email,
  type Name,
} from '@aws-sdk/client-identitystore';
import type { User } from '../model/identity.js';
import { errorCode } from './aws-error.js';
import type { CallRunner } from './call-runner.js';
import { actionOf } from './operations.js';
import type { GroupRecord, IdentityCenterGateway, MembershipRecord, UserRecord } from './gateway.js';
import { sortedStrings } from '../model/compare.js';

/** Identity store pages hold at most 100 items. */
export const IDENTITY_STORE_PAGE_SIZE = 100;

export type IdentityStoreGateway = Pick<
  IdentityCenterGateway,
  | 'listUsers'
  | 'listGroups'
  | 'listGroupMemberships'
  | 'listGroupMembershipsForMember'
  | 'getUserId'
  | 'getGroupId'
  | 'describeUser'
  | 'describeGroup'
  | 'createUser'
  | 'updateUser'
  | 'deleteUser'
  | 'createGroup'
  | 'updateGroup'
  | 'deleteGroup'
  | 'createGroupMembership'
  | 'deleteGroupMembership'
>;

interface SdkUserShape {
  UserId?: string | undefined;
  UserName?: string | undefined;
  DisplayName?: string | undefined;
  Name?: Name | undefined;
  Emails?: Email[] | undefined;
}

/** The primary email, else the first one, else empty. */
export function toUserRecord(u: SdkUserShape): UserRecord {
  const emails = u.Emails ?? [];
  const email = (emails.find((e) => e.Primary) ?? emails[0])?.Value ?? '';
  return {
    userId: u.UserId ?? '',
    userName: u.UserName ?? '',
    displayName: u.DisplayName ?? '',
    givenName: u.Name?.GivenName ?? '',
    familyName: u.Name?.FamilyName ?? '',
    email,
  };
}

function toGroupRecord(g: { GroupId?: string | undefined; DisplayName?: string | undefined; Description?: string | undefined }): GroupRecord {
  return {
    groupId: g.GroupId ?? '',
    displayName: g.DisplayName ?? '',
    ...(g.Description !== undefined && g.Description !== '' ? { description: g.Description } : {}),
  };
}

function isNotFound(error: unknown): boolean {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  return errorCode(cause).startsWith('ResourceNotFound');
}

export function createIdentityStoreGateway(client: IdentitystoreClient, runner: CallRunner): IdentityStoreGateway {
  const max = IDENTITY_STORE_PAGE_SIZE;
  return {
    async listUsers(storeId) {
      const users = await runner.all(
        { action: actionOf('listUsers'), doing: 'list users', target: `of identity store ${storeId}` },
        (NextToken) => client.send(new ListUsersCommand({ IdentityStoreId: storeId, MaxResults: max, NextToken })),
        (o) => o.Users,
      );
      return users.map(toUserRecord);
    },

    async listGroups(storeId) {
      const groups = await runner.all(
        { action: actionOf('listGroups'), doing: 'list groups', target: `of identity store ${storeId}` },
        (NextToken) => client.send(new ListGroupsCommand({ IdentityStoreId: storeId, MaxResults: max, NextToken })),
        (o) => o.Groups,
      );
      return groups.map(toGroupRecord);
    },

    async listGroupMemberships(storeId, groupId) {
      const memberships = await runner.all(
        { action: actionOf('listGroupMemberships'), doing: 'list the members', target: `of group ${groupId}` },
        (NextToken) => client.send(new ListGroupMembershipsCommand({ IdentityStoreId: storeId, GroupId: groupId, MaxResults: max, NextToken })),
        (o) => o.GroupMemberships,
      );
      const out: MembershipRecord[] = [];
      for (const m of memberships) {
        const userId = m.MemberId?.UserId;
        if (m.MembershipId && userId) out.push({ membershipId: m.MembershipId, userId });
      }
      return out;
    },

    async listGroupMembershipsForMember(storeId, userId) {
      const memberships = await runner.all(
        { action: 'identitystore:ListGroupMembershipsForMember', doing: 'list the groups', target: `of user ${userId}` },
        (NextToken) =>
          client.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: storeId, MemberId: { UserId: userId }, MaxResults: max, NextToken })),
        (o) => o.GroupMemberships,
      );
      return sortedStrings(memberships.flatMap((m) => (m.GroupId ? [m.GroupId] : [])));
    },

    async getUserId(storeId, userName) {
      try {
        const out = await runner.call({ action: actionOf('getUserId'), doing: 'look up the user', target: JSON.stringify(userName) }, () =>
          client.send(
            new GetUserIdCommand({
              IdentityStoreId: storeId,
              AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: userName } },
            }),
          ),
        );
        return out.UserId;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async getGroupId(storeId, displayName) {
      try {
        const out = await runner.call({ action: actionOf('getGroupId'), doing: 'look up the group', target: JSON.stringify(displayName) }, () =>
          client.send(
            new GetGroupIdCommand({
              IdentityStoreId: storeId,
              AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: displayName } },
            }),
          ),
        );
        return out.GroupId;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async describeUser(storeId, userId) {
      try {
        const out = await runner.call({ action: actionOf('describeUser'), doing: 'describe the user', target: userId }, () =>
          client.send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId: userId })),
        );
        return toUserRecord(out);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async describeGroup(storeId, groupId) {
      try {
        const out = await runner.call({ action: actionOf('describeGroup'), doing: 'describe the group', target: groupId }, () =>
          client.send(new DescribeGroupCommand({ IdentityStoreId: storeId, GroupId: groupId })),
        );
        return toGroupRecord(out);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },

    async createUser(storeId, user) {
      const out = await runner.call({ action: actionOf('createUser'), doing: 'create the user', target: JSON.stringify(user.userName) }, () =>
        client.send(
          new CreateUserCommand({
            IdentityStoreId: storeId,
            UserName: user.userName,
            DisplayName: user.displayName,
            Name: { GivenName: user.givenName, FamilyName: user.familyName },
            Emails: [{ Value: user.email, Type: 'work', Primary: true }],
          }),
        ),
      );
      return required(out.UserId, `create user ${JSON.stringify(user.userName)}`);
    },

    async updateUser(storeId, userId, user, fields) {
      const target = JSON.stringify(user.userName);
      // The email is one entry of a list that AWS replaces whole: read the list first so the
      // entries the file does not manage (other addresses, the entry's type) are kept.
      let liveEmails: Email[] = [];
      if (fields.includes('email')) {
        const out = await runner.call({ action: actionOf('describeUser'), doing: 'read the email addresses of the user', target }, () =>
          client.send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId: userId })),
        );
        liveEmails = out.Emails ?? [];
      }
      const operations = userOperations(user, fields, liveEmails);
      if (operations.length === 0) return;
      await runner.call({ action: actionOf('updateUser'), doing: 'update the user', target }, () =>
        client.send(new UpdateUserCommand({ IdentityStoreId: storeId, UserId: userId, Operations: operations })),
      );
    },

    async deleteUser(storeId, userId) {
      await runner.call({ action: actionOf('deleteUser'), doing: 'delete the user', target: userId }, () =>
        client.send(new DeleteUserCommand({ IdentityStoreId: storeId, UserId: userId })),
      );
    },

    async createGroup(storeId, displayName, description) {
      const out = await runner.call({ action: actionOf('createGroup'), doing: 'create the group', target: JSON.stringify(displayName) }, () =>
        client.send(
          new CreateGroupCommand({
            IdentityStoreId: storeId,
            DisplayName: displayName,
            ...(description !== undefined ? { Description: description } : {}),
          }),
        ),
      );
      return required(out.GroupId, `create group ${JSON.stringify(displayName)}`);
    },

    async updateGroup(storeId, groupId, description) {
      await runner.call({ action: actionOf('updateGroup'), doing: 'update the group', target: groupId }, () =>
        client.send(
          new UpdateGroupCommand({
            IdentityStoreId: storeId,
            GroupId: groupId,
            // Without a value the attribute is removed.
            Operations: [{ AttributePath: 'description', ...(description !== undefined ? { AttributeValue: description } : {}) }],
          }),
        ),
      );
    },

    async deleteGroup(storeId, groupId) {
      await runner.call({ action: actionOf('deleteGroup'), doing: 'delete the group', target: groupId }, () =>
        client.send(new DeleteGroupCommand({ IdentityStoreId: storeId, GroupId: groupId })),
      );
    },

    async createGroupMembership(storeId, groupId, userId) {
      const out = await runner.call({ action: actionOf('createGroupMembership'), doing: 'add user', target: `${userId} to group ${groupId}` }, () =>
        client.send(new CreateGroupMembershipCommand({ IdentityStoreId: storeId, GroupId: groupId, MemberId: { UserId: userId } })),
      );
      return required(out.MembershipId, `add user ${userId} to group ${groupId}`);
    },

    async deleteGroupMembership(storeId, membershipId) {
      await runner.call({ action: actionOf('deleteGroupMembership'), doing: 'delete the group membership', target: membershipId }, () =>
        client.send(new DeleteGroupMembershipCommand({ IdentityStoreId: storeId, MembershipId: membershipId })),
      );
    },
  };
}

function required(id: string | undefined, what: string): string {
  if (!id) throw new Error(`Could not ${what}: AWS returned no ID`);
  return id;
}

/**
 * UpdateUser attribute paths of the fields access.yaml manages. UpdateUser applies exactly the
 * operations it is given and leaves every other attribute alone; an operation on `emails`
 * replaces the whole list (Identity Store API reference, UpdateUser: "A list of
 * AttributeOperation objects to apply to the requested user. These operations might add,
 * replace, or remove an attribute";
 * https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_UpdateUser.html
 * and API_AttributeOperation.html). So only changed fields are sent.
 */
const USER_PATHS: Record<keyof User, string> = {
  userName: 'userName',
  displayName: 'displayName',
  givenName: 'name.givenName',
  familyName: 'name.familyName',
  email: 'emails',
};

/** One operation per changed field, in the order of `fields` (the plan's order). */
export function userOperations(user: User, fields: readonly (keyof User)[], liveEmails: readonly Email[]): AttributeOperation[] {
  return [...new Set(fields)].map((field): AttributeOperation => {
    if (field === 'email') return { AttributePath: USER_PATHS.email, AttributeValue: emailsWith(liveEmails, user.email) };
    return { AttributePath: USER_PATHS[field], AttributeValue: user[field] };
  });
}

/**
 * The user's email list with the managed address changed: the entry idc reads as "the" email
 * (the primary one, else the first, as in toUserRecord) gets the new value and keeps its type
 * and primary flag; every other entry stays as it is. A user without any email gets one
 * primary `work` address, as CreateUser gives it. The list is sent whole, in the SCIM-style
 * lower-case member names UpdateUser's document value takes.
 */
export function emailsWith(live: readonly Email[], email: string): Record<string, string | boolean>[] {
  const managed = live.findIndex((e) => e.Primary === true);
  const at = managed >= 0 ? managed : live.length > 0 ? 0 : -1;
  if (at < 0) return [{ value: email, type: 'work', primary: true }];
  return live.map((e, i) => ({
    value: i === at ? email : (e.Value ?? ''),
    ...(e.Type !== undefined ? { type: e.Type } : {}),
    ...(e.Primary !== undefined ? { primary: e.Primary } : {}),
  }));
}
