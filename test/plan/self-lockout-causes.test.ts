/**
 * The own-access refusal against a hand-made list of changes: which changes count (only those of the
 * session's user, set and account) and the causes the message lists, in order.
 */
import { describe, expect, it } from 'vitest';
import type { LiveAssignment } from '../../src/model/assignment.js';
import { checkSelfLockout, parseSsoCaller } from '../../src/plan/safety/self-lockout.js';
import type { Change } from '../../src/plan/types.js';
import { live, liveAssignment, liveGroup, livePermissionSet, liveUser, MGMT, PROD_APP } from './builders.js';

const ARN = (name: string) => `arn:aws:sts::${MGMT}:assumed-role/AWSReservedSSO_Admin_0123abcdef/${name}`;
const NAMES = { [MGMT]: 'management', [PROD_APP]: 'prod-app' };

function world(assignments: LiveAssignment[], groups = [liveGroup('ops', ['ann']), liveGroup('dev', ['ann'])], session = 'ann') {
  const l = live({
    users: [liveUser('ann'), liveUser('bob')],
    groups,
    permissionSets: [livePermissionSet('Admin', { provisioned: [MGMT] }), livePermissionSet('RO', { provisioned: [MGMT] })],
    assignments,
  });
  l.caller.arn = ARN(session);
  return l;
}
const causes = (changes: Change[], l: ReturnType<typeof world>): string[] =>
  checkSelfLockout(changes, NAMES, l).map((r) => /: it (.*): run apply/.exec(r.message)?.[1] ?? r.message);

const userChange = (action: 'update' | 'delete', userName: string): Change => ({ kind: 'user', action, userName, fields: [] });
const setChange = (action: 'update' | 'delete', name: string): Change => ({ kind: 'permission-set', action, name, fields: [] });
const groupChange = (action: 'update' | 'delete', displayName: string): Change => ({ kind: 'group', action, displayName, fields: [] });
const member = (action: 'create' | 'delete', group: string, user: string): Change => ({ kind: 'membership', action, group, user });
const unassign = (permissionSet: string, principalType: 'USER' | 'GROUP', principal: string, accountId = MGMT): Change => ({
  kind: 'assignment',
  action: 'delete',
  assignment: { accountId, permissionSet, principalType, principal },
  rules: [],
});

describe('parseSsoCaller', () => {
  it('reads only a whole Identity Center session ARN', () => {
    expect(parseSsoCaller(ARN('ann'))).toEqual({ accountId: MGMT, permissionSet: 'Admin', userName: 'ann' });
    expect(parseSsoCaller(`x${ARN('ann')}`)).toBeUndefined();
    expect(parseSsoCaller(`${ARN('ann')}\nx`)).toBeUndefined();
  });
});

describe('changes that do not touch the session keep its access', () => {
  const direct = () => world([liveAssignment('Admin', 'USER', 'ann', MGMT)]);
  it.each<[string, Change]>([
    ['an update of the user', userChange('update', 'ann')],
    ['the deletion of another user', userChange('delete', 'bob')],
    ['an update of the permission set', setChange('update', 'Admin')],
    ['the deletion of another permission set', setChange('delete', 'RO')],
    ['the removal of the same user from another set', unassign('RO', 'USER', 'ann')],
    ['the removal of the same set in another account', unassign('Admin', 'USER', 'ann', PROD_APP)],
  ])('%s', (_, change) => {
    expect(causes([change], direct())).toEqual([]);
  });

  it('an update of the group that grants the access, or another member joining it', () => {
    const l = () => world([liveAssignment('Admin', 'GROUP', 'ops', MGMT)]);
    expect(causes([groupChange('update', 'ops')], l())).toEqual([]);
    expect(causes([member('create', 'ops', 'bob')], l())).toEqual([]);
  });

  it("a session whose user has no access, or is unknown, is never refused for others' changes", () => {
    expect(causes([unassign('Admin', 'USER', 'bob')], world([liveAssignment('Admin', 'USER', 'bob', MGMT)]))).toEqual([]);
    expect(causes([unassign('Admin', 'USER', 'ann')], world([liveAssignment('Admin', 'USER', 'ann', MGMT)], undefined, 'zed'))).toEqual([]);
  });
});

describe('the causes a refusal lists', () => {
  it("only grants of the session's set on the session's account count as access", () => {
    // dev grants RO on the management account and Admin on prod-app: neither is the session's access.
    const l = world([
      liveAssignment('Admin', 'GROUP', 'ops', MGMT),
      liveAssignment('RO', 'GROUP', 'dev', MGMT),
      liveAssignment('Admin', 'GROUP', 'dev', PROD_APP),
    ]);
    expect(causes([unassign('Admin', 'GROUP', 'ops')], l)).toEqual(['deletes assignment Admin → group ops']);
  });

  it('lists several groups sorted by name', () => {
    const l = world(
      [liveAssignment('Admin', 'GROUP', 'zeta', MGMT), liveAssignment('Admin', 'GROUP', 'alpha', MGMT)],
      [liveGroup('zeta', ['ann']), liveGroup('alpha', ['ann'])],
    );
    expect(causes([unassign('Admin', 'GROUP', 'zeta'), unassign('Admin', 'GROUP', 'alpha')], l)).toEqual([
      'deletes assignment Admin → group alpha, deletes assignment Admin → group zeta',
    ]);
  });

  it("deleting the session's user is refused even when it had no access through this set", () => {
    expect(causes([userChange('delete', 'ann')], world([]))).toEqual(['deletes user ann']);
  });

  it('the full message names the user, the set and the account', () => {
    const l = world([liveAssignment('Admin', 'USER', 'ann', MGMT)]);
    expect(checkSelfLockout([unassign('Admin', 'USER', 'ann')], NAMES, l)).toEqual([
      {
        code: 'own-access-removed',
        message:
          "plan removes the access of the credentials running apply (user ann, Admin on management (111111111111)): it deletes assignment Admin → user ann: run apply with other credentials, or keep ann's Admin access to 111111111111 in access.yaml",
        forceOverrides: false,
      },
    ]);
  });
});
