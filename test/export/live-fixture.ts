/** A Live state built by hand, full of the cases export must handle (no AWS, no emulator). */
import type { LiveAssignment } from '../../src/model/assignment.js';
import type { LiveGroup, LiveUser } from '../../src/model/identity.js';
import type { Live } from '../../src/model/live.js';
import type { LivePermissionSet } from '../../src/model/permission-set.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';

function user(userName: string, email = `${userName}@example.com`): LiveUser {
  const given = userName.charAt(0).toUpperCase() + userName.slice(1);
  return { userId: `uid-${userName}`, userName, displayName: `${given} Example`, givenName: given, familyName: 'Example', email };
}

function group(displayName: string, members: string[], extra: Partial<LiveGroup> = {}): LiveGroup {
  return {
    groupId: `gid-${displayName}`,
    displayName,
    members,
    membershipIds: Object.fromEntries(members.map((m) => [m, `mid-${displayName}-${m}`])),
    unresolvedMemberIds: [],
    ...extra,
  };
}

function set(name: string, extra: Partial<LivePermissionSet> = {}): LivePermissionSet {
  return {
    name,
    arn: `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${name}`,
    sessionDuration: 'PT1H',
    managedPolicies: [],
    customerManagedPolicies: [],
    tags: {},
    provisionedAccountIds: [],
    outdatedAccountIds: [],
    ...extra,
  };
}

function assign(permissionSet: string, principalType: 'USER' | 'GROUP', principal: string, accountId: string): LiveAssignment {
  return {
    permissionSet,
    permissionSetArn: `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${permissionSet}`,
    principalType,
    principal,
    principalId: principal.startsWith('id:') ? principal.slice(3) : `id-${principal}`,
    accountId,
  };
}

export const ACCOUNTS = {
  mgmt: '111111111111',
  prodUpper: '222222222222',
  prodLower: '333333333333',
  digits: '012345678901',
  unicode: '555555555555',
  suspended: '666666666666',
  untouched: '777777777777',
} as const;

export function edgeCaseLive(): Live {
  const A = ACCOUNTS;
  return {
    instance: { instanceArn: INSTANCE, identityStoreId: 'd-1234567890', region: 'eu-west-1' },
    caller: { accountId: A.mgmt, arn: `arn:aws:iam::${A.mgmt}:role/admin` },
    organization: {
      managementAccountId: A.mgmt,
      rootId: 'r-abcd',
      accounts: [
        { id: A.digits, name: '123456', status: 'ACTIVE' },
        { id: A.mgmt, name: 'Acme Management', status: 'ACTIVE' },
        { id: A.prodUpper, name: 'Prod', status: 'ACTIVE' },
        { id: A.prodLower, name: 'prod', status: 'ACTIVE' },
        { id: A.unicode, name: 'Équipe Données', status: 'ACTIVE' },
        { id: A.suspended, name: 'old-sandbox', status: 'SUSPENDED' },
        { id: A.untouched, name: 'nobody-here', status: 'ACTIVE' },
      ],
    },
    users: {
      alice: user('alice'),
      bob: user('bob'),
      'no-mail': user('no-mail', ''),
      off: user('off'),
    },
    groups: {
      AWSControlTowerAdmins: group('AWSControlTowerAdmins', ['alice']),
      admins: group('admins', ['alice', 'bob'], { description: 'Administrators', unresolvedMemberIds: ['uid-gone'] }),
      empty: group('empty', [], { description: '' }),
      readers: group('readers', ['bob', 'no-mail', 'off']),
    },
    permissionSets: {
      AWSServiceCatalogEndUserAccess: set('AWSServiceCatalogEndUserAccess'),
      Admin: set('Admin', { description: 'Everything', sessionDuration: 'PT28800S', managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
      China: set('China', { managedPolicies: ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess'], relayState: '' }),
      ReadOnly: set('ReadOnly', {
        description: 'Read: yes, write: no',
        sessionDuration: 'PT90M',
        managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
        customerManagedPolicies: [{ name: 'Extra', path: '/' }],
        permissionsBoundary: { kind: 'customer-managed', name: 'Boundary', path: '/' },
        inlinePolicy: '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}}',
        tags: { zeta: 'last', alpha: 'first', on: 'yes' },
        outdatedAccountIds: [A.prodUpper],
      }),
      Weird: set('Weird', { inlinePolicy: 'not json' }),
    },
    assignments: [
      assign('Admin', 'GROUP', 'admins', A.mgmt),
      assign('Admin', 'GROUP', 'admins', A.prodUpper),
      assign('Admin', 'GROUP', 'admins', A.prodLower),
      assign('Admin', 'GROUP', 'admins', A.suspended),
      assign('ReadOnly', 'GROUP', 'readers', A.prodUpper),
      assign('ReadOnly', 'GROUP', 'readers', A.prodLower),
      assign('ReadOnly', 'GROUP', 'readers', A.digits),
      assign('ReadOnly', 'GROUP', 'readers', A.unicode),
      assign('ReadOnly', 'USER', 'alice', A.digits),
      assign('ReadOnly', 'USER', 'alice', A.unicode),
      assign('ReadOnly', 'USER', 'id:uid-deleted', A.unicode),
      assign('China', 'USER', 'off', A.unicode),
      assign('ReadOnly', 'GROUP', 'AWSControlTowerAdmins', A.mgmt),
      assign('AWSServiceCatalogEndUserAccess', 'USER', 'alice', A.mgmt),
    ],
    readCalls: {},
  };
}

/** Nothing but the instance and the management account. */
export function emptyLive(): Live {
  const live = edgeCaseLive();
  return {
    ...live,
    organization: { ...live.organization, accounts: live.organization.accounts.filter((a) => a.id === ACCOUNTS.mgmt) },
    users: {},
    groups: {},
    permissionSets: {},
    assignments: [],
  };
}
