/** A small organization for read tests, and `Desired` builders. */
import type { AssignmentRule, Desired, RuleTargets } from '../../src/model/desired.js';
import type { FakeWorld } from './fake-gateway.js';

export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1111111111111111';
export const STORE_ID = 'd-1111111111';
const psArn = (id: string): string => `arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-${id}`;
export const ARN = { admin: psArn('admin'), readOnly: psArn('readonly'), ctAdmin: psArn('ctadmin'), ctAudit: psArn('ctaudit') };

/**
 * 4 accounts (one suspended) in root → /Workloads → /Workloads/Prod, 3 users, 2 groups, 4 permission
 * sets (two Control Tower `AWS*` sets), assignments on 5 (account, set) pairs.
 */
export function smallWorld(): FakeWorld {
  return {
    instances: [{ instanceArn: INSTANCE_ARN, identityStoreId: STORE_ID, ownerAccountId: '111111111111' }],
    caller: { accountId: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/Deployer/ci' },
    managementAccountId: '111111111111',
    rootId: 'r-abcd',
    accounts: [
      { id: '111111111111', name: 'management', parentId: 'r-abcd' },
      { id: '222222222222', name: 'prod', parentId: 'ou-abcd-prod', tags: { env: 'prod', team: 'core' } },
      { id: '333333333333', name: 'staging', parentId: 'ou-abcd-work', tags: { env: 'staging' } },
      { id: '444444444444', name: 'old', parentId: 'ou-abcd-work', status: 'SUSPENDED' },
    ],
    ous: [
      { id: 'ou-abcd-work', name: 'Workloads', parentId: 'r-abcd' },
      { id: 'ou-abcd-prod', name: 'Prod', parentId: 'ou-abcd-work' },
    ],
    users: [
      { userId: 'u-alice', userName: 'alice', displayName: 'Alice A', givenName: 'Alice', familyName: 'A', email: 'alice@example.com' },
      { userId: 'u-bob', userName: 'bob', displayName: 'Bob B', givenName: 'Bob', familyName: 'B', email: 'bob@example.com' },
      { userId: 'u-carol', userName: 'carol', displayName: 'Carol C', givenName: 'Carol', familyName: 'C', email: 'carol@example.com' },
    ],
    groups: [
      { groupId: 'g-admins', displayName: 'admins', description: 'Administrators' },
      { groupId: 'g-readers', displayName: 'readers' },
    ],
    memberships: {
      'g-admins': [
        { membershipId: 'm-1', userId: 'u-bob' },
        { membershipId: 'm-2', userId: 'u-alice' },
      ],
      'g-readers': [
        { membershipId: 'm-3', userId: 'u-carol' },
        { membershipId: 'm-4', userId: 'u-gone' },
      ],
    },
    permissionSets: [
      {
        arn: ARN.admin,
        name: 'Admin',
        description: 'Full access',
        sessionDuration: 'PT4H',
        tags: { owner: 'platform', cost: 'x' },
        inlinePolicy: '',
        managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/AWSSupportAccess'],
        customerManagedPolicies: [
          { name: 'zeta', path: '/' },
          { name: 'alpha', path: '/team/' },
          { name: 'alpha', path: '/' },
        ],
        boundary: { kind: 'customer-managed', name: 'Boundary', path: '/' },
        provisioned: ['333333333333', '222222222222'],
        outdated: ['333333333333'],
      },
      {
        arn: ARN.readOnly,
        name: 'ReadOnly',
        inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
        managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        provisioned: ['222222222222', '333333333333', '111111111111'],
      },
      { arn: ARN.ctAdmin, name: 'AWSAdministratorAccess', provisioned: ['111111111111'] },
      { arn: ARN.ctAudit, name: 'AWSReadOnlyAccess', provisioned: ['222222222222'] },
    ],
    assignments: [
      { permissionSetArn: ARN.admin, accountId: '222222222222', principalType: 'GROUP', principalId: 'g-admins' },
      { permissionSetArn: ARN.admin, accountId: '333333333333', principalType: 'GROUP', principalId: 'g-admins' },
      { permissionSetArn: ARN.admin, accountId: '333333333333', principalType: 'USER', principalId: 'u-carol' },
      { permissionSetArn: ARN.readOnly, accountId: '222222222222', principalType: 'GROUP', principalId: 'g-readers' },
      { permissionSetArn: ARN.readOnly, accountId: '222222222222', principalType: 'USER', principalId: 'u-deleted' },
      { permissionSetArn: ARN.readOnly, accountId: '111111111111', principalType: 'USER', principalId: 'u-alice' },
      { permissionSetArn: ARN.ctAdmin, accountId: '111111111111', principalType: 'GROUP', principalId: 'g-ct' },
      { permissionSetArn: ARN.ctAudit, accountId: '222222222222', principalType: 'GROUP', principalId: 'g-ct' },
    ],
  };
}

export function targets(t: Partial<RuleTargets>): RuleTargets {
  return { accounts: [], organizationalUnits: [], allAccounts: false, accountTags: {}, excludeAccounts: [], ...t };
}

export function rule(index: number, r: Partial<Omit<AssignmentRule, 'index' | 'pos'>>): AssignmentRule {
  return {
    index,
    pos: { file: 'access.yaml', line: 10 + index, col: 3 },
    permissionSets: [],
    users: [],
    groups: [],
    targets: targets({}),
    ...r,
  };
}

export function desired(overrides: Partial<Desired> = {}): Desired {
  return {
    file: 'access.yaml',
    version: 1,
    identityCenter: { region: 'eu-west-1', instanceArn: INSTANCE_ARN, identityStoreId: STORE_ID, identitySource: 'internal' },
    ownership: {
      users: 'managed',
      groups: 'managed',
      permissionSets: 'managed',
      assignments: 'managed',
      ignore: { users: [], groups: [], permissionSets: ['AWS*'] },
    },
    safety: { maxDeletes: { kind: 'count', value: 10 }, protected: [] },
    users: {},
    groups: {},
    permissionSets: {},
    accountAliases: {},
    rules: [rule(0, { permissionSets: ['Admin'], groups: ['admins'], targets: targets({ accounts: ['prod'] }) })],
    positions: {},
    ...overrides,
  };
}
