import { describe, expect, it } from 'vitest';
import { checkSafety, checkSelfLockout, parseSsoCaller } from '../../src/apply/safety.js';
import type { Change } from '../../src/plan/types.js';
import {
  assignmentChange,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  makeDesired,
  makeLive,
  makePlan,
  MANAGEMENT,
  PROD,
  user,
} from './fixtures.js';

const admin = livePermissionSet('AdminAccess', { provisionedAccountIds: [MANAGEMENT] });
const readOnly = livePermissionSet('Read_Only', { provisionedAccountIds: [MANAGEMENT, PROD] });
const SSO_ARN = `arn:aws:sts::${MANAGEMENT}:assumed-role/AWSReservedSSO_AdminAccess_0123abcdef012345/jonathan`;

function world(arn = SSO_ARN) {
  return makeLive({
    caller: { accountId: MANAGEMENT, arn },
    users: { jonathan: liveUser('jonathan'), bob: liveUser('bob'), breakglass: liveUser('breakglass') },
    groups: { admins: liveGroup('admins', ['jonathan']), ops: liveGroup('ops', ['bob']) },
    permissionSets: { AdminAccess: admin, Read_Only: readOnly },
    assignments: [
      liveAssignment(admin, 'GROUP', 'admins', MANAGEMENT),
      liveAssignment(admin, 'USER', 'breakglass', MANAGEMENT),
      liveAssignment(readOnly, 'GROUP', 'ops', MANAGEMENT),
      liveAssignment(readOnly, 'GROUP', 'ops', PROD),
    ],
  });
}

const deleteAssignment = (set: string, type: 'USER' | 'GROUP', who: string, account: string) =>
  assignmentChange('delete', set, type, who, account);

describe('checkSafety: max_deletes', () => {
  const changes: Change[] = [
    deleteAssignment('Read_Only', 'GROUP', 'ops', MANAGEMENT),
    deleteAssignment('Read_Only', 'GROUP', 'ops', PROD),
    { kind: 'membership', action: 'delete', group: 'ops', user: 'bob' },
  ];

  it('counts every deletion against a count', () => {
    const desired = makeDesired({ maxDeletes: { kind: 'count', value: 2 } });
    expect(checkSafety(makePlan(changes), desired, world())).toEqual([
      'plan deletes 3 objects; safety.max_deletes is 2: review, then run with --force',
    ]);
    expect(checkSafety(makePlan(changes.slice(0, 2)), desired, world())).toEqual([]);
  });

  it('compares a percentage with the live objects of each kind', () => {
    const desired = makeDesired({ maxDeletes: { kind: 'percent', value: 25 } });
    expect(checkSafety(makePlan(changes), desired, world())).toEqual([
      'plan deletes 1 of 2 group memberships (50%); safety.max_deletes is 25%: review, then run with --force',
      'plan deletes 2 of 4 assignments (50%); safety.max_deletes is 25%: review, then run with --force',
    ]);
    expect(checkSafety(makePlan(changes.slice(0, 1)), desired, world())).toEqual([]);
  });
});

describe('checkSafety: protected', () => {
  it('refuses to delete a protected assignment, resolving aliases and account names', () => {
    const desired = makeDesired(
      { protected: [{ permissionSet: 'AdminAccess', users: ['breakglass'], groups: [], accounts: ['mgmt'] }] },
      { mgmt: MANAGEMENT },
    );
    const plan = makePlan([deleteAssignment('AdminAccess', 'USER', 'breakglass', MANAGEMENT)]);
    expect(checkSafety(plan, desired, world())).toEqual([
      'access.yaml:10:5: plan deletes protected assignment AdminAccess → user breakglass on management (111122223333): keep it in access.yaml, or run with --force',
    ]);
  });

  it('refuses when a protected assignment neither exists nor is created', () => {
    const desired = makeDesired({
      protected: [{ permissionSet: 'AdminAccess', users: ['breakglass'], groups: ['admins'], accounts: ['prod', MANAGEMENT, 'nowhere'] }],
    });
    const created = makePlan([assignmentChange('create', 'AdminAccess', 'USER', 'breakglass', PROD)]);
    expect(checkSafety(created, desired, world())).toEqual([
      'access.yaml:10:5: safety.protected: account "nowhere" is not an account ID, an alias under accounts:, or the name of an account in the organization: fix access.yaml',
      'access.yaml:10:5: protected assignment AdminAccess → group admins on prod (444455556666) does not exist and the plan does not create it: add a rule that grants it to access.yaml, or run with --force',
    ]);
  });
});

describe('checkSafety: self-lockout', () => {
  it('parses Identity Center sessions, set names with underscores included', () => {
    expect(parseSsoCaller(SSO_ARN)).toEqual({ accountId: MANAGEMENT, permissionSet: 'AdminAccess', userName: 'jonathan' });
    expect(parseSsoCaller(`arn:aws:sts::${PROD}:assumed-role/AWSReservedSSO_Read_Only_0123456789abcdef/bob@example.com`)).toEqual({
      accountId: PROD,
      permissionSet: 'Read_Only',
      userName: 'bob@example.com',
    });
    expect(parseSsoCaller(`arn:aws:sts::${PROD}:assumed-role/github-deploy/run-1`)).toBeUndefined();
  });

  const desired = makeDesired();
  const reason = (plan: Change[]) => checkSafety(makePlan(plan), desired, world());

  it('refuses deleting the group assignment that gives the caller access', () => {
    expect(reason([deleteAssignment('AdminAccess', 'GROUP', 'admins', MANAGEMENT)])).toEqual([
      'plan removes the access of the credentials running apply (user jonathan, AdminAccess on management (111122223333)): ' +
        "it deletes assignment AdminAccess → group admins: run apply with other credentials, or keep jonathan's AdminAccess access to 111122223333 in access.yaml",
    ]);
  });

  it('refuses removing the caller from the only group, deleting the user, the set or the group', () => {
    expect(reason([{ kind: 'membership', action: 'delete', group: 'admins', user: 'jonathan' }])[0]).toContain(
      'it removes jonathan from group admins:',
    );
    expect(reason([{ kind: 'user', action: 'delete', userName: 'jonathan', before: user('jonathan'), fields: [] }])[0]).toContain(
      'it deletes user jonathan:',
    );
    expect(reason([{ kind: 'permission-set', action: 'delete', name: 'AdminAccess', before: admin, fields: [] }])[0]).toContain(
      'it deletes permission set AdminAccess:',
    );
    expect(reason([{ kind: 'group', action: 'delete', displayName: 'admins', before: { displayName: 'admins' }, fields: [] }])[0]).toContain(
      'it deletes group admins:',
    );
  });

  it('allows a plan that keeps another path to the same access', () => {
    expect(
      reason([
        assignmentChange('create', 'AdminAccess', 'USER', 'jonathan', MANAGEMENT),
        deleteAssignment('AdminAccess', 'GROUP', 'admins', MANAGEMENT),
      ]),
    ).toEqual([]);
    expect(
      reason([
        { kind: 'membership', action: 'create', group: 'ops', user: 'jonathan' },
        assignmentChange('create', 'AdminAccess', 'GROUP', 'ops', MANAGEMENT),
        { kind: 'membership', action: 'delete', group: 'admins', user: 'jonathan' },
      ]),
    ).toEqual([]);
    // Other accounts and other sets are not the caller's access.
    expect(reason([deleteAssignment('AdminAccess', 'GROUP', 'admins', PROD)])).toEqual([]);
  });

  it('ignores credentials that are not an Identity Center session', () => {
    const live = world(`arn:aws:sts::${MANAGEMENT}:assumed-role/github-deploy/run-1`);
    expect(checkSelfLockout(makePlan([deleteAssignment('AdminAccess', 'GROUP', 'admins', MANAGEMENT)]), live)).toEqual([]);
  });
});
