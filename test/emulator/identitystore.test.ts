import {
  CreateGroupCommand,
  CreateGroupMembershipCommand,
  CreateUserCommand,
  DeleteGroupMembershipCommand,
  DeleteUserCommand,
  DescribeGroupCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetGroupMembershipIdCommand,
  GetUserIdCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  type CreateUserCommandInput,
} from '@aws-sdk/client-identitystore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/options.js';
import { expectError, start, STORE, type Clients } from './test-helpers.js';

let emu: RunningEmulator;
let c: Clients;
beforeAll(async () => ({ emu, c } = await start()));
afterAll(() => emu.close());

const user = (name: string, extra: Partial<CreateUserCommandInput> = {}): CreateUserCommandInput => ({
  IdentityStoreId: STORE,
  UserName: name,
  DisplayName: `${name} Doe`,
  Name: { GivenName: name, FamilyName: 'Doe' },
  Emails: [{ Value: `${name}@example.com`, Type: 'work', Primary: true }],
  ...extra,
});

describe('identitystore users', () => {
  it('creates a user with a UUID-shaped ID and describes it back', async () => {
    const { UserId } = await c.ids.send(new CreateUserCommand(user('alice')));
    expect(UserId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const u = await c.ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId }));
    expect(u).toMatchObject({ UserName: 'alice', DisplayName: 'alice Doe', Name: { GivenName: 'alice', FamilyName: 'Doe' } });
    expect(u.Emails).toEqual([{ Value: 'alice@example.com', Type: 'work', Primary: true }]);
    expect(u.CreatedAt).toBeInstanceOf(Date);
  });

  it('refuses a second user with the same UserName: ConflictException (409)', async () => {
    await c.ids.send(new CreateUserCommand(user('bob')));
    const e = await expectError(c.ids.send(new CreateUserCommand(user('BOB', { Emails: [{ Value: 'other@example.com' }] }))), 'ConflictException', 409);
    expect((e as unknown as { Reason: string }).Reason).toBe('UNIQUENESS_CONSTRAINT_VIOLATION');
  });

  it('validates user fields: ValidationException (400)', async () => {
    await expectError(c.ids.send(new CreateUserCommand(user('has space'))), 'ValidationException', 400);
    await expectError(c.ids.send(new CreateUserCommand(user('x'.repeat(129)))), 'ValidationException', 400);
    await expectError(c.ids.send(new CreateUserCommand(user('carol', { DisplayName: undefined }))), 'ValidationException', 400);
    await expectError(c.ids.send(new CreateUserCommand(user('carol', { Name: { GivenName: 'C' } }))), 'ValidationException', 400);
    await expectError(c.ids.send(new CreateUserCommand(user('carol', { Emails: [] }))), 'ValidationException', 400);
    await expectError(c.ids.send(new CreateUserCommand(user('Administrator'))), 'ValidationException', 400);
  });

  it('answers ResourceNotFoundException for an unknown user or identity store', async () => {
    const e = await expectError(
      c.ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: '00000000-0000-4000-8000-000000000000' })),
      'ResourceNotFoundException',
      404,
    );
    expect((e as unknown as { ResourceType: string }).ResourceType).toBe('USER');
    await expectError(c.ids.send(new ListUsersCommand({ IdentityStoreId: 'd-0000000000' })), 'ResourceNotFoundException');
  });

  it('updates displayName, name parts and emails through Operations', async () => {
    const { UserId } = await c.ids.send(new CreateUserCommand(user('dave')));
    await c.ids.send(
      new UpdateUserCommand({
        IdentityStoreId: STORE,
        UserId,
        Operations: [
          { AttributePath: 'displayName', AttributeValue: 'David' },
          { AttributePath: 'name.givenName', AttributeValue: 'David' },
          { AttributePath: 'name.familyName', AttributeValue: 'Smith' },
          { AttributePath: 'emails', AttributeValue: [{ value: 'david@example.com', type: 'work', primary: true }] },
        ],
      }),
    );
    const u = await c.ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId }));
    expect(u).toMatchObject({
      DisplayName: 'David',
      Name: { GivenName: 'David', FamilyName: 'Smith' },
      Emails: [{ Value: 'david@example.com', Type: 'work', Primary: true }],
    });
    await expectError(
      c.ids.send(new UpdateUserCommand({ IdentityStoreId: STORE, UserId, Operations: [{ AttributePath: 'nickName', AttributeValue: 'x' }] })),
      'ValidationException',
    );
  });

  it('replaces the whole emails list on an emails operation and leaves attributes no operation names alone', async () => {
    const { UserId } = await c.ids.send(new CreateUserCommand(user('fay')));
    const emails = [
      { value: 'fay@example.com', type: 'home', primary: true },
      { value: 'fay.backup@example.org', type: 'other', primary: false },
    ];
    await c.ids.send(new UpdateUserCommand({ IdentityStoreId: STORE, UserId, Operations: [{ AttributePath: 'emails', AttributeValue: emails }] }));
    await c.ids.send(new UpdateUserCommand({ IdentityStoreId: STORE, UserId, Operations: [{ AttributePath: 'displayName', AttributeValue: 'Fay D.' }] }));
    const u = await c.ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId }));
    expect(u.DisplayName).toBe('Fay D.');
    expect(u.Name).toEqual({ GivenName: 'fay', FamilyName: 'Doe' });
    expect(u.Emails).toEqual([
      { Value: 'fay@example.com', Type: 'home', Primary: true },
      { Value: 'fay.backup@example.org', Type: 'other', Primary: false },
    ]);
    // The second address is the user's as much as the first: it is unique across the store.
    await expectError(c.ids.send(new CreateUserCommand(user('gus', { Emails: [{ Value: 'fay.backup@example.org', Primary: true }] }))), 'ConflictException');
    // A list replaces the old one: the backup address is gone.
    await c.ids.send(
      new UpdateUserCommand({
        IdentityStoreId: STORE,
        UserId,
        Operations: [{ AttributePath: 'emails', AttributeValue: [{ value: 'fay@example.com', type: 'work', primary: true }] }],
      }),
    );
    expect((await c.ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId }))).Emails).toEqual([
      { Value: 'fay@example.com', Type: 'work', Primary: true },
    ]);
    await expectError(
      c.ids.send(
        new UpdateUserCommand({
          IdentityStoreId: STORE,
          UserId,
          Operations: [
            {
              AttributePath: 'emails',
              AttributeValue: [
                { value: 'a@example.com', primary: true },
                { value: 'b@example.com', primary: true },
              ],
            },
          ],
        }),
      ),
      'ValidationException',
    );
    await expectError(
      c.ids.send(new CreateUserCommand(user('hal', { Emails: [{ Value: 'hal@example.com' }, { Value: 'hal2@example.com' }] }))),
      'ValidationException',
    );
  });

  it('finds users by UserName: ListUsers filter and GetUserId', async () => {
    const { UserId } = await c.ids.send(new CreateUserCommand(user('erin')));
    const listed = await c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE, Filters: [{ AttributePath: 'UserName', AttributeValue: 'erin' }] }));
    expect(listed.Users?.map((u) => u.UserId)).toEqual([UserId]);
    const got = await c.ids.send(
      new GetUserIdCommand({ IdentityStoreId: STORE, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'erin' } } }),
    );
    expect(got.UserId).toBe(UserId);
    await expectError(
      c.ids.send(
        new GetUserIdCommand({ IdentityStoreId: STORE, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'nobody' } } }),
      ),
      'ResourceNotFoundException',
    );
  });

  it('pages ListUsers with MaxResults/NextToken and rejects a forged token', async () => {
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: 2, NextToken: token }));
      expect(r.Users!.length).toBeLessThanOrEqual(2);
      for (const u of r.Users ?? []) seen.add(u.UserId!);
      token = r.NextToken;
      pages++;
    } while (token);
    expect(seen.size).toBe(emu.state.users.size);
    expect(pages).toBeGreaterThan(1);
    await expectError(c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE, NextToken: 'bm90LWEtdG9rZW4' })), 'ValidationException');
    await expectError(c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: 101 })), 'ValidationException');
  });

  it('deletes a user and its memberships', async () => {
    const { UserId } = await c.ids.send(new CreateUserCommand(user('frank')));
    const { GroupId } = await c.ids.send(new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: 'frank-group' }));
    await c.ids.send(new CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId, MemberId: { UserId: UserId! } }));
    await c.ids.send(new DeleteUserCommand({ IdentityStoreId: STORE, UserId }));
    await expectError(c.ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId })), 'ResourceNotFoundException');
    const m = await c.ids.send(new ListGroupMembershipsCommand({ IdentityStoreId: STORE, GroupId }));
    expect(m.GroupMemberships).toEqual([]);
  });
});

describe('identitystore groups and memberships', () => {
  it('creates, describes, updates and finds a group by displayName', async () => {
    const { GroupId } = await c.ids.send(new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: 'Platform', Description: 'Platform team' }));
    expect(await c.ids.send(new DescribeGroupCommand({ IdentityStoreId: STORE, GroupId }))).toMatchObject({
      DisplayName: 'Platform',
      Description: 'Platform team',
    });
    await c.ids.send(
      new UpdateGroupCommand({ IdentityStoreId: STORE, GroupId, Operations: [{ AttributePath: 'description', AttributeValue: 'Platform engineers' }] }),
    );
    const byName = await c.ids.send(
      new GetGroupIdCommand({ IdentityStoreId: STORE, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'Platform' } } }),
    );
    expect(byName.GroupId).toBe(GroupId);
    const listed = await c.ids.send(new ListGroupsCommand({ IdentityStoreId: STORE, Filters: [{ AttributePath: 'DisplayName', AttributeValue: 'Platform' }] }));
    expect(listed.Groups?.[0]?.Description).toBe('Platform engineers');
  });

  it('refuses a duplicate DisplayName: ConflictException', async () => {
    await c.ids.send(new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: 'Security' }));
    await expectError(c.ids.send(new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: 'Security' })), 'ConflictException', 409);
    await expectError(c.ids.send(new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: '' })), 'ValidationException');
  });

  it('manages memberships: create, duplicate → ConflictException, look up, list both ways, delete', async () => {
    const { UserId } = await c.ids.send(new CreateUserCommand(user('gina')));
    const { GroupId } = await c.ids.send(new CreateGroupCommand({ IdentityStoreId: STORE, DisplayName: 'Data' }));
    const { MembershipId } = await c.ids.send(new CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId, MemberId: { UserId: UserId! } }));
    await expectError(
      c.ids.send(new CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId, MemberId: { UserId: UserId! } })),
      'ConflictException',
      409,
    );
    const id = await c.ids.send(new GetGroupMembershipIdCommand({ IdentityStoreId: STORE, GroupId, MemberId: { UserId: UserId! } }));
    expect(id.MembershipId).toBe(MembershipId);
    const byGroup = await c.ids.send(new ListGroupMembershipsCommand({ IdentityStoreId: STORE, GroupId }));
    expect(byGroup.GroupMemberships?.map((m) => m.MemberId)).toEqual([{ UserId }]);
    const byMember = await c.ids.send(new ListGroupMembershipsForMemberCommand({ IdentityStoreId: STORE, MemberId: { UserId: UserId! } }));
    expect(byMember.GroupMemberships?.map((m) => m.GroupId)).toEqual([GroupId]);
    await c.ids.send(new DeleteGroupMembershipCommand({ IdentityStoreId: STORE, MembershipId }));
    await expectError(
      c.ids.send(new GetGroupMembershipIdCommand({ IdentityStoreId: STORE, GroupId, MemberId: { UserId: UserId! } })),
      'ResourceNotFoundException',
    );
    await expectError(
      c.ids.send(new CreateGroupMembershipCommand({ IdentityStoreId: STORE, GroupId, MemberId: { UserId: '00000000-0000-4000-8000-000000000000' } })),
      'ResourceNotFoundException',
    );
  });
});
