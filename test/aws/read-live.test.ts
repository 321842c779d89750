import { describe, expect, it } from 'vitest';
import { minimumReadCalls, minimumReadCallsByOperation } from '../../bench/lib/call-budget.js';
import { totalCalls } from '../../src/aws/call-counts.js';
import { readLive } from '../../src/aws/read-live.js';
import { silentProgress, type Progress } from '../../src/progress/progress.js';
import { FakeGateway } from './fake-gateway.js';
import { ARN, desired, INSTANCE_ARN, rule, smallWorld, STORE_ID, targets } from './fixtures.js';

const instance = { instanceArn: INSTANCE_ARN, identityStoreId: STORE_ID, region: 'eu-west-1' };
const read = (gateway: FakeGateway, d = desired()) => readLive(gateway, d, { progress: silentProgress, instance, concurrency: 3 });
const smallCounts = { accounts: 4, permissionSets: 4, ignoredPermissionSets: 2, provisionedPairs: 5, users: 3, groups: 2 };

describe('readLive against a small organization (internal identity source)', () => {
  it('makes exactly the calls of the formula, and reports them as readCalls', async () => {
    const gateway = new FakeGateway(smallWorld());
    const live = await read(gateway);
    expect(live.readCalls).toEqual(minimumReadCallsByOperation(smallCounts));
    expect(live.readCalls).toEqual(gateway.callCounts());
    expect(totalCalls(live.readCalls)).toBe(32);
    expect(minimumReadCalls(smallCounts)).toBe(32);
    expect(live.readCalls['sso:ListAccountAssignments']).toBe(5); // K pairs, never A × P (16)
    expect(live.readCalls['organizations:ListOrganizationalUnitsForParent']).toBeUndefined();
    expect(live.readCalls['organizations:ListTagsForResource']).toBeUndefined();
  });

  it('reads the organization sorted, without OU tree or tags when no rule needs them', async () => {
    const live = await read(new FakeGateway(smallWorld()));
    expect(live.caller).toEqual({ accountId: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/Deployer/ci' });
    expect(live.organization).toEqual({
      managementAccountId: '111111111111',
      rootId: 'r-abcd',
      accounts: [
        { id: '111111111111', name: 'management', status: 'ACTIVE' },
        { id: '222222222222', name: 'prod', status: 'ACTIVE' },
        { id: '333333333333', name: 'staging', status: 'ACTIVE' },
        { id: '444444444444', name: 'old', status: 'SUSPENDED' },
      ],
    });
  });

  it('walks the OU tree once when a rule targets an OU path', async () => {
    const gateway = new FakeGateway(smallWorld());
    const d = desired({ rules: [rule(0, { permissionSets: ['Admin'], groups: ['admins'], targets: targets({ organizationalUnits: ['/Workloads/Prod'] }) })] });
    const live = await read(gateway, d);
    expect(live.organization.organizationalUnits).toEqual([
      { id: 'ou-abcd-work', name: 'Workloads', path: '/Workloads', parentId: 'r-abcd' },
      { id: 'ou-abcd-prod', name: 'Prod', path: '/Workloads/Prod', parentId: 'ou-abcd-work' },
    ]);
    expect(live.organization.accounts.map((a) => [a.id, a.parentId])).toEqual([
      ['111111111111', 'r-abcd'],
      ['222222222222', 'ou-abcd-prod'],
      ['333333333333', 'ou-abcd-work'],
      ['444444444444', 'ou-abcd-work'],
    ]);
    expect(live.readCalls).toEqual(minimumReadCallsByOperation({ ...smallCounts, walkOuTree: true, organizationalUnits: 2 }));
    expect(live.readCalls['organizations:ListOrganizationalUnitsForParent']).toBe(3);
    expect(live.readCalls['organizations:ListAccountsForParent']).toBe(3);
  });

  it('does not walk the tree for the root (`/` or r-…)', async () => {
    const d = desired({ rules: [rule(0, { permissionSets: ['Admin'], groups: ['admins'], targets: targets({ organizationalUnits: ['/', 'r-abcd'] }) })] });
    const live = await read(new FakeGateway(smallWorld()), d);
    expect(live.organization.organizationalUnits).toBeUndefined();
    expect(live.readCalls['organizations:ListAccountsForParent']).toBeUndefined();
  });

  it('reads tags of active accounts only when a rule targets tags', async () => {
    const gateway = new FakeGateway(smallWorld());
    const d = desired({ rules: [rule(0, { permissionSets: ['Admin'], groups: ['admins'], targets: targets({ accountTags: { env: 'prod' } }) })] });
    const live = await read(gateway, d);
    expect(live.readCalls['organizations:ListTagsForResource']).toBe(3);
    expect(live.readCalls).toEqual(minimumReadCallsByOperation({ ...smallCounts, readAccountTags: true, activeAccounts: 3 }));
    expect(live.organization.accounts[1]?.tags).toEqual({ env: 'prod', team: 'core' });
    expect(Object.keys(live.organization.accounts[1]?.tags ?? {})).toEqual(['env', 'team']);
    expect(live.organization.accounts[3]?.tags).toBeUndefined();
  });

  it('normalises permission sets: sorted lists and tags, no inline policy for "", ignored sets by name only', async () => {
    const live = await read(new FakeGateway(smallWorld()));
    expect(Object.keys(live.permissionSets)).toEqual(['Admin', 'AWSAdministratorAccess', 'AWSReadOnlyAccess', 'ReadOnly'].sort());
    const admin = live.permissionSets['Admin'];
    expect(admin).toEqual({
      arn: ARN.admin,
      name: 'Admin',
      description: 'Full access',
      sessionDuration: 'PT4H',
      managedPolicies: ['arn:aws:iam::aws:policy/AWSSupportAccess', 'arn:aws:iam::aws:policy/AdministratorAccess'],
      customerManagedPolicies: [
        { name: 'alpha', path: '/' },
        { name: 'zeta', path: '/' },
        { name: 'alpha', path: '/team/' },
      ],
      permissionsBoundary: { kind: 'customer-managed', name: 'Boundary', path: '/' },
      tags: { cost: 'x', owner: 'platform' },
      provisionedAccountIds: ['222222222222', '333333333333'],
      outdatedAccountIds: ['333333333333'],
    });
    expect(Object.keys(admin?.tags ?? {})).toEqual(['cost', 'owner']);
    expect('inlinePolicy' in (admin ?? {})).toBe(false);
    expect(live.permissionSets['ReadOnly']?.inlinePolicy).toBe('{"Version":"2012-10-17","Statement":[]}');
    expect(live.permissionSets['AWSAdministratorAccess']).toEqual({
      arn: ARN.ctAdmin,
      name: 'AWSAdministratorAccess',
      sessionDuration: 'PT1H',
      managedPolicies: [],
      customerManagedPolicies: [],
      tags: {},
      provisionedAccountIds: [],
      outdatedAccountIds: [],
    });
  });

  it('maps principals to names, unknown ones to id:…, sorted with compareAssignments', async () => {
    const live = await read(new FakeGateway(smallWorld()));
    expect(live.assignments.map((a) => `${a.accountId} ${a.permissionSet} ${a.principalType} ${a.principal}`)).toEqual([
      '111111111111 ReadOnly USER alice',
      '222222222222 Admin GROUP admins',
      '222222222222 ReadOnly GROUP readers',
      '222222222222 ReadOnly USER id:u-deleted',
      '333333333333 Admin GROUP admins',
      '333333333333 Admin USER carol',
    ]);
    expect(live.assignments[0]).toEqual({
      permissionSet: 'ReadOnly',
      permissionSetArn: ARN.readOnly,
      principalType: 'USER',
      principal: 'alice',
      principalId: 'u-alice',
      accountId: '111111111111',
    });
  });

  it('reads every user and group with members by name, membership IDs and unresolved members', async () => {
    const live = await read(new FakeGateway(smallWorld()));
    expect(Object.keys(live.users)).toEqual(['alice', 'bob', 'carol']);
    expect(live.users['bob']).toEqual({ userId: 'u-bob', userName: 'bob', displayName: 'Bob B', givenName: 'Bob', familyName: 'B', email: 'bob@example.com' });
    expect(live.groups['admins']).toEqual({
      groupId: 'g-admins',
      displayName: 'admins',
      description: 'Administrators',
      members: ['alice', 'bob'],
      membershipIds: { alice: 'm-2', bob: 'm-1' },
      unresolvedMemberIds: [],
    });
    expect(live.groups['readers']).toMatchObject({ members: ['carol'], unresolvedMemberIds: ['u-gone'] });
    expect('description' in (live.groups['readers'] ?? {})).toBe(false);
  });

  it('reads an ignored set fully when the file mentions it, without its outdated accounts', async () => {
    const gateway = new FakeGateway(smallWorld());
    const d = desired({ rules: [rule(0, { permissionSets: ['AWSAdministratorAccess'], groups: ['admins'], targets: targets({ allAccounts: true }) })] });
    const live = await read(gateway, d);
    expect(live.permissionSets['AWSAdministratorAccess']?.provisionedAccountIds).toEqual(['111111111111']);
    expect(live.assignments.some((a) => a.permissionSet === 'AWSAdministratorAccess' && a.principal === 'id:g-ct')).toBe(true);
    expect(live.readCalls).toEqual(minimumReadCallsByOperation({ ...smallCounts, ignoredPermissionSets: 1, setsWithoutOutdatedRead: 1, provisionedPairs: 6 }));
  });

  it('skips outdated-account reads when permission sets are only referenced', async () => {
    const gateway = new FakeGateway(smallWorld());
    const base = desired();
    const live = await read(gateway, desired({ ownership: { ...base.ownership, permissionSets: 'referenced' } }));
    expect(live.readCalls['sso:ListAccountsForProvisionedPermissionSet']).toBe(2);
    expect(live.permissionSets['Admin']?.outdatedAccountIds).toEqual([]);
    expect(live.readCalls).toEqual(minimumReadCallsByOperation({ ...smallCounts, setsWithoutOutdatedRead: 2 }));
  });

  it('discovers the instance with ListInstances when access.yaml does not name it', async () => {
    const gateway = new FakeGateway(smallWorld());
    const base = desired();
    const d = desired({ identityCenter: { region: 'eu-west-1', identitySource: 'internal' } });
    const live = await readLive(gateway, d, { progress: silentProgress });
    expect(live.instance).toEqual(instance);
    expect(live.readCalls['sso:ListInstances']).toBe(1);
    expect(live.readCalls).toEqual(minimumReadCallsByOperation({ ...smallCounts, instanceConfigured: false }));
    expect(base.identityCenter.instanceArn).toBe(INSTANCE_ARN);
  });

  it('reports progress per kind', async () => {
    const lines: string[] = [];
    const progress: Progress = {
      info: (l) => lines.push(l),
      phase: (name) => ({ setTotal() {}, tick() {}, end: (summary) => lines.push(`${name}: ${summary ?? ''}`) }),
    };
    await readLive(new FakeGateway(smallWorld()), desired(), { progress, instance });
    expect(lines.sort()).toEqual([
      'read accounts: 4 accounts',
      'read assignments: 6 assignments in 5 account × permission set pairs',
      'read groups: 2 groups, 4 memberships',
      'read permission sets: 4 permission sets (2 ignored: name only)',
      'read users: 3 users',
    ]);
  });
});

describe('readLive with an external identity source', () => {
  const external = () => {
    const base = desired();
    return desired({
      identityCenter: { ...base.identityCenter, identitySource: 'external' },
      rules: [rule(0, { permissionSets: ['Admin'], groups: ['admins'], users: ['alice', 'nobody'], targets: targets({ accounts: ['prod'] }) })],
    });
  };

  it('looks up only the named users and groups, then the unknown assignment principals', async () => {
    const gateway = new FakeGateway(smallWorld());
    const live = await read(gateway, external());
    expect(live.readCalls['identitystore:ListUsers']).toBeUndefined();
    expect(live.readCalls['identitystore:ListGroups']).toBeUndefined();
    expect(live.readCalls).toEqual(
      minimumReadCallsByOperation({
        ...smallCounts,
        identitySource: 'external',
        external: { namedUsers: 2, foundUsers: 1, namedGroups: 1, foundGroups: 1, unknownPrincipalUsers: 2, unknownPrincipalGroups: 1 },
      }),
    );
    expect(live.readCalls['identitystore:GetUserId']).toBe(2);
    expect(live.readCalls['identitystore:DescribeUser']).toBe(3);
    expect(Object.keys(live.users)).toEqual(['alice', 'carol']);
    expect(Object.keys(live.groups)).toEqual(['admins', 'readers']);
    expect(live.groups['admins']).toMatchObject({ members: ['alice'], unresolvedMemberIds: ['u-bob'] });
    expect(live.groups['readers']).toMatchObject({ members: ['carol'], unresolvedMemberIds: ['u-gone'] });
    expect(live.assignments.map((a) => a.principal)).toEqual(['alice', 'admins', 'readers', 'id:u-deleted', 'admins', 'carol']);
  });
});
