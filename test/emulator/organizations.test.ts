import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../emulator/generate.js';
import type { RunningEmulator } from '../../emulator/options.js';
import { clients, expectError, MGMT, start, WORKLOADS, type Clients } from './test-helpers.js';
import { startEmulator } from '../../emulator/index.js';

let emu: RunningEmulator;
let c: Clients;
beforeAll(async () => ({ emu, c } = await start({ orgEmptyPageRate: 0 })));
afterAll(() => emu.close());

/** Page sizes of a full ListAccounts walk. */
async function walk(cl: Clients, maxResults?: number): Promise<{ sizes: number[]; ids: string[] }> {
  const sizes: number[] = [];
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const r = await cl.org.send(new ListAccountsCommand({ NextToken: token, ...(maxResults ? { MaxResults: maxResults } : {}) }));
    sizes.push(r.Accounts?.length ?? 0);
    ids.push(...(r.Accounts ?? []).map((a) => a.Id!));
    token = r.NextToken;
  } while (token);
  return { sizes, ids };
}

describe('organizations', () => {
  it('describes the organization and its management account', async () => {
    const r = await c.org.send(new DescribeOrganizationCommand({}));
    expect(r.Organization).toMatchObject({ Id: 'o-emulator01', FeatureSet: 'ALL', MasterAccountId: MGMT, MasterAccountEmail: 'aws+management@example.com' });
  });

  it('lists accounts with status and join date', async () => {
    const r = await c.org.send(new ListAccountsCommand({}));
    expect(r.Accounts?.map((a) => [a.Id, a.Name, a.Status])).toEqual([
      [MGMT, 'management', 'ACTIVE'],
      [WORKLOADS, 'workloads', 'ACTIVE'],
      ['777788889999', 'retired', 'SUSPENDED'],
    ]);
    expect(r.Accounts?.[0]?.JoinedTimestamp).toBeInstanceOf(Date);
  });

  it('walks the tree: roots, OUs, accounts per parent, children, parents', async () => {
    const roots = await c.org.send(new ListRootsCommand({}));
    expect(roots.Roots?.map((x) => x.Id)).toEqual(['r-emul']);
    const ous = await c.org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'r-emul' }));
    expect(ous.OrganizationalUnits).toEqual([expect.objectContaining({ Id: 'ou-emul-00000001', Name: 'Workloads' })]);
    const inOu = await c.org.send(new ListAccountsForParentCommand({ ParentId: 'ou-emul-00000001' }));
    expect(inOu.Accounts?.map((a) => a.Id)).toEqual([WORKLOADS]);
    const children = await c.org.send(new ListChildrenCommand({ ParentId: 'r-emul', ChildType: 'ACCOUNT' }));
    expect(children.Children).toEqual([
      { Id: MGMT, Type: 'ACCOUNT' },
      { Id: '777788889999', Type: 'ACCOUNT' },
    ]);
    const parents = await c.org.send(new ListParentsCommand({ ChildId: WORKLOADS }));
    expect(parents.Parents).toEqual([{ Id: 'ou-emul-00000001', Type: 'ORGANIZATIONAL_UNIT' }]);
    await expectError(c.org.send(new ListAccountsForParentCommand({ ParentId: 'ou-emul-99999999' })), 'ParentNotFoundException');
    await expectError(c.org.send(new ListParentsCommand({ ChildId: '000000000000' })), 'ChildNotFoundException');
  });

  it('lists tags of accounts; unknown targets → TargetNotFoundException', async () => {
    const r = await c.org.send(new ListTagsForResourceCommand({ ResourceId: WORKLOADS }));
    expect(r.Tags).toEqual([{ Key: 'env', Value: 'prod' }]);
    await expectError(c.org.send(new ListTagsForResourceCommand({ ResourceId: '000000000000' })), 'TargetNotFoundException');
  });

  it('MaxResults above 20 or a bad NextToken → InvalidInputException', async () => {
    const e = await expectError(c.org.send(new ListAccountsCommand({ MaxResults: 21 })), 'InvalidInputException', 400);
    expect((e as unknown as { Reason: string }).Reason).toBe('MAX_VALUE_EXCEEDED');
    const t = await expectError(c.org.send(new ListAccountsCommand({ NextToken: 'nope' })), 'InvalidInputException');
    expect((t as unknown as { Reason: string }).Reason).toBe('INVALID_NEXT_TOKEN');
  });
});

describe('organizations pagination', () => {
  const world = generateWorld({ accounts: 45, permissionSets: 1, users: 1, groups: 1, assignments: 0 });

  it('pages at most 20 accounts', async () => {
    const e = await startEmulator({ world, rateLimit: 0, orgEmptyPageRate: 0 });
    try {
      const { sizes, ids } = await walk(clients(e));
      expect(sizes).toEqual([20, 20, 5]);
      expect(new Set(ids).size).toBe(45);
    } finally {
      await e.close();
    }
  });

  it('now and then answers an empty page with a NextToken, deterministically for a seed', async () => {
    const run = async (): Promise<{ sizes: number[]; ids: string[] }> => {
      const e = await startEmulator({ world, rateLimit: 0, orgEmptyPageRate: 0.5, seed: 3 });
      try {
        return await walk(clients(e), 10);
      } finally {
        await e.close();
      }
    };
    const first = await run();
    expect(first.sizes).toContain(0);
    expect(first.ids.length).toBe(45);
    expect(new Set(first.ids).size).toBe(45);
    expect((await run()).sizes).toEqual(first.sizes);
  });
});
