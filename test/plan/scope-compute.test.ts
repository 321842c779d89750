/** What a pull request's change puts in scope (computeScope), and when it falls back to a full plan. */
import { describe, expect, it } from 'vitest';
import type { Desired } from '../../src/model/desired.js';
import { computeScope, type ScopeRequest } from '../../src/plan/scope/compute-scope.js';
import { desired, group, LEGACY, MGMT, NOW, organization, permissionSet, pos, PROD_APP, PROD_DATA, rule, STAGING, user, type DesiredSpec } from './builders.js';

const BASE = 'abc1234:access.yaml';

function scoped(base: Desired, head: Desired): ScopeRequest {
  const d = computeScope(base, head, organization(), NOW, BASE);
  if (d.kind !== 'scoped') throw new Error(`expected a scoped plan, got full: ${d.reason}`);
  return d.request;
}

function fullReason(base: Desired, head: Desired): string {
  const d = computeScope(base, head, organization(), NOW, BASE);
  if (d.kind !== 'full') throw new Error('expected a full plan');
  return d.reason;
}

/** `account/set` of every pair, in the request's order. */
const pairs = (r: ScopeRequest): string[] => r.pairs.map((p) => `${p.accountId}/${p.permissionSet}`);

const common = (): DesiredSpec => ({
  users: [user('ann'), user('bob')],
  groups: [group('ops', ['bob'])],
  permissionSets: [permissionSet('RO'), permissionSet('Admin')],
  aliases: { prod: PROD_APP },
});

describe('computeScope: the rules a change adds, removes or edits', () => {
  it('an unchanged configuration has an empty scope, labelled with its base', () => {
    const spec = { ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })] };
    expect(scoped(desired(spec), desired(spec))).toEqual({ base: BASE, permissionSets: [], users: [], groups: [], pairs: [], principals: [] });
  });

  it('an added rule puts the pairs it expands to in scope, and nothing of the unchanged rules', () => {
    const kept = rule(0, { sets: ['RO'], users: ['ann'], accounts: ['management'] });
    const base = desired({ ...common(), rules: [kept] });
    const head = desired({ ...common(), rules: [kept, rule(1, { sets: ['Admin', 'RO'], groups: ['ops'], accounts: ['staging', 'prod'] })] });
    const r = scoped(base, head);
    expect(pairs(r)).toEqual([`${PROD_APP}/Admin`, `${PROD_APP}/RO`, `${STAGING}/Admin`, `${STAGING}/RO`]);
    expect(r).toMatchObject({ permissionSets: [], users: [], groups: [], principals: [] });
  });

  it('a removed rule puts the pairs it expanded to (in the base version) in scope', () => {
    const base = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })] });
    const head = desired({ ...common(), rules: [] });
    expect(pairs(scoped(base, head))).toEqual([`${STAGING}/RO`]);
  });

  it('an edited rule puts the pairs of both its versions in scope', () => {
    const base = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })] });
    const head = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['management'] })] });
    expect(pairs(scoped(base, head))).toEqual([`${MGMT}/RO`, `${STAGING}/RO`]);
  });

  it.each([
    ['a principal', { sets: ['RO'], users: ['ann', 'bob'], accounts: ['staging'] }],
    ['a group', { sets: ['RO'], users: ['ann'], groups: ['ops'], accounts: ['staging'] }],
    ['an expiry', { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2027-01-01' }],
  ])('adding %s to a rule puts its pairs in scope', (_what, spec) => {
    const base = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })] });
    const head = desired({ ...common(), rules: [rule(0, spec)] });
    expect(pairs(scoped(base, head))).toEqual([`${STAGING}/RO`]);
  });

  it("moving a rule's end date puts its pairs in scope", () => {
    const base = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2026-06-01' })] });
    const head = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2027-01-01' })] });
    expect(pairs(scoped(base, head))).toEqual([`${STAGING}/RO`]);
  });

  it('an OU target is expanded against the organization read now, nested OUs included', () => {
    const base = desired({ ...common(), rules: [] });
    const head = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], ous: ['/Workloads/Prod'] })] });
    expect(pairs(scoped(base, head))).toEqual([`${PROD_APP}/RO`, `${PROD_DATA}/RO`, `${LEGACY}/RO`]);
  });

  it('a tag target and all_accounts are expanded to active accounts; an exclusion takes accounts out of scope', () => {
    const base = desired({ ...common(), rules: [] });
    const tagged = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], tags: { team: 'app' } })] });
    expect(pairs(scoped(base, tagged))).toEqual([`${PROD_APP}/RO`, `${STAGING}/RO`]);
    const all = desired({ ...common(), rules: [rule(0, { sets: ['Admin'], users: ['ann'], all: true, exclude: ['management', 'prod-data'] })] });
    expect(pairs(scoped(base, all))).toEqual([`${PROD_APP}/Admin`, `${STAGING}/Admin`, `${LEGACY}/Admin`]);
  });

  it('moving rules around (same grants at other indexes and lines) changes nothing in scope', () => {
    const a = { sets: ['RO'], users: ['ann'], accounts: ['staging'] };
    const b = { sets: ['Admin'], groups: ['ops'], accounts: ['prod-app'] };
    const base = desired({ ...common(), rules: [rule(0, a), rule(1, b)] });
    const head = desired({ ...common(), rules: [rule(0, b), rule(1, a)] });
    expect(pairs(scoped(base, head))).toEqual([]);
  });

  it('removing one of two identical rules is a change: the pairs they grant are in scope', () => {
    const a = { sets: ['RO'], users: ['ann'], accounts: ['staging'] };
    const base = desired({ ...common(), rules: [rule(0, a), rule(1, a)] });
    const head = desired({ ...common(), rules: [rule(0, a)] });
    expect(pairs(scoped(base, head))).toEqual([`${STAGING}/RO`]);
    // …and the other way round.
    expect(pairs(scoped(head, base))).toEqual([`${STAGING}/RO`]);
  });

  it('a pair two changed rules share is in scope once', () => {
    const base = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })] });
    const head = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['bob'], accounts: ['staging'] })] });
    expect(pairs(scoped(base, head))).toEqual([`${STAGING}/RO`]);
  });
});

describe('computeScope: principals, permission sets and protected pairs', () => {
  it('users added, edited and deleted are in scope, sorted; only the deleted ones are located by a read', () => {
    const base = desired({ users: [user('zed'), user('ann'), user('bob'), user('cat')] });
    const head = desired({ users: [user('zed'), user('dan'), user('bob', { displayName: 'Robert' }), user('ann')] });
    const r = scoped(base, head);
    expect(r.users).toEqual(['bob', 'cat', 'dan']);
    expect(r.principals).toEqual([{ principalType: 'USER', name: 'cat' }]);
  });

  it('a renamed user is the old name deleted and the new one created: both in scope, the old one located', () => {
    const base = desired({ users: [user('ann')] });
    const head = desired({ users: [user('anne', { displayName: 'Ann Example' })] });
    const r = scoped(base, head);
    expect(r.users).toEqual(['ann', 'anne']);
    expect(r.principals).toEqual([{ principalType: 'USER', name: 'ann' }]);
  });

  it('groups whose members or description change, or that are created or deleted, are in scope and all located', () => {
    const base = desired({ groups: [group('zz', ['a']), group('ops', ['a']), group('dev', ['a']), group('old', [])] });
    const head = desired({ groups: [group('zz', ['a']), group('ops', ['a', 'b']), group('dev', ['a'], 'Developers'), group('new', [])] });
    const r = scoped(base, head);
    expect(r.groups).toEqual(['dev', 'new', 'old', 'ops']);
    expect(r.users).toEqual([]);
    expect(r.principals).toEqual([
      { principalType: 'GROUP', name: 'dev' },
      { principalType: 'GROUP', name: 'new' },
      { principalType: 'GROUP', name: 'old' },
      { principalType: 'GROUP', name: 'ops' },
    ]);
  });

  it('a deleted user is located before the groups', () => {
    const base = desired({ users: [user('ann')], groups: [group('ops', ['ann'])] });
    const head = desired({ groups: [group('ops', [])] });
    expect(scoped(base, head).principals).toEqual([
      { principalType: 'USER', name: 'ann' },
      { principalType: 'GROUP', name: 'ops' },
    ]);
  });

  it('permission sets edited, added and deleted are in scope, sorted', () => {
    const base = desired({ permissionSets: [permissionSet('ZZ'), permissionSet('RO'), permissionSet('Old')] });
    const head = desired({ permissionSets: [permissionSet('ZZ'), permissionSet('RO', { sessionDuration: 'PT8H' }), permissionSet('Admin')] });
    const r = scoped(base, head);
    expect(r.permissionSets).toEqual(['Admin', 'Old', 'RO']);
    expect(r.pairs).toEqual([]);
  });

  it('the pairs of safety.protected are always in scope, by account name, alias or ID; an unknown account is skipped', () => {
    const spec = { ...common(), rules: [] };
    const base = desired(spec);
    const head = desired(spec);
    const entry = { pos: pos(50), permissionSet: 'Admin', users: ['ann'], groups: [], accounts: ['staging', 'prod', MGMT, 'no-such-account'] };
    base.safety = { ...base.safety, protected: [entry] };
    head.safety = { ...head.safety, protected: [{ ...entry, pos: pos(51) }] };
    expect(pairs(scoped(base, head))).toEqual([`${MGMT}/Admin`, `${PROD_APP}/Admin`, `${STAGING}/Admin`]);
  });
});

describe('computeScope: every reason for a full plan', () => {
  const both = (edit: (d: Desired) => void, editBase?: (d: Desired) => void): [Desired, Desired] => {
    const base = desired(common());
    const head = desired(common());
    editBase?.(base);
    edit(head);
    return [base, head];
  };

  it('an external identity source, even when nothing changed', () => {
    const [base, head] = both(
      (d) => (d.identityCenter = { identitySource: 'external' }),
      (d) => (d.identityCenter = { identitySource: 'external' }),
    );
    expect(fullReason(base, head)).toBe('identity_source is external (scoped plans read the identity store by listing it)');
  });

  it('identity_center changed (from external to internal)', () => {
    const [base, head] = both(
      () => {},
      (d) => (d.identityCenter = { identitySource: 'external' }),
    );
    expect(fullReason(base, head)).toBe('identity_center changed');
  });

  it('ownership kinds or ignore globs changed', () => {
    const [b1, h1] = both((d) => (d.ownership = { ...d.ownership, users: 'referenced' }));
    expect(fullReason(b1, h1)).toBe('ownership changed (kinds or ignore globs)');
    const [b2, h2] = both((d) => (d.ownership = { ...d.ownership, ignore: { ...d.ownership.ignore, users: ['break-glass*'] } }));
    expect(fullReason(b2, h2)).toBe('ownership changed (kinds or ignore globs)');
  });

  it('safety changed: max_deletes, or a protected entry (but not its line)', () => {
    const [b1, h1] = both((d) => (d.safety = { ...d.safety, maxDeletes: { kind: 'count', value: 3 } }));
    expect(fullReason(b1, h1)).toBe('safety changed');
    const entry = { pos: pos(50), permissionSet: 'Admin', users: ['ann'], groups: [], accounts: ['staging'] };
    const [b2, h2] = both((d) => (d.safety = { ...d.safety, protected: [entry] }));
    expect(fullReason(b2, h2)).toBe('safety changed');
    const [b4, h4] = both(
      (d) => (d.safety = { ...d.safety, protected: [{ ...entry, accounts: ['management'] }] }),
      (d) => (d.safety = { ...d.safety, protected: [entry] }),
    );
    expect(fullReason(b4, h4)).toBe('safety changed');
    const [b3, h3] = both(
      (d) => (d.safety = { ...d.safety, protected: [{ ...entry, pos: pos(70) }] }),
      (d) => (d.safety = { ...d.safety, protected: [entry] }),
    );
    expect(computeScope(b3, h3, organization(), NOW, BASE).kind).toBe('scoped');
  });

  it('accounts (aliases) changed', () => {
    const [base, head] = both((d) => (d.accountAliases = { prod: PROD_DATA }));
    expect(fullReason(base, head)).toBe('accounts (aliases) changed');
  });

  it('a changed rule that does not resolve against the organization now, naming the version', () => {
    const bad = rule(0, { sets: ['RO'], users: ['ann'], accounts: ['gone-account'] });
    const good = rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] });
    expect(fullReason(desired({ ...common(), rules: [bad] }), desired({ ...common(), rules: [good] }))).toBe(
      'a changed rule of the base version does not resolve against the organization now',
    );
    expect(fullReason(desired({ ...common(), rules: [good] }), desired({ ...common(), rules: [bad] }))).toBe(
      'a changed rule of the head version does not resolve against the organization now',
    );
  });

  it('a changed rule naming a suspended account only warns: the plan stays scoped, without that account', () => {
    const base = desired({ ...common(), rules: [] });
    const head = desired({ ...common(), rules: [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['old-sandbox', 'staging'] })] });
    expect(pairs(scoped(base, head))).toEqual([`${STAGING}/RO`]);
  });

  it('an unchanged rule that does not resolve does not force a full plan', () => {
    const bad = rule(0, { sets: ['RO'], users: ['ann'], accounts: ['gone-account'] });
    const added = rule(1, { sets: ['RO'], users: ['bob'], accounts: ['staging'] });
    const r = scoped(desired({ ...common(), rules: [bad] }), desired({ ...common(), rules: [bad, added] }));
    expect(pairs(r)).toEqual([`${STAGING}/RO`]);
  });
});
