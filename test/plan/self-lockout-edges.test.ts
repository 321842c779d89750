/** The own-access refusal, by what the plan's verdict says, for the ways a session can lose or keep its access. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desired, group, live, liveAssignment, liveGroup, livePermissionSet, liveUser, MGMT, NOW, permissionSet, rule, user } from './builders.js';
import type { Desired } from '../../src/model/desired.js';
import type { Live } from '../../src/model/live.js';

const session = (name: string, account = MGMT) => `arn:aws:sts::${account}:assumed-role/AWSReservedSSO_Admin_0123abcdef012345/${name}`;

function refusals(d: Desired, l: Live, arn: string): string[] {
  l.caller.arn = arn;
  return buildPlan(d, l, { now: NOW }).plan.safety.refusals.map((r) => `${r.code} ${r.forceOverrides}: ${r.message}`);
}

/** ann has Admin on management directly; bob is in ops. */
const world = () =>
  live({
    users: [liveUser('ann'), liveUser('bob')],
    groups: [liveGroup('ops', ['bob'])],
    permissionSets: [livePermissionSet('Admin', { provisioned: [MGMT] })],
    assignments: [liveAssignment('Admin', 'USER', 'ann', MGMT), liveAssignment('Admin', 'GROUP', 'ops', MGMT)],
  });

describe('the own-access refusal', () => {
  it('matches the session name to the user name without regard to case', () => {
    const d = desired({
      users: [user('bob')],
      groups: [group('ops', ['bob'])],
      permissionSets: [permissionSet('Admin')],
      rules: [rule(0, { sets: ['Admin'], groups: ['ops'], accounts: ['management'] })],
    });
    expect(refusals(d, world(), session('Ann'))).toEqual([
      "own-access-removed false: plan removes the access of the credentials running apply (user ann, Admin on management (111111111111)): it deletes user ann, deletes assignment Admin → user ann: run apply with other credentials, or keep ann's Admin access to 111111111111 in access.yaml",
    ]);
  });

  it('is not refused when the access moves from a direct assignment to a group the user joins', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops', ['ann', 'bob'])],
      permissionSets: [permissionSet('Admin')],
      rules: [rule(0, { sets: ['Admin'], groups: ['ops'], accounts: ['management'] })],
    });
    expect(refusals(d, world(), session('ann'))).toEqual([]);
  });

  it('names the removal from a group that keeps its grant', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops', ['ann'])],
      permissionSets: [permissionSet('Admin')],
      rules: [rule(0, { sets: ['Admin'], groups: ['ops'], accounts: ['management'] })],
    });
    expect(refusals(d, world(), session('bob'))).toEqual([
      "own-access-removed false: plan removes the access of the credentials running apply (user bob, Admin on management (111111111111)): it removes bob from group ops: run apply with other credentials, or keep bob's Admin access to 111111111111 in access.yaml",
    ]);
  });

  it("is refused when the plan deletes the session's permission set, even for access in another account", () => {
    const d = desired({ users: [user('ann'), user('bob')], groups: [group('ops', ['bob'])] });
    expect(refusals(d, world(), session('ann', '222222222222'))).toEqual([
      "own-access-removed false: plan removes the access of the credentials running apply (user ann, Admin on prod-app (222222222222)): it deletes permission set Admin: run apply with other credentials, or keep ann's Admin access to 222222222222 in access.yaml",
    ]);
  });

  it('looks only at Identity Center sessions', () => {
    const d = desired({
      users: [user('bob')],
      groups: [group('ops', ['bob'])],
      permissionSets: [permissionSet('Admin')],
      rules: [rule(0, { sets: ['Admin'], groups: ['ops'], accounts: ['management'] })],
    });
    for (const arn of [
      `x${session('ann')}`,
      `${MGMT}:assumed-role/AWSReservedSSO_Admin_0123abcdef012345/ann`,
      'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_Admin_xyz/ann',
      'arn:aws:sts::111111111111:assumed-role/Admin/ann',
    ]) {
      expect(refusals(d, world(), arn), arn).toEqual([]);
    }
  });
});
