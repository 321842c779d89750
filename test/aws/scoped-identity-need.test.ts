import { describe, expect, it } from 'vitest';
import { identityStoreNeeded } from '../../src/aws/scoped-identity-need.js';
import type { Desired } from '../../src/model/desired.js';
import type { ScopeRequest } from '../../src/plan/scope/compute-scope.js';
import { desired, rule, targets } from './fixtures.js';

const user = { userName: 'ana', displayName: 'Ana', givenName: 'Ana', familyName: 'A', email: 'ana@example.com' };
/** Every name the file uses is defined under users: and groups:. */
const selfContained = (overrides: Partial<Desired> = {}): Desired =>
  desired({
    users: { ana: user },
    groups: { admins: { displayName: 'admins', members: ['ana'] } },
    rules: [rule(0, { permissionSets: ['Admin'], users: ['ana'], groups: ['admins'], targets: targets({ accounts: ['prod'] }) })],
    ...overrides,
  });
const setOnly: ScopeRequest = { base: 'base.yaml', permissionSets: ['Admin'], users: [], groups: [], pairs: [], principals: [] };

describe('identityStoreNeeded (may a scoped read skip listing users and groups?)', () => {
  it('skips them for a set edit in a file that defines every name it uses', () => {
    expect(identityStoreNeeded(selfContained(), setOnly, false)).toBe(false);
  });

  it('needs them when anything of the identity store or an assignment is in scope, or a set is deleted', () => {
    const d = selfContained();
    expect(identityStoreNeeded(d, { ...setOnly, users: ['ana'] }, false)).toBe(true);
    expect(identityStoreNeeded(d, { ...setOnly, groups: ['admins'] }, false)).toBe(true);
    expect(identityStoreNeeded(d, { ...setOnly, principals: [{ principalType: 'GROUP', name: 'admins' }] }, false)).toBe(true);
    expect(identityStoreNeeded(d, { ...setOnly, pairs: [{ accountId: '222222222222', permissionSet: 'Admin' }] }, false)).toBe(true);
    expect(identityStoreNeeded(d, setOnly, true)).toBe(true);
  });

  it('needs them when a name resolves only against the live store', () => {
    const base = selfContained();
    const undefinedRuleUser = selfContained({
      rules: [rule(0, { permissionSets: ['Admin'], users: ['bo'], targets: targets({ accounts: ['prod'] }) })],
    });
    expect(identityStoreNeeded(undefinedRuleUser, setOnly, false)).toBe(true);
    expect(identityStoreNeeded(selfContained({ groups: {} }), setOnly, false)).toBe(true);
    expect(identityStoreNeeded(desired({ ...base, ownership: { ...base.ownership, users: 'referenced' } }), setOnly, false)).toBe(true);
    expect(
      identityStoreNeeded(desired({ ...base, ownership: { ...base.ownership, ignore: { ...base.ownership.ignore, users: ['a*'] } } }), setOnly, false),
    ).toBe(true);
  });
});
