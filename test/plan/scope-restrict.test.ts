/**
 * A scoped plan is the full plan restricted to its scope: what restrict.ts keeps and drops. A
 * principal whose every assignment was read (in every account) brings its assignment changes and
 * its own access rows everywhere; on pairs not read in full, nobody else's.
 */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { ScopedRead, ScopePair } from '../../src/plan/scope/types.js';
import type { AccessChange, Plan } from '../../src/plan/types.js';
import { scopeWords } from '../../src/render/scope.js';
import {
  desired,
  group,
  live,
  liveAssignment,
  liveGroup,
  livePermissionSet,
  liveUser,
  NOW,
  permissionSet,
  PROD_APP,
  PROD_DATA,
  rule,
  STAGING,
  user,
} from './builders.js';

const lines = (plan: Plan): string[] =>
  plan.changes.map((c) => {
    switch (c.kind) {
      case 'session-revocation':
        return `${c.action} session-revocation ${c.permissionSet} ${c.accountId} ${c.user}`;
      case 'assignment':
        return `${c.action} assignment ${c.assignment.permissionSet} ${c.assignment.principalType} ${c.assignment.principal} ${c.assignment.accountId}`;
      case 'user':
        return `${c.action} user ${c.userName}`;
      case 'group':
        return `${c.action} group ${c.displayName}`;
      case 'membership':
        return `${c.action} membership ${c.group} ${c.user}`;
      case 'permission-set':
        return `${c.action} permission-set ${c.name}`;
      case 'provision':
        return `${c.action} provision ${c.permissionSet} ${c.accountIds.join(',')}`;
    }
  });

const accessLines = (plan: Plan): string[] =>
  plan.accessChanges.map((a) =>
    a.kind === 'user'
      ? `${a.effect} user ${a.user} ${a.permissionSet} ${a.accountId} via ${a.via.map((v) => v.group ?? 'direct').join(',')}`
      : `${a.effect} group ${a.group} ${a.permissionSet} ${a.accountId} members ${a.memberCount} changes ${a.changesAccessOf.join(',')}`,
  );

function scope(over: Partial<Omit<ScopedRead, 'kind' | 'base'>> = {}): ScopedRead {
  return { kind: 'scoped', base: 'main:access.yaml', permissionSets: [], users: [], groups: [], pairs: [], principals: { users: [], groups: [] }, ...over };
}

const pair = (accountId: string, permissionSet: string): ScopePair => ({ accountId, permissionSet });

/**
 * The file: ann direct RO on staging (new); group ops (ann, bob; live ann, dan) Admin on prod-app
 * (new); new user cat in new group devs, RO on staging; Admin's session edited; set New created.
 * Live also has user old (RO on staging) and group legacy (Admin on prod-app), both deleted, and
 * set Gone (deleted).
 */
function world() {
  const d = desired({
    users: [user('ann'), user('bob', { displayName: 'Robert' }), user('cat'), user('dan')],
    groups: [group('ops', ['ann', 'bob']), group('devs', ['cat'])],
    permissionSets: [permissionSet('RO'), permissionSet('Admin', { sessionDuration: 'PT8H' }), permissionSet('New')],
    rules: [
      rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] }),
      rule(1, { sets: ['Admin'], groups: ['ops'], accounts: ['prod-app'] }),
      rule(2, { sets: ['RO'], groups: ['devs'], accounts: ['staging'] }),
    ],
  });
  const l = live({
    users: [liveUser('ann'), liveUser('bob'), liveUser('dan'), liveUser('old')],
    groups: [liveGroup('ops', ['ann', 'dan']), liveGroup('legacy', ['ann'])],
    permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] }), livePermissionSet('Admin', { provisioned: [PROD_APP] }), livePermissionSet('Gone')],
    assignments: [liveAssignment('RO', 'USER', 'old', STAGING), liveAssignment('Admin', 'GROUP', 'legacy', PROD_APP)],
  });
  return { d, l };
}

describe('restrict: a scoped plan changes only what its scope covers', () => {
  it('the full plan of the world (for reference)', () => {
    const { d, l } = world();
    expect(lines(buildPlan(d, l, { now: NOW }).plan)).toMatchInlineSnapshot(`
      [
        "create user cat",
        "update user bob",
        "delete user old",
        "create group devs",
        "delete group legacy",
        "create membership devs cat",
        "create membership ops bob",
        "delete membership ops dan",
        "create permission-set New",
        "update permission-set Admin",
        "delete permission-set Gone",
        "update provision Admin 222222222222",
        "create assignment Admin GROUP ops 222222222222",
        "create assignment RO GROUP devs 444444444444",
        "create assignment RO USER ann 444444444444",
        "delete assignment Admin GROUP legacy 222222222222",
        "delete assignment RO USER old 444444444444",
      ]
    `);
  });

  const plan = (s: ScopedRead) => {
    const { d, l } = world();
    return buildPlan(d, l, { now: NOW, scope: s }).plan;
  };

  it('an empty scope changes nothing and shows no access row, whatever the file and AWS differ in', () => {
    const p = plan(scope());
    expect(lines(p)).toEqual([]);
    expect(p.accessChanges).toEqual([]);
  });

  it('a pair in scope plans its assignments; a grant to a principal whose creation is outside the scope is not planned', () => {
    const p = plan(scope({ pairs: [pair(STAGING, 'RO')] }));
    expect(lines(p)).toEqual(['create assignment RO USER ann 444444444444', 'delete assignment RO USER old 444444444444']);
    expect(accessLines(p)).toEqual(['gain user ann RO 444444444444 via direct', 'lose user old RO 444444444444 via direct']);
  });

  it('with the new user and group in scope too, they are created with their membership and grant', () => {
    const p = plan(scope({ pairs: [pair(STAGING, 'RO')], users: ['cat'], groups: ['devs'] }));
    expect(lines(p)).toEqual([
      'create user cat',
      'create group devs',
      'create membership devs cat',
      'create assignment RO GROUP devs 444444444444',
      'create assignment RO USER ann 444444444444',
      'delete assignment RO USER old 444444444444',
    ]);
    expect(accessLines(p)).toEqual([
      'gain user ann RO 444444444444 via direct',
      'gain user cat RO 444444444444 via devs',
      'lose user old RO 444444444444 via direct',
      'gain group devs RO 444444444444 members 1 changes cat',
    ]);
  });

  it('a user in scope without its new group: the membership in the group that is not created is dropped', () => {
    expect(lines(plan(scope({ users: ['cat'] })))).toEqual(['create user cat']);
  });

  it('a group in scope without its new member: the membership of the user that is not created is dropped', () => {
    expect(lines(plan(scope({ groups: ['devs'] })))).toEqual(['create group devs']);
  });

  it('a user in scope brings their membership changes in groups outside the scope', () => {
    expect(lines(plan(scope({ users: ['dan'] })))).toEqual(['delete membership ops dan']);
    expect(lines(plan(scope({ users: ['bob'] })))).toEqual(['update user bob', 'create membership ops bob']);
  });

  it('a group in scope brings all its membership changes', () => {
    expect(lines(plan(scope({ groups: ['ops'] })))).toEqual(['create membership ops bob', 'delete membership ops dan']);
  });

  it('nothing outside the scope is deleted: a deleted user, group or set is deleted only when in scope', () => {
    expect(lines(plan(scope({ users: ['old'], groups: ['legacy'] })))).toEqual(['delete user old', 'delete group legacy']);
    expect(lines(plan(scope({ permissionSets: ['Gone'] })))).toEqual(['delete permission-set Gone']);
  });

  it('permission sets in scope are created, updated, re-provisioned and deleted; the others are left alone', () => {
    expect(lines(plan(scope({ permissionSets: ['Admin', 'Gone', 'New'] })))).toEqual([
      'create permission-set New',
      'update permission-set Admin',
      'delete permission-set Gone',
      'update provision Admin 222222222222',
    ]);
    expect(lines(plan(scope({ permissionSets: ['New'] })))).toEqual(['create permission-set New']);
  });

  it('a group outside the scope keeps its members, changed only by the memberships of users in scope', () => {
    // The file says ops is ann and bob; AWS has ann and dan. Only dan is in scope: ops is ann after.
    const p = plan(scope({ pairs: [pair(PROD_APP, 'Admin')], users: ['dan'] }));
    expect(lines(p)).toEqual([
      'delete membership ops dan',
      'create assignment Admin GROUP ops 222222222222',
      'delete assignment Admin GROUP legacy 222222222222',
    ]);
    // One member (ann, who had Admin through legacy: her access only moves); the full plan has two.
    expect(accessLines(p)).toEqual(['lose group legacy Admin 222222222222 members 1 changes ', 'gain group ops Admin 222222222222 members 1 changes ']);
  });

  it('a membership added to one group outside the scope does not change the members of another', () => {
    // bob joins ops (live: ann, dan); legacy (ann) is deleted by nobody here and keeps ann alone.
    const p = plan(scope({ pairs: [pair(PROD_APP, 'Admin')], users: ['bob'] }));
    expect(accessLines(p)).toEqual([
      'gain user bob Admin 222222222222 via ops',
      'gain user dan Admin 222222222222 via ops',
      'lose group legacy Admin 222222222222 members 1 changes ',
      'gain group ops Admin 222222222222 members 3 changes bob,dan',
    ]);
  });

  it('a member removed with their user deletion: the membership delete is kept though the user is gone after', () => {
    const { d, l } = world();
    const { dan: _dan, ...users } = d.users;
    const p = buildPlan({ ...d, users }, l, { now: NOW, scope: scope({ users: ['dan'] }) }).plan;
    expect(lines(p)).toEqual(['delete user dan', 'delete membership ops dan']);
  });

  it('access rows are those of pairs in scope only', () => {
    const full = buildPlan(world().d, world().l, { now: NOW }).plan;
    const p = plan(scope({ pairs: [pair(PROD_APP, 'Admin')], groups: ['ops'] }));
    // ops in scope: its members are what the file says, and bob gains Admin through it.
    expect(accessLines(p)).toEqual([
      'gain user bob Admin 222222222222 via ops',
      'lose group legacy Admin 222222222222 members 1 changes ',
      'gain group ops Admin 222222222222 members 2 changes bob',
    ]);
    expect(full.accessChanges.some((a) => a.accountId === STAGING)).toBe(true);
    expect(p.accessChanges.every((a) => a.accountId === PROD_APP && a.permissionSet === 'Admin')).toBe(true);
  });

  it('a deleted user in scope with its pair: the row says the user is deleted', () => {
    const p = plan(scope({ users: ['old'], pairs: [pair(STAGING, 'RO')] }));
    expect(lines(p)).toEqual(['delete user old', 'create assignment RO USER ann 444444444444', 'delete assignment RO USER old 444444444444']);
    const row = p.accessChanges.find((a) => a.kind === 'user' && a.user === 'old');
    expect(row).toMatchObject({ effect: 'lose', via: [{ because: ['user old is deleted'] }] });
  });
});

describe('restrict: what exists after a scoped plan', () => {
  /** ops (live: ann) holds RO on staging; the file adds bob to ops and grants the new set New to ann on staging. */
  function small() {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops', ['ann', 'bob'])],
      permissionSets: [permissionSet('RO'), permissionSet('New')],
      rules: [rule(0, { sets: ['RO'], groups: ['ops'], accounts: ['staging'] }), rule(1, { sets: ['New'], users: ['ann'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [livePermissionSet('RO', { provisioned: [STAGING] })],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING)],
    });
    return (s: ScopedRead) => buildPlan(d, l, { now: NOW, scope: s }).plan;
  }

  it('a grant of a permission set whose creation is outside the scope is not planned, even on a pair in scope', () => {
    expect(lines(small()(scope({ pairs: [pair(STAGING, 'New')] })))).toEqual([]);
    expect(lines(small()(scope({ pairs: [pair(STAGING, 'New')], permissionSets: ['New'] })))).toEqual([
      'create permission-set New',
      'create assignment New USER ann 444444444444',
    ]);
  });

  it('a membership change shows its access rows only on the pairs in scope', () => {
    const outside = small()(scope({ groups: ['ops'] }));
    expect(lines(outside)).toEqual(['create membership ops bob']);
    expect(accessLines(outside)).toEqual([]);
    const inside = small()(scope({ groups: ['ops'], pairs: [pair(STAGING, 'RO')] }));
    expect(accessLines(inside)).toEqual(['gain user bob RO 444444444444 via ops']);
  });

  it('a group outside the scope is not given the members another group gains', () => {
    // qa (ann) gets a new grant; bob joins ops. Only bob and the grant's pair are in scope.
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops', ['bob']), group('qa', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [rule(0, { sets: ['RO'], groups: ['qa'], accounts: ['staging'] })],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops'), liveGroup('qa', ['ann'])],
      permissionSets: [livePermissionSet('RO')],
    });
    const p = buildPlan(d, l, { now: NOW, scope: scope({ users: ['bob'], pairs: [pair(STAGING, 'RO')] }) }).plan;
    expect(lines(p)).toEqual(['create membership ops bob', 'create assignment RO GROUP qa 444444444444']);
    expect(accessLines(p)).toEqual(['gain user ann RO 444444444444 via qa', 'gain group qa RO 444444444444 members 1 changes ann']);
  });
});

/** Access rows with who changes and who does not (group rows). */
const principalRow = (a: AccessChange): string =>
  a.kind === 'user'
    ? `${a.effect} user ${a.user} ${a.permissionSet} ${a.accountId} via ${a.via.map((v) => v.group ?? 'direct').join(',')}`
    : `${a.effect} group ${a.group} ${a.permissionSet} ${a.accountId} changes ${a.changesAccessOf.join(',')} unchanged ${a.unchanged.map((u) => u.user).join(',')}`;

/**
 * The file adds ann to ops (live: bob), which holds Admin on prod-app and RO on staging; ann
 * already has RO on staging directly, and Admin on prod-data through qa. Drift: dan holds RO on
 * prod-data, which no rule grants; ops holds Admin on prod-data, which no rule grants; an
 * assignment of a deleted user (id:u-gone) on staging RO and another on prod-data Admin.
 */
function principalWorld(revokeSessions = false) {
  const d = desired({
    users: [user('ann'), user('bob'), user('dan')],
    groups: [group('ops', ['ann', 'bob']), group('qa', ['ann'])],
    permissionSets: [permissionSet('RO'), permissionSet('Admin')],
    rules: [
      rule(0, { sets: ['Admin'], groups: ['ops'], accounts: ['prod-app'] }),
      rule(1, { sets: ['RO'], groups: ['ops'], users: ['ann'], accounts: ['staging'] }),
      rule(2, { sets: ['Admin'], groups: ['qa'], accounts: ['prod-data'] }),
    ],
  });
  const l = live({
    users: [liveUser('ann'), liveUser('bob'), liveUser('dan')],
    groups: [liveGroup('ops', ['bob']), liveGroup('qa', ['ann'])],
    permissionSets: [livePermissionSet('RO', { provisioned: [STAGING, PROD_DATA] }), livePermissionSet('Admin', { provisioned: [PROD_APP, PROD_DATA] })],
    assignments: [
      liveAssignment('Admin', 'GROUP', 'ops', PROD_APP),
      liveAssignment('RO', 'GROUP', 'ops', STAGING),
      liveAssignment('RO', 'USER', 'ann', STAGING),
      liveAssignment('Admin', 'GROUP', 'qa', PROD_DATA),
      liveAssignment('RO', 'USER', 'dan', PROD_DATA),
      liveAssignment('Admin', 'GROUP', 'ops', PROD_DATA),
      liveAssignment('RO', 'USER', 'id:u-gone', STAGING),
      liveAssignment('Admin', 'USER', 'id:u-gone', PROD_DATA),
    ],
  });
  d.safety.revokeSessions = revokeSessions;
  return (s?: ScopedRead) => buildPlan(d, l, { now: NOW, ...(s ? { scope: s } : {}) }).plan;
}

/** ops changes members only: ann and her groups are principals; no pair is read in full. */
const membersOnly = scope({ groups: ['ops'], principals: { users: ['ann'], groups: ['ops', 'qa'] } });

describe('restrict: principals whose every assignment is in scope', () => {
  it('the full plan of the world (for reference)', () => {
    const full = principalWorld()();
    expect(lines(full)).toEqual(['create membership ops ann', 'delete assignment Admin GROUP ops 333333333333', 'delete assignment RO USER dan 333333333333']);
    expect(full.accessChanges.map(principalRow)).toEqual([
      'gain user ann Admin 222222222222 via ops',
      'lose user bob Admin 333333333333 via ops',
      'lose user dan RO 333333333333 via direct',
      'lose group ops Admin 333333333333 changes bob unchanged ',
    ]);
  });

  it('a membership-only change shows the member gaining access through the group wherever the group holds it, and no one else', () => {
    const p = principalWorld()(membersOnly);
    // ann already holds RO on staging directly: no row there. The assignment of ops on prod-data
    // (drift) is in scope (ops is a principal), so its group row is too; dan's drift is not.
    expect(lines(p)).toEqual(['create membership ops ann', 'delete assignment Admin GROUP ops 333333333333']);
    expect(p.accessChanges.map(principalRow)).toEqual(['gain user ann Admin 222222222222 via ops', 'lose group ops Admin 333333333333 changes bob unchanged ']);
  });

  it('without the principals, the same group changes its members and shows no access row off the pairs', () => {
    const p = principalWorld()(scope({ groups: ['ops'] }));
    expect(lines(p)).toEqual(['create membership ops ann']);
    expect(p.accessChanges).toEqual([]);
  });

  it('a user principal brings its own assignments and rows, not those of the groups it is in or of other users', () => {
    const p = principalWorld()(scope({ principals: { users: ['dan'], groups: [] } }));
    expect(lines(p)).toEqual(['delete assignment RO USER dan 333333333333']);
    expect(p.accessChanges.map(principalRow)).toEqual(['lose user dan RO 333333333333 via direct']);
    // By type: a group principal named like the user brings nothing of the user.
    expect(lines(principalWorld()(scope({ principals: { users: [], groups: ['dan'] } })))).toEqual([]);
  });

  it('a session revocation follows its user: kept for a user principal, left out for a user who is neither a principal nor on a pair read in full', () => {
    const revocations = (p: Plan): string[] => lines(p).filter((l) => l.includes('session-revocation'));
    const withRevoke = principalWorld(true);
    expect(revocations(withRevoke())).toEqual(['create session-revocation Admin 333333333333 bob', 'create session-revocation RO 333333333333 dan']);
    expect(revocations(withRevoke(scope({ principals: { users: ['dan'], groups: [] } })))).toEqual(['create session-revocation RO 333333333333 dan']);
    // bob loses Admin on prod-data through ops, a principal; bob is not one, and the pair is not read in full.
    expect(revocations(withRevoke(scope({ principals: { users: [], groups: ['ops'] } })))).toEqual([]);
    expect(revocations(withRevoke(scope({ principals: { users: [], groups: ['ops'] }, pairs: [{ accountId: PROD_DATA, permissionSet: 'Admin' }] })))).toEqual([
      'create session-revocation Admin 333333333333 bob',
    ]);
  });

  it('a row of a user who is not a principal is left out off the pairs, kept on a pair read in full', () => {
    // bob loses Admin on prod-data through ops: ops is a principal, bob is not.
    const off = principalWorld()(scope({ principals: { users: [], groups: ['ops'] } }));
    expect(off.accessChanges.map(principalRow)).toEqual(['lose group ops Admin 333333333333 changes bob unchanged ']);
    const on = principalWorld()(scope({ principals: { users: [], groups: ['ops'] }, pairs: [{ accountId: PROD_DATA, permissionSet: 'Admin' }] }));
    expect(on.accessChanges.map(principalRow)).toEqual([
      'lose user bob Admin 333333333333 via ops',
      'lose group ops Admin 333333333333 changes bob unchanged ',
    ]);
  });

  it('warns about an unresolved principal only where the scope read its assignments (as the full plan restricted to it)', () => {
    const unresolved = (p: Plan): string[] => p.warnings.filter((w) => w.code === 'unresolved-principal').map((w) => w.message);
    expect(unresolved(principalWorld()())).toEqual([
      '2 assignments of a user that could not be found (id:u-gone): probably deleted outside idc; left unchanged (remove them in the AWS console)',
    ]);
    expect(unresolved(principalWorld()(membersOnly))).toEqual([]);
    expect(unresolved(principalWorld()(scope({ pairs: [{ accountId: STAGING, permissionSet: 'RO' }] })))).toEqual([
      '1 assignment of a user that could not be found (id:u-gone): probably deleted outside idc; left unchanged (remove them in the AWS console)',
    ]);
  });

  it('says whose assignments were read in every account', () => {
    expect(scopeWords({ scope: membersOnly })?.covers).toContain('the assignments of 1 user (ann) and 2 groups (ops, qa) in every account');
    expect(scopeWords({ scope: scope({ principals: { users: [], groups: ['ops'] } }) })?.covers).toContain('the assignments of 1 group (ops) in every account');
    expect(scopeWords({ scope: scope({ principals: { users: ['ann', 'bob'], groups: [] } }) })?.covers).toContain(
      'the assignments of 2 users (ann, bob) in every account',
    );
    expect(scopeWords({ scope: scope() })?.covers.some((c) => c.includes('every account'))).toBe(false);
  });
});
