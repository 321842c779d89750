/**
 * A non-trivial organization for the export tests: nested OUs, an account ID with a leading zero,
 * accounts whose names need slugging, users, groups with members, permission sets with every
 * part, Control Tower's own set and group (ignored), assignments on several accounts.
 */
import type { World } from '../../emulator/index.js';

export const MGMT = '111122223333';
export const PROD = '012345678901';
export const DEV = '222233334444';
export const SANDBOX = '333344445555';
export const SECURITY = '444455556666';
export const RETIRED = '555566667777';

const PS = (id: string): string => `arn:aws:sso:::permissionSet/ssoins-72230000a1b2c3d4/ps-${id}`;

export const UPLOAD_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'PutBackups', Effect: 'Allow', Action: ['s3:PutObject'], Resource: 'arn:aws:s3:::my-backups/*' },
    { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
  ],
});

export function exportWorld(): World {
  return {
    organization: {
      id: 'o-export0001',
      managementAccountId: MGMT,
      rootId: 'r-expt',
      organizationalUnits: [
        { id: 'ou-expt-00000001', name: 'Workloads', parent: 'r-expt' },
        { id: 'ou-expt-00000002', name: 'Prod', parent: 'ou-expt-00000001' },
      ],
      accounts: [
        { id: MGMT, name: 'Management', email: 'aws+management@example.com' },
        { id: PROD, name: 'Prod Workloads', email: 'aws+prod@example.com', parent: 'ou-expt-00000002' },
        { id: DEV, name: 'dev_workloads', email: 'aws+dev@example.com', parent: 'ou-expt-00000001' },
        { id: SANDBOX, name: 'Sandbox (José)', email: 'aws+sandbox@example.com' },
        { id: SECURITY, name: 'Security', email: 'aws+security@example.com' },
        { id: RETIRED, name: 'retired', email: 'aws+retired@example.com', status: 'SUSPENDED' },
      ],
    },
    instance: {
      instanceArn: 'arn:aws:sso:::instance/ssoins-72230000a1b2c3d4',
      identityStoreId: 'd-9067000001',
      ownerAccountId: MGMT,
    },
    users: [
      user('00000000-0000-4000-8000-000000000001', 'alice', 'Alice', 'Liddell'),
      user('00000000-0000-4000-8000-000000000002', 'bob', 'Bob', 'Builder'),
      user('00000000-0000-4000-8000-000000000003', 'carol', 'Carol', 'Danvers'),
      user('00000000-0000-4000-8000-000000000004', 'dave@example.com', 'Dave', 'Grohl'),
      user('00000000-0000-4000-8000-000000000005', 'yes', 'Yes', 'Man'),
      user('00000000-0000-4000-8000-000000000006', 'mallory', 'Mallory', 'Gone'),
    ],
    groups: [
      { id: '00000000-0000-4000-8000-000000000007', displayName: 'admins', description: 'Administer every account' },
      { id: '00000000-0000-4000-8000-000000000008', displayName: 'Developers', description: 'Build and run the workloads' },
      { id: '00000000-0000-4000-8000-000000000009', displayName: 'auditors' },
      { id: '00000000-0000-4000-8000-000000000010', displayName: 'on-call', description: 'Nobody yet' },
      { id: '00000000-0000-4000-8000-000000000011', displayName: 'AWSControlTowerAdmins', description: 'Control Tower' },
    ],
    memberships: [
      { groupId: '00000000-0000-4000-8000-000000000007', userId: '00000000-0000-4000-8000-000000000001' },
      { groupId: '00000000-0000-4000-8000-000000000007', userId: '00000000-0000-4000-8000-000000000002' },
      { groupId: '00000000-0000-4000-8000-000000000008', userId: '00000000-0000-4000-8000-000000000002' },
      { groupId: '00000000-0000-4000-8000-000000000008', userId: '00000000-0000-4000-8000-000000000003' },
      { groupId: '00000000-0000-4000-8000-000000000008', userId: '00000000-0000-4000-8000-000000000004' },
      { groupId: '00000000-0000-4000-8000-000000000009', userId: '00000000-0000-4000-8000-000000000003' },
      { groupId: '00000000-0000-4000-8000-000000000011', userId: '00000000-0000-4000-8000-000000000001' },
    ],
    permissionSets: [
      {
        arn: PS('0000000000000001'),
        name: 'AdministratorAccess',
        description: 'Full access',
        sessionDuration: 'PT4H',
        managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      },
      {
        arn: PS('0000000000000002'),
        name: 'ReadOnly',
        description: 'Read-only access to every service',
        sessionDuration: 'PT8H',
        managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
        tags: { owner: 'platform', 'cost-center': '1234' },
      },
      {
        arn: PS('0000000000000003'),
        name: 'Developer',
        description: 'Build, deploy, write backups',
        sessionDuration: 'PT1H30M',
        relayState: 'https://console.aws.amazon.com/s3/home',
        managedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
        customerManagedPolicies: [{ name: 'BaselinePolicy' }, { name: 'TeamPolicy', path: '/team/' }],
        permissionsBoundary: { customerManagedPolicy: { name: 'DevBoundary', path: '/boundaries/' } },
        inlinePolicy: UPLOAD_POLICY,
        tags: { team: 'dev' },
      },
      {
        arn: PS('0000000000000004'),
        name: 'Billing',
        managedPolicies: ['arn:aws:iam::aws:policy/job-function/Billing'],
        permissionsBoundary: { managedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      },
      { arn: PS('0000000000000005'), name: 'AWSControlTowerAdmin', managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
    ],
    assignments: [
      // admins: AdministratorAccess everywhere, the management account included
      ...[MGMT, PROD, DEV, SANDBOX, SECURITY].map((accountId) => group(accountId, 'AdministratorAccess', '00000000-0000-4000-8000-000000000007')),
      // developers: Developer and ReadOnly on the Workloads OU's accounts
      ...[PROD, DEV].flatMap((accountId) => [
        group(accountId, 'Developer', '00000000-0000-4000-8000-000000000008'),
        group(accountId, 'ReadOnly', '00000000-0000-4000-8000-000000000008'),
      ]),
      // auditors and alice: ReadOnly on every account but the management account
      ...[PROD, DEV, SANDBOX, SECURITY].flatMap((accountId) => [
        group(accountId, 'ReadOnly', '00000000-0000-4000-8000-000000000009'),
        userAt(accountId, 'ReadOnly', '00000000-0000-4000-8000-000000000001'),
      ]),
      userAt(MGMT, 'Billing', '00000000-0000-4000-8000-000000000002'),
      userAt(SANDBOX, 'Developer', '00000000-0000-4000-8000-000000000005'),
      userAt(SANDBOX, 'ReadOnly', '00000000-0000-4000-8000-000000000006'),
      // Control Tower's own
      ...[MGMT, PROD].map((accountId) => group(accountId, 'AWSControlTowerAdmin', '00000000-0000-4000-8000-000000000011')),
    ],
  };
}

function user(id: string, userName: string, givenName: string, familyName: string) {
  const email = userName.includes('@') ? userName : `${userName}@example.com`;
  return { id, userName, displayName: `${givenName} ${familyName}`, givenName, familyName, emails: [{ value: email, type: 'work', primary: true }] };
}

function group(accountId: string, permissionSet: string, principalId: string) {
  return { accountId, permissionSet, principalType: 'GROUP' as const, principalId };
}

function userAt(accountId: string, permissionSet: string, principalId: string) {
  return { accountId, permissionSet, principalType: 'USER' as const, principalId };
}
