import { describe, expect, it } from 'vitest';
import { minimumReadCalls, minimumReadCallsByOperation } from '../../bench/lib/call-budget.js';
import { readLive } from '../../src/aws/read-live.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeGateway, type FakeWorld } from './fake-gateway.js';
import { desired, INSTANCE_ARN, STORE_ID } from './fixtures.js';

describe('minimumReadCalls', () => {
  it('follows the typical formula 3 + ⌈A/20⌉ + ⌈P/100⌉ + 8P + K + ⌈U/100⌉ + ⌈G/100⌉ + G', () => {
    const w = { accounts: 200, permissionSets: 30, users: 2000, groups: 150, provisionedPairs: 600 };
    expect(minimumReadCalls(w)).toBe(3 + 10 + 1 + 240 + 600 + 20 + 2 + 150);
  });

  it('counts empty lists as one call each', () => {
    expect(minimumReadCallsByOperation({ accounts: 0, permissionSets: 0, users: 0, groups: 0, provisionedPairs: 0 })).toEqual({
      'identitystore:ListGroups': 1,
      'identitystore:ListUsers': 1,
      'organizations:DescribeOrganization': 1,
      'organizations:ListAccounts': 1,
      'organizations:ListRoots': 1,
      'sso:ListPermissionSets': 1,
      'sts:GetCallerIdentity': 1,
    });
  });

  it('adds the OU walk and tags only when asked', () => {
    const base = { accounts: 100, permissionSets: 1, users: 1, groups: 1, provisionedPairs: 1 };
    const walk = minimumReadCallsByOperation({ ...base, walkOuTree: true, organizationalUnits: 9, readAccountTags: true, activeAccounts: 90 });
    expect(walk['organizations:ListOrganizationalUnitsForParent']).toBe(10);
    expect(walk['organizations:ListAccountsForParent']).toBe(10);
    expect(walk['organizations:ListTagsForResource']).toBe(90);
    expect(minimumReadCalls({ ...base, walkOuTree: true, organizationalUnits: 9, readAccountTags: true, activeAccounts: 90 }) - minimumReadCalls(base)).toBe(
      110,
    );
  });
});

/** A world with full pages everywhere: 130 accounts, 130 sets, 250 users, a 150-member group. */
function pagedWorld(): FakeWorld {
  const pad = (n: number) => String(n).padStart(12, '0');
  const accounts = Array.from({ length: 130 }, (_, i) => ({ id: pad(i + 1), name: `acct-${i + 1}`, parentId: 'r-1' }));
  const users = Array.from({ length: 250 }, (_, i) => ({
    userId: `u${i}`,
    userName: `user${i}`,
    displayName: `User ${i}`,
    givenName: 'U',
    familyName: `${i}`,
    email: `user${i}@example.com`,
  }));
  const sets = Array.from({ length: 130 }, (_, i) => ({
    arn: `arn:aws:sso:::permissionSet/ssoins-1/ps-${i}`,
    name: `Set${i}`,
    // Set0 everywhere (2 pages), the others in one account.
    provisioned: i === 0 ? accounts.map((a) => a.id) : [pad(1)],
  }));
  return {
    instances: [],
    caller: { accountId: pad(1), arn: 'arn' },
    managementAccountId: pad(1),
    rootId: 'r-1',
    accounts,
    ous: [],
    users,
    groups: [{ groupId: 'g-big', displayName: 'big' }],
    memberships: { 'g-big': users.slice(0, 150).map((u, i) => ({ membershipId: `m${i}`, userId: u.userId })) },
    permissionSets: sets,
    assignments: [
      // 120 principals on one pair: 2 pages.
      ...users.slice(0, 120).map((u) => ({ permissionSetArn: sets[0]?.arn ?? '', accountId: pad(1), principalType: 'USER' as const, principalId: u.userId })),
      { permissionSetArn: sets[1]?.arn ?? '', accountId: pad(1), principalType: 'GROUP', principalId: 'g-big' },
    ],
  };
}

describe('readLive over several pages', () => {
  it('matches the formula given the exact page counts', async () => {
    const gateway = new FakeGateway(pagedWorld());
    const live = await readLive(gateway, desired({ rules: [] }), {
      progress: silentProgress,
      instance: { instanceArn: INSTANCE_ARN, identityStoreId: STORE_ID, region: 'eu-west-1' },
    });
    const K = 130 + 129;
    const expected = minimumReadCallsByOperation({
      accounts: 130,
      permissionSets: 130,
      provisionedPairs: K,
      users: 250,
      groups: 1,
      pages: { provisionedAccounts: 2 + 129, groupMemberships: 2, accountAssignments: K + 1 },
    });
    expect(live.readCalls).toEqual(expected);
    expect(live.readCalls['organizations:ListAccounts']).toBe(7);
    expect(live.readCalls['sso:ListPermissionSets']).toBe(2);
    expect(live.readCalls['identitystore:ListUsers']).toBe(3);
    expect(live.assignments).toHaveLength(121);
    expect(live.groups['big']?.members).toHaveLength(150);
  });
});
