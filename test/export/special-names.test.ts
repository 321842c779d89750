/** Export writes users, groups and permission sets named `__proto__`, `constructor`, … like any other, and the result loads back with them. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { buildExport } from '../../src/export/index.js';
import { nameRecord } from '../../src/model/name-record.js';
import { liveGroup, livePermissionSet, liveUser } from '../plan/builders.js';
import { emptyLive } from './live-fixture.js';

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('export of names that JavaScript objects already have', () => {
  it('writes every user, group and permission set, and the file loads back with all of them', () => {
    const live = {
      ...emptyLive(),
      users: nameRecord(NAMES.map((n) => [n, liveUser(n, { email: `${n.replace(/_/g, 'u')}@example.com` })])),
      groups: nameRecord(NAMES.map((n) => [n, liveGroup(n, [...NAMES])])),
      permissionSets: nameRecord(NAMES.map((n) => [n, livePermissionSet(n, { tags: nameRecord([[n, 'v']]) })])),
    };
    const result = buildExport(live);
    expect(result.counts).toMatchObject({ users: 4, groups: 4, permissionSets: 4 });
    const loaded = loadConfigText(result.yaml, 'access.yaml', '/nowhere');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const d = loaded.desired;
    expect(Object.keys(d?.users ?? {}).sort()).toEqual([...NAMES].sort());
    expect(Object.keys(d?.groups ?? {}).sort()).toEqual([...NAMES].sort());
    expect(Object.keys(d?.permissionSets ?? {}).sort()).toEqual([...NAMES].sort());
    const proto = Object.values(d?.permissionSets ?? {}).find((s) => s.name === '__proto__');
    expect(Object.entries(proto?.tags ?? {})).toEqual([['__proto__', 'v']]);
    expect(d?.groups['constructor']?.members).toEqual([...NAMES].sort());
  });
});
