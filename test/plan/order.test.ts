/** The order of a plan's changes, whatever order the planner found them in: by kind in apply order,
 * then create/update/delete, then by name. */
import { describe, expect, it } from 'vitest';
import { sortChanges } from '../../src/plan/order.js';
import type { Change } from '../../src/plan/types.js';

const label = (c: Change): string => {
  switch (c.kind) {
    case 'user':
      return `${c.action} user ${c.userName}`;
    case 'group':
      return `${c.action} group ${c.displayName}`;
    case 'membership':
      return `${c.action} membership ${c.group}/${c.user}`;
    case 'permission-set':
      return `${c.action} permission-set ${c.name}`;
    case 'provision':
      return `${c.action} provision ${c.permissionSet}`;
    case 'session-revocation':
      return `${c.action} session-revocation ${c.permissionSet} ${c.accountId} ${c.user}`;
    case 'assignment':
      return `${c.action} assignment ${c.assignment.accountId} ${c.assignment.permissionSet} ${c.assignment.principalType} ${c.assignment.principal}`;
  }
};

const u = (action: 'create' | 'update' | 'delete', userName: string): Change => ({ kind: 'user', action, userName, fields: [] });
const g = (action: 'create' | 'delete', displayName: string): Change => ({ kind: 'group', action, displayName, fields: [] });
const m = (action: 'create' | 'delete', group: string, user: string): Change => ({ kind: 'membership', action, group, user });
const ps = (action: 'create' | 'delete', name: string): Change => ({ kind: 'permission-set', action, name, fields: [] });
const pv = (permissionSet: string): Change => ({ kind: 'provision', action: 'update', permissionSet, accountIds: ['111111111111'], reason: 'edited' });
const a = (action: 'create' | 'delete', accountId: string, permissionSet: string, principalType: 'USER' | 'GROUP', principal: string): Change => ({
  kind: 'assignment',
  action,
  assignment: { accountId, permissionSet, principalType, principal },
  rules: [],
});

describe('sortChanges', () => {
  it('orders by kind, then action, then name, whatever the input order', () => {
    const sorted = [
      u('create', 'ann'),
      u('create', 'bob'),
      u('update', 'ann'),
      u('delete', 'carl'),
      g('create', 'Admins'),
      g('create', 'Devs'),
      g('delete', 'Old'),
      m('create', 'Admins', 'bob'),
      m('create', 'Devs', 'ann'),
      m('create', 'Devs', 'bob'),
      m('delete', 'Admins', 'ann'),
      ps('create', 'Alpha'),
      ps('create', 'Beta'),
      ps('delete', 'Gamma'),
      pv('Alpha'),
      pv('Beta'),
      a('create', '111111111111', 'RO', 'USER', 'ann'),
      a('create', '222222222222', 'Admin', 'GROUP', 'Devs'),
      a('create', '222222222222', 'RO', 'GROUP', 'Devs'),
      a('create', '222222222222', 'RO', 'USER', 'ann'),
      a('create', '222222222222', 'RO', 'USER', 'bob'),
      a('delete', '111111111111', 'RO', 'USER', 'carl'),
    ];
    const shuffled = [...sorted].reverse();
    expect(sortChanges(shuffled).map(label)).toEqual(sorted.map(label));
    const interleaved = sorted.filter((_, i) => i % 2 === 1).concat(sorted.filter((_, i) => i % 2 === 0));
    expect(sortChanges(interleaved).map(label)).toEqual(sorted.map(label));
  });
});
