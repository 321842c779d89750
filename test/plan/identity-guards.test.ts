/**
 * Users, groups and memberships as the plan shows them: ignored names the file still lists, names
 * only AWS can answer for (`ownership: referenced`), members that are no user, and where each
 * change and error points in access.yaml.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/source.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { Change } from '../../src/plan/types.js';
import { desired, group, live, liveGroup, livePermissionSet, liveUser, MGMT, NOW, permissionSet, pos, rule, user } from './builders.js';

const lines = (d: ReturnType<typeof desired>, l: ReturnType<typeof live>): string[] => buildPlan(d, l, { now: NOW }).diagnostics.map(formatDiagnostic);
const changes = (d: ReturnType<typeof desired>, l: ReturnType<typeof live>): Change[] => buildPlan(d, l, { now: NOW }).plan.changes;

describe('a user or group the file lists but ownership.ignore covers', () => {
  const ignoreRobots = { ignore: { users: ['robot-*'], groups: ['AWSControlTower*'], permissionSets: [] } };

  it('an ignored user that exists can still be a member and be granted access', () => {
    const d = desired({
      users: [user('robot-ci')],
      groups: [group('ops', ['robot-ci'])],
      permissionSets: [permissionSet('Deploy')],
      rules: [rule(0, { sets: ['Deploy'], users: ['robot-ci'], accounts: [MGMT] })],
      ownership: ignoreRobots,
    });
    const l = live({ users: [liveUser('robot-ci')], groups: [liveGroup('ops', [])], permissionSets: [livePermissionSet('Deploy', { provisioned: [MGMT] })] });
    expect(lines(d, l)).toEqual(['access.yaml:10:3: warning: user "robot-ci" matches ownership.ignore.users: idc leaves it alone']);
    expect(changes(d, l).map((c) => `${c.kind} ${c.action}`)).toEqual(['membership create', 'assignment create']);
  });

  it('an ignored group that exists can be granted access; one that does not exist cannot', () => {
    const d = desired({
      groups: [group('AWSControlTowerAdmins'), group('AWSControlTowerAudit')],
      permissionSets: [permissionSet('Audit')],
      rules: [rule(0, { sets: ['Audit'], groups: ['AWSControlTowerAdmins', 'AWSControlTowerAudit'], accounts: [MGMT] })],
      ownership: ignoreRobots,
    });
    const l = live({ groups: [liveGroup('AWSControlTowerAdmins', [])], permissionSets: [livePermissionSet('Audit', { provisioned: [MGMT] })] });
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      'access.yaml:10:3: warning: group "AWSControlTowerAdmins" matches ownership.ignore.groups: idc leaves it alone',
      'access.yaml:11:3: warning: group "AWSControlTowerAudit" matches ownership.ignore.groups: idc leaves it alone',
      'access.yaml:103:30: group "AWSControlTowerAudit" cannot be assigned: it does not exist and this plan does not create it (see its definition)',
    ]);
    expect(plan.changes.map((c) => (c.kind === 'assignment' ? `${c.action} ${c.assignment.principal}` : c.kind))).toEqual(['create AWSControlTowerAdmins']);
  });
});

describe('ownership: referenced', () => {
  it('a group the file defines but the identity store lacks is an error at the group, with did-you-mean', () => {
    const d = desired({ groups: [group('platfrom')], ownership: { groups: 'referenced' } });
    const l = live({ groups: [liveGroup('platform', [])] });
    expect(lines(d, l)).toEqual([
      'access.yaml:10:3: group "platfrom" is not in the identity store (ownership.groups is referenced: idc only looks groups up and never creates them) (did you mean "platform"?)',
    ]);
    expect(changes(d, l)).toEqual([]);
  });

  it('a user the file defines but the identity store lacks is an error at the user, with did-you-mean', () => {
    const d = desired({ users: [user('jonathn')], ownership: { users: 'referenced' } });
    const l = live({ users: [liveUser('jonathan')] });
    expect(lines(d, l)).toEqual([
      'access.yaml:10:3: user "jonathn" is not in the identity store (ownership.users is referenced: idc only looks users up and never creates them) (did you mean "jonathan"?)',
    ]);
  });
});

describe('memberships', () => {
  it('a member that is no user is an error at the member, with the closest user after the plan', () => {
    const d = desired({ users: [user('annabel')], groups: [group('ops', ['anabel'])] });
    expect(lines(d, live())).toEqual([
      'access.yaml:12:7: member "anabel" of group "ops" is not a user in the identity store and not defined under users: (did you mean "annabel"?)',
    ]);
  });

  it('a removed member is shown at the group it leaves', () => {
    const d = desired({ users: [user('ann'), user('bob')], groups: [group('ops', ['ann'])] });
    const l = live({ users: [liveUser('ann'), liveUser('bob')], groups: [liveGroup('ops', ['ann', 'bob'])] });
    expect(changes(d, l)).toEqual([{ kind: 'membership', action: 'delete', group: 'ops', user: 'bob', pos: pos(12) }]);
  });

  it('without recorded positions, errors point at the top of the file', () => {
    const d = desired({ groups: [group('ops', ['ghost'])], ownership: { users: 'referenced' }, users: [user('nobody')] });
    d.positions = {};
    expect(lines(d, live())).toEqual([
      'access.yaml:1:1: member "ghost" of group "ops" is not a user in the identity store and not defined under users:',
      'access.yaml:1:1: user "nobody" is not in the identity store (ownership.users is referenced: idc only looks users up and never creates them)',
    ]);
  });
});

describe('group attributes in the plan', () => {
  it('a new group without a description carries no description field at all', () => {
    const [created] = changes(desired({ groups: [group('ops')] }), live());
    expect(created).toStrictEqual({ kind: 'group', action: 'create', displayName: 'ops', after: { displayName: 'ops' }, fields: [], pos: pos(10) });
  });
});
