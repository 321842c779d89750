/**
 * The access section's group rows as a reviewer reads them: why a group grant goes, how each
 * member keeps the access (directly, through one group, through several), and who counts as a
 * member when users are deleted from a group idc does not manage.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { AccessChange } from '../../src/plan/types.js';
import { desired, group, live, liveAssignment, liveGroup, livePermissionSet, liveUser, NOW, permissionSet, rule, STAGING, user } from './builders.js';

const access = (d: ReturnType<typeof desired>, l: ReturnType<typeof live>): AccessChange[] => buildPlan(d, l, { now: NOW }).plan.accessChanges;
const ro = () => livePermissionSet('RO', { provisioned: [STAGING] });
const groupRow = (over: Partial<AccessChange>) => ({
  kind: 'group',
  permissionSet: 'RO',
  accountId: STAGING,
  accountName: 'staging',
  changesAccessOf: [],
  unchanged: [],
  unresolvedMembers: 0,
  ...over,
});

describe('a group grant that goes while its members keep the access', () => {
  it('says no rule grants it (the group stays), and how the member keeps it: directly and through both other groups', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops', ['ann']), group('a1', ['ann']), group('a2', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], users: ['ann'], groups: ['a1', 'a2'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('ops', ['ann']), liveGroup('a1', ['ann']), liveGroup('a2', ['ann'])],
      permissionSets: [ro()],
      assignments: [
        liveAssignment('RO', 'GROUP', 'ops', STAGING),
        liveAssignment('RO', 'USER', 'ann', STAGING),
        liveAssignment('RO', 'GROUP', 'a1', STAGING),
        liveAssignment('RO', 'GROUP', 'a2', STAGING),
      ],
    });
    expect(access(d, l)).toEqual([
      groupRow({
        effect: 'lose',
        group: 'ops',
        memberCount: 1,
        because: ['no rule in access.yaml grants it'],
        unchanged: [{ user: 'ann', because: 'keeps it directly and through groups a1, a2' }],
      }),
    ]);
  });

  it('through one group, in the singular', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops', ['ann']), group('a1', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['a1'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('ops', ['ann']), liveGroup('a1', ['ann'])],
      permissionSets: [ro()],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING), liveAssignment('RO', 'GROUP', 'a1', STAGING)],
    });
    expect(access(d, l)).toEqual([
      groupRow({
        effect: 'lose',
        group: 'ops',
        memberCount: 1,
        because: ['no rule in access.yaml grants it'],
        unchanged: [{ user: 'ann', because: 'keeps it through group a1' }],
      }),
    ]);
  });
});

describe('a deleted group', () => {
  it('is the reason its members lose what it granted, on the user row and the group row', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')] });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [ro()],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING)],
    });
    expect(access(d, l)).toEqual([
      {
        kind: 'user',
        effect: 'lose',
        user: 'ann',
        permissionSet: 'RO',
        accountId: STAGING,
        accountName: 'staging',
        via: [{ group: 'ops', because: ['group ops is deleted'] }],
      },
      groupRow({ effect: 'lose', group: 'ops', memberCount: 1, because: ['group ops is deleted'], changesAccessOf: ['ann'] }),
    ]);
  });

  it('is the reason even when assignments are referenced (the plan deletes only the group, AWS its assignments)', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')], ownership: { assignments: 'referenced' } });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [ro()],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING)],
    });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.changes.map((c) => `${c.kind} ${c.action}`)).toEqual(['group delete']);
    expect(plan.accessChanges).toEqual([
      {
        kind: 'user',
        effect: 'lose',
        user: 'ann',
        permissionSet: 'RO',
        accountId: STAGING,
        accountName: 'staging',
        via: [{ group: 'ops', because: ['group ops is deleted'] }],
      },
      groupRow({ effect: 'lose', group: 'ops', memberCount: 1, because: ['group ops is deleted'], changesAccessOf: ['ann'] }),
    ]);
  });
});

describe('members of a group idc does not manage', () => {
  it('a user this plan deletes is not counted among those a new group grant reaches', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('RO')],
      ownership: { groups: 'referenced' },
      rules: [rule(0, { sets: ['RO'], groups: ['ops'], accounts: ['staging'] })],
    });
    const l = live({ users: [liveUser('ann'), liveUser('bob')], groups: [liveGroup('ops', ['ann', 'bob'])], permissionSets: [ro()] });
    const label = 'assignments[0]: RO → group ops on account staging';
    expect(access(d, l)).toEqual([
      { kind: 'user', effect: 'gain', user: 'ann', permissionSet: 'RO', accountId: STAGING, accountName: 'staging', via: [{ group: 'ops', because: [label] }] },
      groupRow({ effect: 'gain', group: 'ops', memberCount: 1, because: [label], changesAccessOf: ['ann'] }),
    ]);
  });
});
