/** What a reviewer reads when a rule names a user, group or permission set that will not exist after
 * the plan, and where the error points (diff.test.ts shows the common cases). */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Desired } from '../../src/model/desired.js';
import { desired, group, live, liveGroup, livePermissionSet, liveUser, NOW, permissionSet, pos, rule, user } from './builders.js';

const errors = (d: Desired, l = live()): string[] =>
  buildPlan(d, l, { now: NOW })
    .diagnostics.filter((x) => x.severity === 'error' && /^(user|group|permission set) "/.test(x.message))
    .map((x) => `${x.line}:${x.col} ${x.message}`);

describe('a reference to something defined that the plan does not create (ownership referenced)', () => {
  it('names the kind and says to see its definition, at the reference', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], groups: ['ops'], accounts: ['management'] })],
      ownership: { users: 'referenced', groups: 'referenced', permissionSets: 'referenced' },
    });
    expect(errors(d).filter((e) => e.includes('cannot be assigned'))).toEqual([
      '101:20 permission set "RO" cannot be assigned: it does not exist and this plan does not create it (see its definition)',
      '102:20 user "ann" cannot be assigned: it does not exist and this plan does not create it (see its definition)',
      '103:20 group "ops" cannot be assigned: it does not exist and this plan does not create it (see its definition)',
    ]);
  });
});

describe('a reference to something that exists but is not defined (so deleted)', () => {
  it('names the section and the ownership setting of each kind', () => {
    const d = desired({ rules: [rule(0, { sets: ['RO'], users: ['ann'], groups: ['ops'], accounts: ['management'] })] });
    const l = live({ users: [liveUser('ann')], groups: [liveGroup('ops')], permissionSets: [livePermissionSet('RO')] });
    expect(errors(d, l)).toEqual([
      '101:20 permission set "RO" is not defined under permission_sets:, so this plan deletes it (ownership.permission_sets is managed): define it, or stop assigning it',
      '102:20 user "ann" is not defined under users:, so this plan deletes it (ownership.users is managed): define it, or stop assigning it',
      '103:20 group "ops" is not defined under groups:, so this plan deletes it (ownership.groups is managed): define it, or stop assigning it',
    ]);
  });
});

describe('a reference to something that exists nowhere', () => {
  it('says where it was looked for', () => {
    const d = desired({ rules: [rule(0, { sets: ['RO'], users: ['ann', 'bob'], groups: ['ops'], accounts: ['management'] })] });
    expect(errors(d)).toEqual([
      '101:20 permission set "RO" is not defined under permission_sets: and does not exist in Identity Center',
      '102:20 user "ann" is not defined under users: and does not exist in the identity store',
      '102:30 user "bob" is not defined under users: and does not exist in the identity store',
      '103:20 group "ops" is not defined under groups: and does not exist in the identity store',
    ]);
  });
});

describe('where a missing permission set is reported', () => {
  it('at `permission_set:` when the rule names one set that way', () => {
    const d = desired({ rules: [rule(0, { sets: ['RO'], users: [], accounts: ['management'] })] });
    delete d.positions['assignments[0].permission_sets[0]'];
    d.positions['assignments[0].permission_set'] = pos(101, 22);
    expect(errors(d)).toEqual(['101:22 permission set "RO" is not defined under permission_sets: and does not exist in Identity Center']);
  });

  it('at the rule when no position of the reference is known', () => {
    const d = desired({ permissionSets: [permissionSet('A')], rules: [rule(0, { sets: ['A', 'RO'], users: [], accounts: ['management'] })] });
    delete d.positions['assignments[0].permission_sets[1]'];
    // A `permission_set:` position belongs to a rule of one set only: never used for the second of two.
    d.positions['assignments[0].permission_set'] = pos(101, 22);
    expect(errors(d)).toEqual(['100:5 permission set "RO" is not defined under permission_sets: and does not exist in Identity Center (did you mean "A"?)']);
  });
});
