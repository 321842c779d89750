import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Change } from '../../src/plan/types.js';
import {
  desired,
  group,
  live,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  managedPolicy,
  MGMT,
  NOW,
  permissionSet,
  PROD_APP,
  rule,
  STAGING,
  user,
} from './builders.js';

const summary = (changes: Change[]): string[] =>
  changes.map((c) => {
    switch (c.kind) {
      case 'user':
        return `${c.action} user ${c.userName}${c.fields.length ? ` [${c.fields.join(',')}]` : ''}`;
      case 'group':
        return `${c.action} group ${c.displayName}${c.fields.length ? ` [${c.fields.join(',')}]` : ''}`;
      case 'membership':
        return `${c.action} membership ${c.group}/${c.user}`;
      case 'permission-set':
        return `${c.action} permission-set ${c.name} [${c.fields.join(',')}]`;
      case 'provision':
        return `provision ${c.permissionSet} (${c.reason}) ${c.accountIds.join(',')}`;
      case 'session-revocation':
        return `${c.action} session-revocation ${c.permissionSet} ${c.accountId} ${c.user}`;
      case 'assignment':
        return `${c.action} assignment ${c.assignment.permissionSet} ${c.assignment.principalType} ${c.assignment.principal} ${c.assignment.accountId}`;
    }
  });

describe('users', () => {
  it('creates, updates (with the changed fields) and deletes users the file manages', () => {
    const d = desired({ users: [user('ann'), user('bob', { email: 'bob@new.example.com', givenName: 'Robert' })] });
    const l = live({ users: [liveUser('bob'), liveUser('carl')] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics).toEqual([]);
    expect(summary(plan.changes)).toEqual(['create user ann', 'update user bob [email,givenName]', 'delete user carl']);
    const update = plan.changes[1];
    expect(update?.kind === 'user' && update.before?.email).toBe('bob@example.com');
    expect(update?.kind === 'user' && update.after?.email).toBe('bob@new.example.com');
    expect(plan.changes[0]?.kind === 'user' && plan.changes[0].pos).toEqual({ file: 'access.yaml', line: 10, col: 3 });
    expect(plan.counts).toEqual({ create: 1, update: 1, delete: 1 });
  });

  it('never deletes users matching ownership.ignore.users, and never changes referenced users', () => {
    const l = live({ users: [liveUser('breakglass'), liveUser('bob')] });
    const ignoring = buildPlan(desired({ ownership: { ignore: { users: ['break*'], groups: [], permissionSets: [] } } }), l, { now: NOW });
    expect(summary(ignoring.plan.changes)).toEqual(['delete user bob']);
    const referenced = buildPlan(desired({ users: [user('bob', { email: 'x@y.z' })], ownership: { users: 'referenced' } }), l, { now: NOW });
    expect(referenced.plan.changes).toEqual([]);
  });

  it('with an external identity source, users and groups are references: creating one is an error', () => {
    const d = desired({ identitySource: 'external', users: [user('ann'), user('bob', { email: 'changed@x.y' })], groups: [group('ops', ['bob'])] });
    const l = live({ users: [liveUser('bob'), liveUser('carl')], groups: [liveGroup('ops', [])] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(plan.changes).toEqual([]);
    expect(diagnostics.map((x) => `${x.line}: ${x.message}`)).toEqual([
      '10: user "ann" is not in the identity store (identity_source is external: users come from your identity provider and idc never creates or changes them)',
    ]);
  });
});

describe('groups and memberships', () => {
  it('creates groups, updates descriptions, adds and removes members, deletes unlisted groups', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops', ['ann', 'bob'], 'Operations'), group('new', ['ann'])],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops', ['bob'], 'Ops'), liveGroup('old', ['ann'])],
    });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics).toEqual([]);
    expect(summary(plan.changes)).toEqual([
      'create group new',
      'update group ops [description]',
      'delete group old',
      'create membership new/ann',
      'create membership ops/ann',
    ]);
  });

  it('reports a member that is not a user at its position', () => {
    const d = desired({ users: [user('ann')], groups: [group('ops', ['ann', 'bbo'])] });
    const { diagnostics } = buildPlan(d, live(), { now: NOW });
    expect(diagnostics).toEqual([
      {
        file: 'access.yaml',
        line: 13,
        col: 7,
        severity: 'error',
        message: 'member "bbo" of group "ops" is not a user in the identity store and not defined under users:',
      },
    ]);
  });

  it("never touches Control Tower's groups (ignored by default) or their assignments", () => {
    const l = live({
      groups: [liveGroup('AWSControlTowerAdmins', [])],
      permissionSets: [livePermissionSet('AWSControlTowerAdmin', { provisioned: [MGMT] }), livePermissionSet('Other')],
      assignments: [
        liveAssignment('AWSControlTowerAdmin', 'GROUP', 'AWSControlTowerAdmins', MGMT),
        liveAssignment('Other', 'GROUP', 'AWSControlTowerAdmins', STAGING),
      ],
    });
    const { plan } = buildPlan(desired(), l, { now: NOW });
    // Deleting a set needs its assignments gone first, whoever they belong to.
    expect(summary(plan.changes)).toEqual(['delete permission-set Other []', `delete assignment Other GROUP AWSControlTowerAdmins ${STAGING}`]);
    const again = buildPlan(desired({ permissionSets: [permissionSet('Other')] }), l, { now: NOW });
    expect(again.plan.changes).toEqual([]);
  });
});

describe('permission sets', () => {
  const inline = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:PutObject"],"Resource":"arn:aws:s3:::b/*"}]}';
  const awsInline =
    '{\n  "Version" : "2012-10-17",\n  "Statement" : {\n    "Resource" : [ "arn:aws:s3:::b/*" ],\n    "Action" : "s3:PutObject",\n    "Effect" : "Allow"\n  }\n}';

  it('shows no change when AWS reformatted the inline policy and lists differ only in order', () => {
    const d = desired({
      permissionSets: [
        permissionSet('Backup', {
          inlinePolicy: inline,
          managedPolicies: [managedPolicy('A'), managedPolicy('B')],
          customerManagedPolicies: [{ name: 'K', path: '/' }],
          sessionDuration: 'PT1H',
          tags: { a: '1', b: '2' },
        }),
      ],
    });
    const l = live({
      permissionSets: [
        livePermissionSet('Backup', {
          inlinePolicy: awsInline,
          managedPolicies: [managedPolicy('B'), managedPolicy('A')],
          customerManagedPolicies: [{ name: 'K', path: '/' }],
          sessionDuration: 'PT60M',
          tags: { b: '2', a: '1' },
          provisioned: [PROD_APP],
        }),
      ],
    });
    expect(buildPlan(d, l, { now: NOW }).plan.changes).toEqual([]);
  });

  it('creates with every present field, updates with exactly the changed fields in PERMISSION_SET_FIELDS order', () => {
    const d = desired({
      permissionSets: [
        permissionSet('New', { description: 'd', managedPolicies: [managedPolicy('ReadOnlyAccess')] }),
        permissionSet('Edited', { description: 'new', tags: { owner: 'x' }, inlinePolicy: inline, relayState: 'https://x' }),
      ],
    });
    const l = live({ permissionSets: [livePermissionSet('Edited', { description: 'old', inlinePolicy: awsInline })] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(summary(plan.changes)).toEqual([
      'create permission-set New [description,sessionDuration,managedPolicies]',
      'update permission-set Edited [description,relayState,tags]',
    ]);
  });

  it('re-provisions an edited set to every account it is provisioned to, once', () => {
    const d = desired({ permissionSets: [permissionSet('RO', { sessionDuration: 'PT8H' })] });
    const l = live({ permissionSets: [livePermissionSet('RO', { provisioned: [STAGING, PROD_APP], outdated: [STAGING] })] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(summary(plan.changes)).toEqual(['update permission-set RO [sessionDuration]', `provision RO (edited) ${PROD_APP},${STAGING}`]);
    expect(plan.counts).toEqual({ create: 0, update: 2, delete: 0 });
  });

  it('does not re-provision for a tag change (tags reach no account)', () => {
    const d = desired({ permissionSets: [permissionSet('RO', { tags: { a: 'b' } })] });
    const l = live({ permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] })] });
    expect(summary(buildPlan(d, l, { now: NOW }).plan.changes)).toEqual(['update permission-set RO [tags]']);
  });

  it('re-provisions an unedited set to the accounts that are behind (drift)', () => {
    const d = desired({ permissionSets: [permissionSet('RO')] });
    const l = live({ permissionSets: [livePermissionSet('RO', { provisioned: [STAGING, PROD_APP], outdated: [STAGING] })] });
    expect(summary(buildPlan(d, l, { now: NOW }).plan.changes)).toEqual([`provision RO (drift) ${STAGING}`]);
  });

  it('referenced permission sets are never changed; one missing from AWS is an error', () => {
    const d = desired({ permissionSets: [permissionSet('RO', { description: 'x' }), permissionSet('Nope')], ownership: { permissionSets: 'referenced' } });
    const l = live({ permissionSets: [livePermissionSet('RO', { outdated: [STAGING] }), livePermissionSet('Extra')] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(plan.changes).toEqual([]);
    expect(diagnostics.map((x) => x.message)).toEqual([
      'permission set "Nope" does not exist in Identity Center (ownership.permission_sets is referenced: idc only looks permission sets up and never creates them)',
    ]);
  });

  it('deletes an unlisted set together with its assignments (AWS requires it) even when assignments are referenced', () => {
    const l = live({
      permissionSets: [livePermissionSet('Old', { provisioned: [STAGING] })],
      assignments: [liveAssignment('Old', 'GROUP', 'ops', STAGING)],
      groups: [liveGroup('ops')],
    });
    const d = desired({ groups: [group('ops')], ownership: { assignments: 'referenced' } });
    expect(summary(buildPlan(d, l, { now: NOW }).plan.changes)).toEqual(['delete permission-set Old []', `delete assignment Old GROUP ops ${STAGING}`]);
  });
});

describe('assignments', () => {
  const base = () => ({
    users: [liveUser('ann')],
    groups: [liveGroup('ops')],
    permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] })],
  });

  it('creates what the rules expand to and deletes live assignments no rule produces', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['ops'], accounts: ['staging', 'prod-app'] })],
    });
    const l = live({
      ...base(),
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING), liveAssignment('RO', 'USER', 'ann', STAGING)],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(summary(plan.changes)).toEqual([`create assignment RO GROUP ops ${PROD_APP}`, `delete assignment RO USER ann ${STAGING}`]);
    const create = plan.changes[0];
    expect(create?.kind === 'assignment' && create.rules.map((r) => r.index)).toEqual([0]);
  });

  it('with ownership.assignments referenced, only creates', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['ops'], accounts: ['prod-app'] })],
      ownership: { assignments: 'referenced' },
    });
    const l = live({ ...base(), assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)] });
    expect(summary(buildPlan(d, l, { now: NOW }).plan.changes)).toEqual([`create assignment RO GROUP ops ${PROD_APP}`]);
  });

  it('keeps assignments of ignored permission sets and ignored groups, and of unresolved principals', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops')],
      permissionSets: [permissionSet('RO')],
      ownership: { ignore: { users: [], groups: ['AWSControlTower*', 'Legacy?'], permissionSets: ['AWSControlTower*'] } },
    });
    const l = live({
      ...base(),
      groups: [liveGroup('ops'), liveGroup('Legacy1'), liveGroup('AWSControlTowerAdmins')],
      permissionSets: [livePermissionSet('RO'), livePermissionSet('AWSControlTowerAdmin')],
      assignments: [
        liveAssignment('AWSControlTowerAdmin', 'USER', 'ann', MGMT),
        liveAssignment('RO', 'GROUP', 'Legacy1', STAGING),
        liveAssignment('RO', 'GROUP', 'AWSControlTowerAdmins', STAGING),
        liveAssignment('RO', 'USER', 'id:9067-abcd', STAGING),
      ],
    });
    expect(buildPlan(d, l, { now: NOW }).plan.changes).toEqual([]);
  });

  it('reports rule references to users, groups and permission sets that will not exist, at their positions', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('ReadOnly')],
      rules: [rule(2, { sets: ['ReadOnyl'], users: ['ann', 'anne'], groups: ['gone'], accounts: ['staging'] })],
    });
    const l = live({ groups: [liveGroup('gone')] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics.map((x) => `${x.line}:${x.col} ${x.message}`)).toEqual([
      '121:20 permission set "ReadOnyl" is not defined under permission_sets: and does not exist in Identity Center (did you mean "ReadOnly"?)',
      '122:30 user "anne" is not defined under users: and does not exist in the identity store (did you mean "ann"?)',
      '123:20 group "gone" is not defined under groups:, so this plan deletes it (ownership.groups is managed): define it, or stop assigning it',
    ]);
    expect(plan.changes.filter((c) => c.kind === 'assignment')).toEqual([]);
  });

  it('accepts principals and sets that exist only in AWS when their kind is referenced', () => {
    const d = desired({
      rules: [rule(0, { sets: ['AWSAdministratorAccess'], users: ['ann'], groups: ['ops'], accounts: ['staging'] })],
      ownership: { users: 'referenced', groups: 'referenced', permissionSets: 'referenced' },
    });
    const l = live({ ...base(), permissionSets: [livePermissionSet('AWSAdministratorAccess')] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics).toEqual([]);
    expect(summary(plan.changes)).toEqual([
      `create assignment AWSAdministratorAccess GROUP ops ${STAGING}`,
      `create assignment AWSAdministratorAccess USER ann ${STAGING}`,
    ]);
  });

  it('an expired rule grants nothing: its assignments are deleted', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2026-03-01' })],
    });
    const l = live({ ...base(), assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(summary(plan.changes)).toEqual([`delete assignment RO USER ann ${STAGING}`]);
    expect(plan.warnings.map((w) => w.code)).toContain('expired-rule');
  });
});
