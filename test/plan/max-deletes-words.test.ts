/** The refusal a reviewer reads when a percentage safety.max_deletes is exceeded: one line per kind,
 * counted against the live objects of that kind, in the singular for one object. */
import { describe, expect, it } from 'vitest';
import { checkMaxDeletes } from '../../src/plan/safety/max-deletes.js';
import type { Change } from '../../src/plan/types.js';
import { live, liveAssignment, liveGroup, livePermissionSet, liveUser, MGMT } from './builders.js';

const HOW = 'check that every deletion is intended, then raise safety.max_deletes or apply with force';
const messages = (changes: Change[], l = live(), value = 50): string[] => checkMaxDeletes(changes, { kind: 'percent', value }, l).map((r) => r.message);

const delUser = (userName: string): Change => ({ kind: 'user', action: 'delete', userName, fields: [] });
const delGroup = (displayName: string): Change => ({ kind: 'group', action: 'delete', displayName, fields: [] });
const delMember = (group: string, user: string): Change => ({ kind: 'membership', action: 'delete', group, user });
const delSet = (name: string): Change => ({ kind: 'permission-set', action: 'delete', name, fields: [] });
const delAssignment = (principal: string): Change => ({
  kind: 'assignment',
  action: 'delete',
  assignment: { accountId: MGMT, permissionSet: 'RO', principalType: 'USER', principal },
  rules: [],
});

describe('percentage max_deletes refusals name the kind', () => {
  it('in the singular when one object of that kind exists', () => {
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [livePermissionSet('RO')],
      assignments: [liveAssignment('RO', 'USER', 'ann', MGMT)],
    });
    expect(messages([delUser('ann'), delGroup('ops'), delMember('ops', 'ann'), delSet('RO'), delAssignment('ann')], l)).toEqual([
      `plan deletes 1 of 1 user (100%); safety.max_deletes is 50%: ${HOW}`,
      `plan deletes 1 of 1 group (100%); safety.max_deletes is 50%: ${HOW}`,
      `plan deletes 1 of 1 group membership (100%); safety.max_deletes is 50%: ${HOW}`,
      `plan deletes 1 of 1 permission set (100%); safety.max_deletes is 50%: ${HOW}`,
      `plan deletes 1 of 1 assignment (100%); safety.max_deletes is 50%: ${HOW}`,
    ]);
  });

  it('in the plural, memberships counted over every live group', () => {
    const l = live({
      users: [liveUser('ann'), liveUser('bob'), liveUser('cid')],
      groups: [liveGroup('ops', ['ann', 'bob']), liveGroup('dev', ['cid']), liveGroup('qa')],
      permissionSets: [livePermissionSet('A'), livePermissionSet('B'), livePermissionSet('C')],
      assignments: [liveAssignment('RO', 'USER', 'ann', MGMT), liveAssignment('RO', 'USER', 'bob', MGMT)],
    });
    const changes = [
      delUser('ann'),
      delUser('bob'),
      delGroup('ops'),
      delGroup('dev'),
      delMember('ops', 'ann'),
      delMember('ops', 'bob'),
      delSet('A'),
      delSet('B'),
      delAssignment('ann'),
      delAssignment('bob'),
    ];
    expect(messages(changes, l)).toEqual([
      `plan deletes 2 of 3 users (67%); safety.max_deletes is 50%: ${HOW}`,
      `plan deletes 2 of 3 groups (67%); safety.max_deletes is 50%: ${HOW}`,
      `plan deletes 2 of 3 group memberships (67%); safety.max_deletes is 50%: ${HOW}`,
      `plan deletes 2 of 3 permission sets (67%); safety.max_deletes is 50%: ${HOW}`,
      `plan deletes 2 of 2 assignments (100%); safety.max_deletes is 50%: ${HOW}`,
    ]);
  });
});
