/** A plan touching every phase, with the live state it was made from. */
import type { Change } from '../../src/plan/types.js';
import {
  assignmentChange,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  makeLive,
  makePlan,
  MANAGEMENT,
  permissionSet,
  PROD,
  user,
} from './fixtures.js';

export function fullScenario() {
  const legacy = livePermissionSet('Legacy', { provisionedAccountIds: [PROD] });
  const readOnly = livePermissionSet('ReadOnly', {
    description: 'old',
    relayState: 'https://console.aws.amazon.com/',
    managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    tags: { team: 'platform', cost: 'a' },
    provisionedAccountIds: [MANAGEMENT, PROD],
  });
  const live = makeLive({
    users: { alice: liveUser('alice'), bob: liveUser('bob') },
    groups: { old: liveGroup('old', ['alice']) },
    permissionSets: { Legacy: legacy, ReadOnly: readOnly },
    assignments: [liveAssignment(legacy, 'GROUP', 'old', PROD)],
  });
  const readOnlyAfter = {
    ...permissionSet('ReadOnly'),
    description: 'Read everything',
    relayState: 'https://console.aws.amazon.com/',
    managedPolicies: ['arn:aws:iam::aws:policy/SecurityAudit', 'arn:aws:iam::aws:policy/ViewOnlyAccess'],
    tags: { team: 'security' },
  };
  const changes: Change[] = [
    { kind: 'user', action: 'create', userName: 'jonathan', after: user('jonathan'), fields: [] },
    { kind: 'user', action: 'update', userName: 'bob', before: user('bob'), after: { ...user('bob'), email: 'robert@example.com' }, fields: ['email'] },
    { kind: 'user', action: 'delete', userName: 'alice', before: user('alice'), fields: [] },
    { kind: 'group', action: 'create', displayName: 'admins', after: { displayName: 'admins', description: 'Admins' }, fields: [] },
    { kind: 'group', action: 'delete', displayName: 'old', before: { displayName: 'old' }, fields: [] },
    { kind: 'membership', action: 'create', group: 'admins', user: 'jonathan' },
    { kind: 'membership', action: 'delete', group: 'old', user: 'alice' },
    {
      kind: 'permission-set',
      action: 'create',
      name: 'Admin',
      after: {
        ...permissionSet('Admin', {
          managedPolicies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
          inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
          tags: { team: 'platform' },
        }),
        sessionDuration: 'PT4H',
      },
      fields: ['description', 'sessionDuration', 'relayState', 'managedPolicies', 'customerManagedPolicies', 'inlinePolicy', 'permissionsBoundary', 'tags'],
    },
    { kind: 'permission-set', action: 'update', name: 'ReadOnly', before: readOnly, after: readOnlyAfter, fields: ['description', 'managedPolicies', 'tags'] },
    { kind: 'permission-set', action: 'delete', name: 'Legacy', before: legacy, fields: [] },
    { kind: 'provision', action: 'update', permissionSet: 'ReadOnly', accountIds: [MANAGEMENT, PROD], reason: 'edited' },
    assignmentChange('create', 'Admin', 'GROUP', 'admins', MANAGEMENT),
    assignmentChange('create', 'Admin', 'GROUP', 'admins', PROD),
    assignmentChange('create', 'ReadOnly', 'USER', 'jonathan', MANAGEMENT),
    assignmentChange('delete', 'Legacy', 'GROUP', 'old', PROD),
  ];
  return { live, plan: makePlan(changes) };
}
