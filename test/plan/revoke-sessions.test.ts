/**
 * revoke_sessions in the plan: who loses a set on an account gets a deny statement for that account
 * (only when no other path remains), idc's statements in the live policy are not drift, and they
 * go once the session duration has passed or the person holds the set there again.
 */
import { describe, expect, it } from 'vitest';
import type { AssignmentRule, Desired } from '../../src/model/desired.js';
import type { LivePermissionSet } from '../../src/model/permission-set.js';
import { revocationSid, splitRevocations } from '../../src/model/session-revocation.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { ScopedRead } from '../../src/plan/scope/types.js';
import type { Change, Plan } from '../../src/plan/types.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { desired, group, live, liveAssignment, liveGroup, livePermissionSet, liveUser, NOW, PROD_APP, permissionSet, rule, STAGING, user } from './builders.js';

const revoking = (r: AssignmentRule, on = true): AssignmentRule => ({ ...r, revokeSessions: on });

const lines = (plan: Plan): string[] =>
  plan.changes.flatMap((c: Change) => {
    if (c.kind === 'session-revocation') return [`${c.action} revocation ${c.permissionSet} ${c.accountId} ${c.user}${c.reason ? ` ${c.reason}` : ''}`];
    if (c.kind === 'provision')
      return [`provision ${c.permissionSet} ${c.reason} ${c.accountIds.join(',')}${c.revokesSessionsOf ? ` carries ${c.revokesSessionsOf.join(',')}` : ''}`];
    if (c.kind === 'assignment') return [`${c.action} assignment ${c.assignment.permissionSet} ${c.assignment.principal} ${c.assignment.accountId}`];
    return [`${c.action} ${c.kind}`];
  });

const ro = (over: Partial<LivePermissionSet> = {}): LivePermissionSet => ({ ...livePermissionSet('RO', { provisioned: [PROD_APP, STAGING] }), ...over });

/** Ann holds RO on staging through a rule expiring an hour before NOW. */
function expiredWorld(ruleOn: boolean, globalOn?: boolean): { d: Desired; l: ReturnType<typeof live> } {
  const d = desired({
    users: [user('ann')],
    permissionSets: [permissionSet('RO')],
    rules: [revoking(rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2026-03-15T11:00:00Z' }), ruleOn)],
  });
  if (globalOn !== undefined) d.safety.revokeSessions = globalOn;
  const l = live({ users: [liveUser('ann')], permissionSets: [ro()], assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)] });
  return { d, l };
}

describe('revocations planned', () => {
  it('revokes the sessions of a person whose rule expired, provisions the set, and keeps the expiry-only plan to that', () => {
    const { d, l } = expiredWorld(true);
    for (const expiryOnly of [false, true]) {
      const { plan, diagnostics } = buildPlan(d, l, { now: NOW, expiryOnly });
      expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      expect(lines(plan)).toEqual([
        `create revocation RO ${STAGING} ann`,
        `provision RO edited ${PROD_APP},${STAGING} carries ann`,
        `delete assignment RO ann ${STAGING}`,
      ]);
      const revocation = plan.changes.find((c) => c.kind === 'session-revocation');
      // One hour of session duration and the 15-minute margin after the plan's time.
      expect(revocation).toMatchObject({ userId: 'u-ann', sessionDuration: 'PT1H', until: '2026-03-15T13:15:00.000Z' });
    }
    const markdown = renderMarkdown(buildPlan(d, l, { now: NOW }).plan);
    expect(markdown).toContain('### Session revocations');
    expect(markdown).toContain(`- ⛔ revoke sessions of ann on RO in staging (${STAGING}) (until 2026-03-15 13:15 UTC: the session duration PT1H after apply)`);
    const text = renderText(buildPlan(d, l, { now: NOW }).plan);
    expect(text).toContain(`revoke sessions of ann on RO in staging (${STAGING}) (until 2026-03-15 13:15 UTC: the session duration PT1H after apply)`);
    expect(text).toContain('re-provision RO to 2 accounts (after the session revocations)');
    expect(markdown).toContain('re-provision **RO** to 2 accounts after the session revocations above');
  });

  it('does nothing without revoke_sessions, and follows safety.revoke_sessions when the rule says nothing', () => {
    expect(lines(buildPlan(expiredWorld(false).d, expiredWorld(false).l, { now: NOW }).plan)).toEqual([`delete assignment RO ann ${STAGING}`]);
    const { d, l } = expiredWorld(true, true);
    delete d.rules[0]?.revokeSessions;
    expect(lines(buildPlan(d, l, { now: NOW }).plan)).toContain(`create revocation RO ${STAGING} ann`);
    const off = expiredWorld(false, true);
    expect(lines(buildPlan(off.d, off.l, { now: NOW }).plan)).not.toContain(`create revocation RO ${STAGING} ann`);
  });

  it('revokes when a rule is removed from the file, by the global default', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')] });
    d.safety.revokeSessions = true;
    const l = live({ users: [liveUser('ann')], permissionSets: [ro()], assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)] });
    expect(lines(buildPlan(d, l, { now: NOW }).plan)).toEqual([
      `create revocation RO ${STAGING} ann`,
      `provision RO edited ${PROD_APP},${STAGING} carries ann`,
      `delete assignment RO ann ${STAGING}`,
    ]);
  });

  it('revokes each member who leaves a group that grants the set, by the group rule', () => {
    const d = desired({
      users: [user('ann'), user('bob')],
      groups: [group('ops', ['bob'])],
      permissionSets: [permissionSet('RO')],
      rules: [revoking(rule(0, { sets: ['RO'], groups: ['ops'], accounts: ['staging'] }))],
    });
    const l = live({
      users: [liveUser('ann'), liveUser('bob')],
      groups: [liveGroup('ops', ['ann', 'bob'])],
      permissionSets: [ro()],
      assignments: [liveAssignment('RO', 'GROUP', 'ops', STAGING)],
    });
    expect(lines(buildPlan(d, l, { now: NOW }).plan)).toEqual([
      `delete membership`,
      `create revocation RO ${STAGING} ann`,
      `provision RO edited ${PROD_APP},${STAGING} carries ann`,
    ]);
  });

  it('revokes nobody who keeps the set on the account through another path', () => {
    const d = desired({
      users: [user('ann')],
      groups: [group('ops', ['ann'])],
      permissionSets: [permissionSet('RO')],
      rules: [
        revoking(rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2026-03-15T11:00:00Z' })),
        rule(1, { sets: ['RO'], groups: ['ops'], accounts: ['staging'] }),
      ],
    });
    const l = live({
      users: [liveUser('ann')],
      groups: [liveGroup('ops', ['ann'])],
      permissionSets: [ro()],
      assignments: [liveAssignment('RO', 'USER', 'ann', STAGING), liveAssignment('RO', 'GROUP', 'ops', STAGING)],
    });
    expect(lines(buildPlan(d, l, { now: NOW }).plan)).toEqual([`delete assignment RO ann ${STAGING}`]);
  });

  it('scopes the statement to the account: access through the same set elsewhere is untouched', () => {
    const d = desired({
      users: [user('ann')],
      permissionSets: [permissionSet('RO')],
      rules: [
        revoking(rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'], expires: '2026-03-15T11:00:00Z' })),
        rule(1, { sets: ['RO'], users: ['ann'], accounts: ['prod-app'] }),
      ],
    });
    const l = live({
      users: [liveUser('ann')],
      permissionSets: [ro()],
      assignments: [liveAssignment('RO', 'USER', 'ann', STAGING), liveAssignment('RO', 'USER', 'ann', PROD_APP)],
    });
    const plan = buildPlan(d, l, { now: NOW }).plan;
    expect(lines(plan).filter((x) => x.includes('revocation'))).toEqual([`create revocation RO ${STAGING} ann`]);
  });

  it('revokes a user the plan deletes, and never on a set the plan deletes', () => {
    const d = desired({ permissionSets: [permissionSet('RO')] });
    d.safety.revokeSessions = true;
    const l = live({
      users: [liveUser('ann')],
      permissionSets: [ro(), livePermissionSet('Old', { provisioned: [STAGING] })],
      assignments: [liveAssignment('RO', 'USER', 'ann', STAGING), liveAssignment('Old', 'USER', 'ann', STAGING)],
    });
    expect(lines(buildPlan(d, l, { now: NOW }).plan).filter((x) => x.includes('revocation'))).toEqual([`create revocation RO ${STAGING} ann`]);
  });
});

describe('a set idc may not write', () => {
  it('gets no statement, and the plan says whose sessions stay open', () => {
    const { d, l } = expiredWorld(true);
    d.ownership = { ...d.ownership, permissionSets: 'referenced' };
    const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
    expect(lines(plan)).toEqual([`delete assignment RO ann ${STAGING}`]);
    expect(diagnostics.filter((x) => x.message.startsWith('revoke_sessions')).map((x) => `${x.severity}: ${x.message}`)).toEqual([
      'warning: revoke_sessions: the open sessions of ann on staging through permission set "RO" are not revoked: idc does not write into "RO" (ownership.permission_sets: referenced, or an ownership.ignore glob); manage the set in access.yaml to revoke them',
    ]);
  });
});

describe('a scoped plan', () => {
  it('revokes on a pair of the scope though the set was read by name only, and names the account to provision', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')] });
    d.safety.revokeSessions = true;
    // Read by name only: no provisioned accounts, no policy.
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')], assignments: [liveAssignment('RO', 'USER', 'ann', STAGING)] });
    const scope: ScopedRead = {
      kind: 'scoped',
      base: 'main:access.yaml',
      permissionSets: [],
      users: [],
      groups: [],
      pairs: [{ accountId: STAGING, permissionSet: 'RO' }],
      principals: { users: [], groups: [] },
    };
    expect(lines(buildPlan(d, l, { now: NOW, scope }).plan)).toEqual([
      `create revocation RO ${STAGING} ann`,
      `provision RO edited ${STAGING} carries ann`,
      `delete assignment RO ann ${STAGING}`,
    ]);
  });
});

describe('a name from AWS in the comment', () => {
  it('is escaped in the revocation line', () => {
    const name = 'eve<img src=x>@org';
    const d = desired({ permissionSets: [permissionSet('RO')] });
    d.safety.revokeSessions = true;
    d.ownership = { ...d.ownership, users: 'referenced' };
    const l = live({ users: [liveUser(name)], permissionSets: [ro()], assignments: [liveAssignment('RO', 'USER', name, STAGING)] });
    const markdown = renderMarkdown(buildPlan(d, l, { now: NOW }).plan);
    const line = markdown.split('\n').find((x) => x.startsWith('- ⛔')) ?? '';
    expect(line).toContain('revoke sessions of eve');
    expect(line).not.toContain('<img');
  });
});

describe('revocations already in the live policy', () => {
  const policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"*"}]}';
  const stored = (until: Date, userId = 'u-ann', accountId = STAGING): LivePermissionSet => {
    const split = splitRevocations(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' },
          {
            Sid: revocationSid(accountId, userId, until),
            Effect: 'Deny',
            Action: ['*'],
            Resource: '*',
            Condition: { StringEquals: { 'identitystore:userId': userId, 'aws:PrincipalAccount': accountId } },
          },
        ],
      }),
    );
    return ro({ ...(split.rest ? { inlinePolicy: split.rest } : {}), sessionRevocations: split.revocations });
  };
  const world = (set: LivePermissionSet, rules: AssignmentRule[] = [], assignments = [] as ReturnType<typeof liveAssignment>[]) => ({
    d: desired({ users: [user('ann')], permissionSets: [permissionSet('RO', { inlinePolicy: policy })], rules }),
    l: live({ users: [liveUser('ann')], permissionSets: [set], assignments }),
  });

  it('are not drift while they last, and the file policy compares without them', () => {
    const { d, l } = world(stored(new Date('2026-03-15T12:30:00Z')));
    expect(lines(buildPlan(d, l, { now: NOW }).plan)).toEqual([]);
  });

  it('go once their end has passed (in the expiry-only plan too), with the set provisioned', () => {
    const { d, l } = world(stored(new Date('2026-03-15T12:00:00Z')));
    for (const expiryOnly of [false, true]) {
      const plan = buildPlan(d, l, { now: NOW, expiryOnly }).plan;
      expect(lines(plan)).toEqual([`delete revocation RO ${STAGING} ann expired`, `provision RO edited ${PROD_APP},${STAGING}`]);
      expect(renderText(plan)).toContain(`remove expired session revocation of ann on RO in staging (${STAGING}) (ended 2026-03-15 12:00 UTC)`);
    }
  });

  it('go at once when the person holds the set on that account again', () => {
    const { d, l } = world(stored(new Date('2026-03-15T12:30:00Z')), [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['staging'] })]);
    expect(lines(buildPlan(d, l, { now: NOW }).plan)).toEqual([
      `delete revocation RO ${STAGING} ann access-regained`,
      `provision RO edited ${PROD_APP},${STAGING}`,
      `create assignment RO ann ${STAGING}`,
    ]);
  });

  it('stay when the person holds the set on another account only', () => {
    const { d, l } = world(
      stored(new Date('2026-03-15T12:30:00Z')),
      [rule(0, { sets: ['RO'], users: ['ann'], accounts: ['prod-app'] })],
      [liveAssignment('RO', 'USER', 'ann', PROD_APP)],
    );
    expect(lines(buildPlan(d, l, { now: NOW }).plan)).toEqual([]);
  });

  it('change the plan hash only by what apply does, not by the time the plan was made', () => {
    const { d, l } = expiredWorld(true);
    const a = buildPlan(d, l, { now: NOW }).plan;
    const b = buildPlan(d, l, { now: new Date(NOW.getTime() + 3600_000) }).plan;
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(buildPlan(expiredWorld(false).d, expiredWorld(false).l, { now: NOW }).plan.hash);
  });
});

describe('the inline policy size limit', () => {
  it('fails the plan naming the set when the statements would not fit', () => {
    const statements = Array.from({ length: 105 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: [`s3:GetObject`],
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    }));
    const big = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const people = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const d = desired({
      users: people.map((p) => user(p)),
      permissionSets: [permissionSet('RO', { inlinePolicy: big })],
      rules: [revoking(rule(0, { sets: ['RO'], users: people, accounts: ['staging'], expires: '2026-03-15T11:00:00Z' }))],
    });
    const l = live({
      users: people.map((p) => liveUser(p)),
      permissionSets: [ro({ inlinePolicy: big })],
      assignments: people.map((p) => liveAssignment('RO', 'USER', p, STAGING)),
    });
    expect(Buffer.byteLength(big)).toBeLessThan(10_240);
    const errors = buildPlan(d, l, { now: NOW }).diagnostics.filter((x) => x.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(
      /^revoking the sessions of 12 people \(p00, .*p11\) on permission set "RO" would make its inline policy [\d,]+ bytes without whitespace: Identity Center accepts at most 10,240 bytes; make the inline policy of "RO" smaller/,
    );
    // One person fits.
    const one = { ...d, rules: [revoking(rule(0, { sets: ['RO'], users: ['p00'], accounts: ['staging'], expires: '2026-03-15T11:00:00Z' }))] };
    const oneLive = { ...l, assignments: [liveAssignment('RO', 'USER', 'p00', STAGING)] };
    expect(buildPlan(one, oneLive, { now: NOW }).diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  });
});
