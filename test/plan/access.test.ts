import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { AccessChange } from '../../src/plan/types.js';
import { groupEffectText, groupText, pathText } from '../../src/render/describe.js';
import {
  desired,
  group,
  live,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  MGMT,
  NOW,
  permissionSet,
  PROD_APP,
  rule,
  STAGING,
  user,
} from './builders.js';

const rows = (a: AccessChange[]): string[] =>
  a.map((x) =>
    x.kind === 'user'
      ? `user ${x.user} ${x.effect}s ${x.permissionSet} on ${x.accountName} via ${x.via.map(pathText).join(' + ')}`
      : `${groupText(x)} ${x.effect}s ${x.permissionSet} on ${x.accountName} via ${x.because.join(' + ')}: ${groupEffectText(x)}`,
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

const plan = (d: ReturnType<typeof desired>, l: ReturnType<typeof live>) => {
  const { plan: p, diagnostics } = buildPlan(d, l, { now: NOW });
  expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  return p;
};

const UPLOAD = 'assignments[0]: UploadBackups → group backup-operators on account management';

describe('access changes', () => {
  it('adding bob to a group shows what bob gains through the group', () => {
    const { d, l } = world(['ann', 'bob']);
    expect(rows(plan(d, l).accessChanges)).toEqual([
      'user bob gains Admin on prod-app via member of group admins (added to group admins)',
      'user bob gains Admin on staging via member of group admins (added to group admins)',
    ]);
  });

  it('removing a member shows what they lose', () => {
    const { d, l } = world([]);
    expect(rows(plan(d, l).accessChanges)).toEqual([
      'user ann loses Admin on prod-app via member of group admins (removed from group admins)',
      'user ann loses Admin on staging via member of group admins (removed from group admins)',
    ]);
  });

  it('says nothing where the user already has the access another way (no double count)', () => {
    const { d, l } = world(['ann', 'bob'], { bobDirect: true });
    expect(rows(plan(d, l).accessChanges)).toEqual(['user bob gains Admin on prod-app via member of group admins (added to group admins)']);
  });

  it('moving a grant from a user to a new group with them as only member changes nobody, and lists the group grant', () => {
    const d = desired({
      users: [user('jonathan')],
      groups: [group('backup-operators', ['jonathan'])],
      permissionSets: [permissionSet('UploadBackups')],
      aliases: { management: MGMT },
      rules: [rule(0, { sets: ['UploadBackups'], groups: ['backup-operators'], accounts: ['management'] })],
    });
    const l = live({
      users: [liveUser('jonathan')],
      permissionSets: [livePermissionSet('UploadBackups')],
      assignments: [liveAssignment('UploadBackups', 'USER', 'jonathan', MGMT)],
    });
    const p = plan(d, l);
    expect(p.changes.filter((c) => c.kind === 'assignment').length).toBe(2);
    expect(rows(p.accessChanges)).toEqual([
      `group backup-operators (1 member) gains UploadBackups on management via ${UPLOAD}: no one's access changes: jonathan already has it directly`,
    ]);
  });

  it('the reverse move (group to direct) loses nothing either', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING)],
    });
    expect(rows(plan(d, l).accessChanges)).toEqual([
      "group ops (1 member) loses RO on staging via no rule in access.yaml grants it: no one's access changes: ann keeps it directly",
    ]);
  });

  it('removing someone from a group while a direct grant remains loses only what the group alone gave', () => {
    const { d, l } = world(['ann'], { bobDirect: true });
    l.groups.admins = liveGroup('admins', ['ann', 'bob']);
    expect(rows(plan(d, l).accessChanges)).toEqual(['user bob loses Admin on prod-app via member of group admins (removed from group admins)']);
  });

  it('two groups grant the same thing and one goes away: the members of both keep it, the others lose it', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('a', ['ann', 'bob']), group('b', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['b'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('a', ['ann', 'bob']), liveGroup('b', ['ann'])],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'GROUP', 'a', STAGING), liveAssignment('RO', 'GROUP', 'b', STAGING)],
    });
    expect(rows(plan(d, l).accessChanges)).toEqual([
      'user bob loses RO on staging via member of group a (no rule in access.yaml grants it)',
      'group a (2 members) loses RO on staging via no rule in access.yaml grants it: access changes for bob; ann keeps it through group b',
    ]);
  });

  it('deleting a group whose members keep access through another group loses nothing', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('new-ops', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['new-ops'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('old-ops', ['ann']), liveGroup('new-ops', ['ann'])],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'GROUP', 'old-ops', STAGING), liveAssignment('RO', 'GROUP', 'new-ops', STAGING)],
    });
    expect(rows(plan(d, l).accessChanges)).toEqual([
      "group old-ops (1 member) loses RO on staging via group old-ops is deleted: no one's access changes: ann keeps it through group new-ops",
    ]);
  });

  it('assignment changes show the rule; a group row says whose access it changes', () => {
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
    const ruleLabel = 'assignments[0]: RO → group ops on account staging';
    expect(rows(plan(d, l).accessChanges)).toEqual([
      'user ann loses RO on prod-app via direct assignment (no rule in access.yaml grants it)',
      `user ann gains RO on staging via member of group ops (${ruleLabel})`,
      `user bob gains RO on staging via member of group ops (${ruleLabel})`,
      `group ops (2 members) gains RO on staging via ${ruleLabel}: access changes for ann, bob`,
    ]);
  });

  it('a new group with a new grant: its members gain through it; an empty group changes nobody', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('new', ['ann']), group('empty')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['new', 'empty'], accounts: ['staging'] })],
    });
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')] });
    const label = 'assignments[0]: RO → groups new, empty on account staging';
    expect(rows(plan(d, l).accessChanges)).toEqual([
      `user ann gains RO on staging via member of group new (added to group new; ${label})`,
      `group empty (0 members) gains RO on staging via ${label}: no one's access changes: the group has no members`,
      `group new (1 member) gains RO on staging via ${label}: access changes for ann`,
    ]);
  });

  it('deleting a user or a group shows what its people lose, and members counted before the deletion', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')] });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING), liveAssignment('RO', 'USER', 'bob', PROD_APP)],
    });
    expect(rows(plan(d, l).accessChanges)).toEqual([
      'user ann loses RO on staging via member of group ops (group ops is deleted)',
      'user bob loses RO on prod-app via direct assignment (user bob is deleted)',
      'group ops (1 member) loses RO on staging via group ops is deleted: access changes for ann',
    ]);
  });

  it('deleting a user who is in a group: every path goes with the user', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['ops'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops', ['ann', 'bob'])],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING)],
    });
    expect(rows(plan(d, l).accessChanges)).toEqual(['user bob loses RO on staging via member of group ops (user bob is deleted)']);
  });

  it('deleting a permission set: everyone holding it loses it, through every path', () => {
    const d = desired({ users: [user('ann')], groups: [group('ops', ['ann'])], permissionSets: [] });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [livePermissionSet('Old')],
      assignments: [liveAssignment('Old', 'GROUP', 'ops', STAGING), liveAssignment('Old', 'USER', 'ann', STAGING)],
    });
    expect(rows(plan(d, l).accessChanges)).toEqual([
      'user ann loses Old on staging via direct assignment (permission set Old is deleted) + member of group ops (permission set Old is deleted)',
      'group ops (1 member) loses Old on staging via permission set Old is deleted: access changes for ann',
    ]);
  });

  it('members idc cannot name are counted and said to be affected', () => {
    const d = desired({
      groups: [group('ext')],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['ext'], accounts: ['staging'] })],
    });
    const ext = liveGroup('ext');
    ext.unresolvedMemberIds = ['u-1', 'u-2'];
    const l = live({ groups: [ext], permissionSets: [livePermissionSet('RO')] });
    expect(rows(plan(d, l).accessChanges)).toEqual([
      'group ext (2 members) gains RO on staging via assignments[0]: RO → group ext on account staging: access changes for 2 members idc cannot name',
    ]);
  });
});
