/** The plans the renderer tests and golden files are made of, built with the real planner. */
import type { Desired } from '../../src/model/desired.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Plan } from '../../src/plan/types.js';
import {
  account,
  desired,
  group,
  LEGACY,
  live,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  managedPolicy,
  MGMT,
  NOW,
  permissionSet,
  pos,
  PROD_APP,
  PROD_DATA,
  rule,
  STAGING,
  user,
} from '../plan/builders.js';

function plan(d: Desired, l: ReturnType<typeof live>): Plan {
  const { plan: p, diagnostics } = buildPlan(d, l, { now: NOW });
  const errors = diagnostics.filter((x) => x.severity === 'error');
  if (errors.length > 0) throw new Error(`fixture has errors: ${JSON.stringify(errors)}`);
  return p;
}

/** Nothing to do. */
export function emptyPlan(): Plan {
  const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')], rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })] });
  const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')], assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)] });
  return plan(d, l);
}

const UPLOAD_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'ResticBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::my-backups' },
    { Sid: 'ResticObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::my-backups/*' },
  ],
});

/** The example access.yaml at the repository root, planned against a fresh single-account organization. */
export function examplePlan(): Plan {
  const d = desired({
    users: [user('jonathan', { displayName: 'Jonathan Bergknoff', givenName: 'Jonathan', familyName: 'Bergknoff', email: 'jonathan@example.com' })],
    permissionSets: [
      permissionSet('ReadOnly', {
        description: 'Read-only access to every service',
        sessionDuration: 'PT8H',
        managedPolicies: [managedPolicy('ReadOnlyAccess')],
      }),
      permissionSet('UploadBackups', { description: 'Back up with restic to the my-backups S3 bucket', inlinePolicy: UPLOAD_POLICY }),
    ],
    aliases: { management: '111122223333' },
    rules: [
      rule(0, { sets: ['ReadOnly'], users: ['jonathan'], accounts: ['management'] }),
      rule(1, { sets: ['UploadBackups'], users: ['jonathan'], accounts: ['management'] }),
    ],
  });
  d.positions = {
    ...d.positions,
    'users.jonathan': pos(10),
    'permission_sets.ReadOnly': pos(17),
    'permission_sets.UploadBackups': pos(21),
  };
  d.rules = d.rules.map((r, i) => ({ ...r, pos: pos(i === 0 ? 43 : 46, 5) }));
  const l = live({
    organization: { managementAccountId: '111122223333', rootId: 'r-root', accounts: [account('111122223333', 'acme', 'r-root')] },
  });
  return plan(d, l);
}

/** A messy organization: every change kind, every warning but delegated admin, a rename, membership effects. */
export function messyPlan(): Plan {
  const readOnly = { description: 'Read-only access', sessionDuration: 'PT8H', managedPolicies: [managedPolicy('ReadOnlyAccess')] };
  const backupBefore = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::backups/*"}}';
  const backupAfter = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: 'arn:aws:s3:::backups/*' },
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
    ],
  });
  const d = desired({
    users: [user('ann'), user('bob', { email: 'robert@example.com' }), user('dave'), user('erin')],
    groups: [group('admins', ['ann', 'bob']), group('ops', ['dave', 'erin'], 'Runs production')],
    permissionSets: [
      permissionSet('Admin', { managedPolicies: [managedPolicy('AdministratorAccess')] }),
      permissionSet('ReadOnlyAccess', readOnly),
      permissionSet('Backup', { description: 'Write backups', inlinePolicy: backupAfter, sessionDuration: 'PT2H', tags: { owner: 'platform' } }),
      permissionSet('DataScience', { managedPolicies: [managedPolicy('job-function/DataScientist')] }),
    ],
    rules: [
      rule(0, { sets: ['Admin'], groups: ['admins'], ous: ['/Workloads/Prod'], exclude: ['legacy-prod'] }),
      rule(1, { sets: ['ReadOnlyAccess'], groups: ['ops'], all: true }),
      rule(2, { sets: ['Backup'], users: ['bob'], accounts: ['staging'] }),
      rule(3, { sets: ['DataScience'], users: ['dave'], accounts: ['prod-data'], expires: '2026-02-28' }),
    ],
  });
  const l = live({
    users: [liveUser('ann'), liveUser('bob'), liveUser('carl'), liveUser('dave')],
    groups: [liveGroup('admins', ['ann']), liveGroup('ops', ['dave'], 'Ops'), liveGroup('contractors', ['carl']), liveGroup('AWSControlTowerAdmins', [])],
    permissionSets: [
      livePermissionSet('Admin', { managedPolicies: [managedPolicy('AdministratorAccess')], provisioned: [PROD_APP, PROD_DATA] }),
      livePermissionSet('ReadOnly', { ...readOnly, provisioned: [PROD_APP, PROD_DATA, STAGING, LEGACY] }),
      livePermissionSet('Backup', { description: 'Write backups', inlinePolicy: backupBefore, sessionDuration: 'PT1H', provisioned: [STAGING, PROD_APP] }),
      livePermissionSet('DataScience', { managedPolicies: [managedPolicy('job-function/DataScientist')], provisioned: [PROD_DATA], outdated: [PROD_DATA] }),
      livePermissionSet('AWSControlTowerAdmin', { provisioned: [MGMT] }),
    ],
    assignments: [
      liveAssignment('AWSControlTowerAdmin', 'GROUP', 'AWSControlTowerAdmins', MGMT),
      liveAssignment('Admin', 'GROUP', 'admins', PROD_APP),
      liveAssignment('Admin', 'GROUP', 'admins', PROD_DATA),
      liveAssignment('Backup', 'USER', 'bob', STAGING),
      liveAssignment('Backup', 'USER', 'carl', PROD_APP),
      liveAssignment('DataScience', 'USER', 'dave', PROD_DATA),
      liveAssignment('ReadOnly', 'GROUP', 'contractors', LEGACY),
      liveAssignment('ReadOnly', 'GROUP', 'ops', LEGACY),
      liveAssignment('ReadOnly', 'GROUP', 'ops', PROD_APP),
      liveAssignment('ReadOnly', 'GROUP', 'ops', PROD_DATA),
      liveAssignment('ReadOnly', 'GROUP', 'ops', STAGING),
      liveAssignment('ReadOnly', 'USER', 'id:9067-5e1a', STAGING),
    ],
  });
  return plan(d, l);
}

/**
 * A plan apply refuses for every reason at once: over `safety.max_deletes`, deleting a protected
 * assignment, and taking away the access of the Identity Center session that plans it.
 */
export function unsafePlan(): Plan {
  const d = desired({
    users: [user('ann'), user('bob')],
    permissionSets: [permissionSet('Admin', { managedPolicies: [managedPolicy('AdministratorAccess')] })],
    rules: [rule(0, { sets: ['Admin'], users: ['ann'], accounts: ['prod-app'] })],
  });
  d.safety = {
    maxDeletes: { kind: 'count', value: 1 },
    protected: [{ pos: pos(5, 7), permissionSet: 'Admin', users: ['ann'], groups: [], accounts: ['management'] }],
  };
  d.positions = { ...d.positions, 'safety.max_deletes': pos(3, 16), 'safety.protected[0]': pos(5, 7), 'safety.protected[0].accounts[0]': pos(7, 17) };
  const l = live({
    users: [liveUser('ann'), liveUser('bob')],
    permissionSets: [livePermissionSet('Admin', { managedPolicies: [managedPolicy('AdministratorAccess')], provisioned: [MGMT] })],
    assignments: [liveAssignment('Admin', 'USER', 'ann', MGMT), liveAssignment('Admin', 'USER', 'bob', MGMT)],
  });
  l.caller = { accountId: MGMT, arn: `arn:aws:sts::${MGMT}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/bob` };
  return plan(d, l);
}
