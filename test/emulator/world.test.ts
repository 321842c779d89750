import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-identitystore';
import { ListAccountAssignmentsCommand, ListPermissionSetsCommand } from '@aws-sdk/client-sso-admin';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { generateWorld } from '../../emulator/generate.js';
import { readWorldFile, startEmulator } from '../../emulator/index.js';
import { loadWorld } from '../../emulator/world-load.js';
import { Generators } from '../../emulator/prng.js';
import { clients, INSTANCE, MGMT, STORE, testWorld, WORKLOADS } from './test-helpers.js';
import type { World } from '../../emulator/world-types.js';

const U1 = '11111111-1111-4111-8111-111111111111';
const G1 = '22222222-2222-4222-8222-222222222222';
const PS1 = 'arn:aws:sso:::permissionSet/ssoins-72230000a1b2c3d4/ps-00000000000000a1';

function fullWorld(): World {
  const w = testWorld();
  w.users = [
    {
      id: U1,
      userName: 'alice',
      displayName: 'Alice A',
      givenName: 'Alice',
      familyName: 'A',
      emails: [{ value: 'alice@example.com', type: 'work', primary: true }],
    },
  ];
  w.groups = [{ id: G1, displayName: 'Admins', description: 'Administrators' }];
  w.memberships = [{ id: '33333333-3333-4333-8333-333333333333', groupId: G1, userId: U1 }];
  w.permissionSets = [
    {
      arn: PS1,
      name: 'Admin',
      description: 'Full access',
      sessionDuration: 'PT8H',
      relayState: 'https://console.aws.amazon.com/',
      inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
      managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      customerManagedPolicies: [{ name: 'BaselinePolicy', path: '/' }],
      permissionsBoundary: { managedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      tags: { owner: 'platform' },
    },
  ];
  w.assignments = [
    { accountId: WORKLOADS, permissionSet: PS1, principalType: 'GROUP', principalId: G1 },
    { accountId: MGMT, permissionSet: PS1, principalType: 'USER', principalId: U1 },
  ];
  w.provisioning = [{ permissionSet: PS1, accountId: MGMT, status: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' }];
  return w;
}

describe('worlds', () => {
  it('loads the demo world: management and workloads accounts, an empty identity store', async () => {
    const world = await readWorldFile(new URL('../../emulator/worlds/demo.json', import.meta.url).pathname);
    const emu = await startEmulator({ world, rateLimit: 0, orgEmptyPageRate: 0 });
    try {
      const c = clients(emu);
      const accounts = await c.org.send(new ListAccountsCommand({}));
      expect(accounts.Accounts?.map((a) => [a.Id, a.Name])).toEqual([
        ['111122223333', 'management'],
        ['444455556666', 'workloads'],
      ]);
      expect((await c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE }))).Users).toEqual([]);
      expect((await c.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE }))).PermissionSets).toEqual([]);
    } finally {
      await emu.close();
    }
  });

  it('dump() round-trips a world with every part', async () => {
    const world = fullWorld();
    const emu = await startEmulator({ world, rateLimit: 0 });
    try {
      const dumped = emu.dump();
      expect(dumped.permissionSets).toEqual(world.permissionSets);
      expect(dumped.assignments).toEqual(expect.arrayContaining(world.assignments!));
      expect(dumped.provisioning).toEqual(world.provisioning);
      expect(dumped.users).toEqual(world.users);
      expect(dumped.memberships).toEqual(world.memberships);
      const again = await startEmulator({ world: dumped, rateLimit: 0 });
      expect(again.dump()).toEqual(dumped);
      await again.close();
      const c = clients(emu);
      const r = await c.sso.send(new ListAccountAssignmentsCommand({ InstanceArn: INSTANCE, AccountId: WORKLOADS, PermissionSetArn: PS1 }));
      expect(r.AccountAssignments).toEqual([{ AccountId: WORKLOADS, PermissionSetArn: PS1, PrincipalType: 'GROUP', PrincipalId: G1 }]);
    } finally {
      await emu.close();
    }
  });

  it('reads YAML worlds and permission sets referenced by name', async () => {
    const w = fullWorld();
    w.assignments = [{ accountId: WORKLOADS, permissionSet: 'Admin', principalType: 'USER', principalId: U1 }];
    w.provisioning = [];
    const dir = await mkdtemp(join(tmpdir(), 'idc-emu-'));
    const file = join(dir, 'world.yaml');
    await writeFile(file, stringify(w));
    const s = loadWorld(await readWorldFile(file), new Generators(1));
    expect(s.assignmentCount).toBe(1);
    expect(s.provisionedAccounts(PS1)).toEqual([WORKLOADS]);
  });

  it('rejects inconsistent worlds with a clear message', () => {
    const w = fullWorld();
    w.assignments = [{ accountId: '999999999999', permissionSet: PS1, principalType: 'USER', principalId: U1 }];
    expect(() => loadWorld(w, new Generators(1))).toThrow(/unknown account 999999999999/);
  });

  it('generates the same IDs for the same seed', async () => {
    const create = async (seed: number): Promise<string> => {
      const emu = await startEmulator({ seed, rateLimit: 0 });
      try {
        const r = await clients(emu).ids.send(
          new CreateUserCommand({
            IdentityStoreId: STORE,
            UserName: 'x',
            DisplayName: 'x',
            Name: { GivenName: 'x', FamilyName: 'x' },
            Emails: [{ Value: 'x@example.com' }],
          }),
        );
        return r.UserId!;
      } finally {
        await emu.close();
      }
    };
    const a = await create(42);
    expect(await create(42)).toBe(a);
    expect(await create(43)).not.toBe(a);
  });

  it('loads 1,000 accounts, 200 sets, 5,000 users, 500 groups and 30,000 assignments in under 2 s', async () => {
    const world = generateWorld({ accounts: 1000, permissionSets: 200, users: 5000, groups: 500, assignments: 30000 });
    expect(world.assignments?.length).toBe(30000);
    const t0 = performance.now();
    const emu = await startEmulator({ world, rateLimit: 0 });
    const ms = performance.now() - t0;
    try {
      expect(ms).toBeLessThan(2000);
      expect(emu.state.assignmentCount).toBe(30000);
      const c = clients(emu);
      const ps = world.permissionSets![0]!.arn!;
      const account = world.assignments!.find((a) => a.permissionSet === ps)!.accountId;
      const r = await c.sso.send(new ListAccountAssignmentsCommand({ InstanceArn: INSTANCE, AccountId: account, PermissionSetArn: ps }));
      expect(r.AccountAssignments!.length).toBeGreaterThan(0);
    } finally {
      await emu.close();
    }
  });
});
