import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { AccessChange } from '../../src/plan/types.js';
import { desired, group, live, liveAssignment, liveGroup, livePermissionSet, liveUser, NOW, permissionSet, PROD_APP, rule, STAGING, user } from './builders.js';

const rows = (a: AccessChange[]): string[] =>
  a.map(
    (x) =>
      `${x.principalType === 'USER' ? 'user' : 'group'} ${x.principal}${x.memberCount === undefined ? '' : ` (${x.memberCount})`} ${x.effect}s ${x.permissionSet} on ${x.accountName} via ${x.via.join(' + ')}`,
  );

const world = (members: string[], extra: { bobDirect?: boolean } = {}) => ({
  d: desired({
    users: [user('ann'), user('bob')],
    groups: [group('admins', members)],
    permissionSets: [permissionSet('Admin'), permissionSet('RO')],
    rules: [
      rule(0, { sets: ['Admin'], groups: ['admins'], accounts: ['staging', 'prod-app'] }),
      ...(extra.bobDirect ? [rule(1, { sets: ['Admin'], users: ['bob'], accounts: ['staging'] })] : []),
    ],
  }),
  l: live({
    users: [liveUser('ann'), liveUser('bob')],
    groups: [liveGroup('admins', ['ann'])],
    permissionSets: [livePermissionSet('Admin'), livePermissionSet('RO')],
    assignments: [
      liveAssignment('Admin', 'GROUP', 'admins', PROD_APP),
      liveAssignment('Admin', 'GROUP', 'admins', STAGING),
      ...(extra.bobDirect ? [liveAssignment('Admin', 'USER', 'bob', STAGING)] : []),
    ],
  }),
});

describe('access changes', () => {
  it('adding bob to a group shows what bob gains through the group', () => {
    const { d, l } = world(['ann', 'bob']);
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(rows(plan.accessChanges)).toEqual([
      'user bob gains Admin on prod-app via member of group admins',
      'user bob gains Admin on staging via member of group admins',
    ]);
  });

  it('removing a member shows what they lose', () => {
    const { d, l } = world([]);
    expect(rows(buildPlan(d, l, { now: NOW }).plan.accessChanges)).toEqual([
      'user ann loses Admin on prod-app via member of group admins',
      'user ann loses Admin on staging via member of group admins',
    ]);
  });

  it('says nothing where the user already has the access another way (no double count)', () => {
    const { d, l } = world(['ann', 'bob'], { bobDirect: true });
    expect(rows(buildPlan(d, l, { now: NOW }).plan.accessChanges)).toEqual(['user bob gains Admin on prod-app via member of group admins']);
  });

  it('assignment changes show the rule, and a group with its member count after the plan', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops', ['ann', 'bob'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['ops'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops', ['ann', 'bob'])],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'USER', 'ann', PROD_APP)],
    });
    expect(rows(buildPlan(d, l, { now: NOW }).plan.accessChanges)).toEqual([
      'user ann loses RO on prod-app via no rule in access.yaml grants it',
      'group ops (2) gains RO on staging via assignments[0]: RO → group ops on account staging',
    ]);
  });

  it('a new member of a group that also gets a new assignment gains it through the group', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('new', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['new'], accounts: ['staging'] })],
    });
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')] });
    expect(rows(buildPlan(d, l, { now: NOW }).plan.accessChanges)).toEqual([
      'group new (1) gains RO on staging via assignments[0]: RO → group new on account staging',
      'user ann gains RO on staging via member of group new',
    ]);
  });

  it('deleting a user or a group shows what its people lose', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')] });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING), liveAssignment('RO', 'USER', 'bob', PROD_APP)],
    });
    expect(rows(buildPlan(d, l, { now: NOW }).plan.accessChanges)).toEqual([
      'user bob loses RO on prod-app via user bob is deleted',
      'group ops (0) loses RO on staging via group ops is deleted',
      'user ann loses RO on staging via member of group ops',
    ]);
  });
});
