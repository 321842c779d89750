/**
 * Where the emulator used to answer differently from AWS (found by comparing it with an
 * independent implementation): member accounts that do not administer Identity Center, the
 * instance's `Name`, and the identity store's HTTP statuses. Sources: emulator/administrators.ts,
 * emulator/services/sso-instances.ts, emulator/errors.ts.
 */
import { CreateUserCommand, DescribeUserCommand, ListUsersCommand } from '@aws-sdk/client-identitystore';
import { DescribeInstanceCommand, ListInstancesCommand, ListPermissionSetsCommand } from '@aws-sdk/client-sso-admin';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/options.js';
import { clients, expectError, INSTANCE, MGMT, start, STORE, testWorld, WORKLOADS, type Clients } from './test-helpers.js';

const MEMBER = '555566667777';
const asAccount = (emu: RunningEmulator, accountId: string): void => emu.setCaller({ accountId, arn: `arn:aws:sts::${accountId}:assumed-role/Reader/ci` });
const newUser = (name: string) =>
  new CreateUserCommand({
    IdentityStoreId: STORE,
    UserName: name,
    DisplayName: name,
    Name: { GivenName: name, FamilyName: 'Test' },
    Emails: [{ Value: `${name}@example.com`, Primary: true }],
  });

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function startWith(world = testWorld(), options: Parameters<typeof start>[0] = {}): Promise<Clients> {
  world.organization.accounts.push({ id: MEMBER, name: 'plain-member' });
  const started = await start({ world, ...options });
  emu = started.emu;
  return started.c;
}

describe('a member account that is not a delegated administrator', () => {
  it('is refused every sso-admin call with AccessDeniedException, and sees no instance', async () => {
    const c = await startWith();
    asAccount(emu!, MEMBER);
    const err = await expectError(c.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE })), 'AccessDeniedException', 403);
    expect(err.message).toContain(`account ${MEMBER} is neither the management account nor a delegated administrator`);
    await expectError(c.sso.send(new DescribeInstanceCommand({ InstanceArn: INSTANCE })), 'AccessDeniedException', 403);
    expect((await c.sso.send(new ListInstancesCommand({}))).Instances).toEqual([]);
  });

  it('may read the identity store but not write to it', async () => {
    const c = await startWith();
    await c.ids.send(newUser('ana'));
    asAccount(emu!, MEMBER);
    expect((await c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE }))).Users?.map((u) => u.UserName)).toEqual(['ana']);
    await expectError(c.ids.send(newUser('bo')), 'AccessDeniedException', 403);
  });

  it('while the registered delegated administrator and the management account administer it', async () => {
    const c = await startWith();
    for (const account of [WORKLOADS, MGMT]) {
      asAccount(emu!, account);
      await c.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE }));
      await c.ids.send(newUser(`user-${account}`));
      expect((await c.sso.send(new ListInstancesCommand({}))).Instances?.map((i) => i.InstanceArn)).toEqual([INSTANCE]);
    }
  });

  it('a world naming an unknown account or the management account as delegated administrator is refused', async () => {
    const unknown = testWorld();
    unknown.organization.delegatedAdministrators = ['999999999999'];
    await expect(start({ world: unknown })).rejects.toThrow(/delegated administrator 999999999999 is not among the accounts/);
    const management = testWorld();
    management.organization.delegatedAdministrators = [MGMT];
    await expect(start({ world: management })).rejects.toThrow(/cannot be a delegated administrator/);
  });
});

describe('ListInstances and DescribeInstance', () => {
  it('return no Name for an instance that has none in the world', async () => {
    const c = await startWith();
    const [listed] = (await c.sso.send(new ListInstancesCommand({}))).Instances ?? [];
    expect(listed?.InstanceArn).toBe(INSTANCE);
    expect(listed).not.toHaveProperty('Name');
    expect(await c.sso.send(new DescribeInstanceCommand({ InstanceArn: INSTANCE }))).not.toHaveProperty('Name');
  });

  it('return the Name the world gives', async () => {
    const world = testWorld();
    world.instance.name = 'acme-sso';
    const c = await startWith(world);
    expect((await c.sso.send(new ListInstancesCommand({}))).Instances?.[0]?.Name).toBe('acme-sso');
    expect((await c.sso.send(new DescribeInstanceCommand({ InstanceArn: INSTANCE }))).Name).toBe('acme-sso');
  });
});

describe('identity store errors carry the HTTP status of the service model', () => {
  it('400 validation, 403 access denied, 404 not found, 409 conflict', async () => {
    const c = await startWith();
    await expectError(c.ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: 'not-an-id' })), 'ValidationException', 400);
    await expectError(
      c.ids.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: '90670000-0000-4000-8000-000000000000' })),
      'ResourceNotFoundException',
      404,
    );
    await c.ids.send(newUser('ana'));
    await expectError(c.ids.send(newUser('ana')), 'ConflictException', 409);
    asAccount(emu!, MEMBER);
    await expectError(c.ids.send(newUser('bo')), 'AccessDeniedException', 403);
  });

  it('429 throttling and 500 internal errors (sso-admin keeps its own)', async () => {
    const c = await startWith(testWorld(), { faults: { throttleRate: 1 } });
    await expectError(c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE })), 'ThrottlingException', 429);
    emu!.setFaults({ throttleRate: 0, serverErrorRate: 1 });
    await expectError(c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE })), 'InternalServerException', 500);
    const one = clients(emu!, 1);
    await expectError(one.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE })), 'InternalServerException', 500);
  });
});
