/** The exported YAML's shape, reviewed as golden files, and the pure pieces behind it. */
import { describe, expect, it } from 'vitest';
import { buildExport, exportAccessYaml, selfCheck } from '../../src/export/index.js';
import { accountAliases, slugOf } from '../../src/export/account-aliases.js';
import { groupAssignments } from '../../src/export/group-assignments.js';
import { exportDuration, shortManagedPolicy } from '../../src/export/permission-set-entry.js';
import type { Assignment } from '../../src/model/assignment.js';
import { ACCOUNTS, edgeCaseLive, emptyLive } from './live-fixture.js';

const NOW = new Date('2026-01-15T00:00:00Z');

describe('exportAccessYaml', () => {
  it('writes the edge cases as reviewed (golden file)', async () => {
    await expect(exportAccessYaml(edgeCaseLive())).toMatchFileSnapshot('golden/edge-cases.yaml');
  });

  it('with an external identity source, writes no users or groups (golden file)', async () => {
    await expect(exportAccessYaml(edgeCaseLive(), { identitySource: 'external', schema: 'https://example.com/access.schema.json' })).toMatchFileSnapshot(
      'golden/external.yaml',
    );
  });

  it('writes a valid minimal file for an empty instance', () => {
    const text = exportAccessYaml(emptyLive());
    expect(text).not.toMatch(/^(accounts|users|groups|permission_sets|assignments):/m);
    expect(selfCheck(text, emptyLive(), 'access.yaml', '.', NOW)).toEqual({ errors: [], changes: [] });
  });

  it('is deterministic whatever the order of the live state', () => {
    const live = edgeCaseLive();
    const shuffled = { ...live, assignments: [...live.assignments].reverse(), users: Object.fromEntries(Object.entries(live.users).reverse()) };
    expect(exportAccessYaml(shuffled)).toBe(exportAccessYaml(live));
  });

  it('quotes every account ID', () => {
    const text = exportAccessYaml(edgeCaseLive());
    for (const id of Object.values(ACCOUNTS).filter((id) => id !== ACCOUNTS.suspended && id !== ACCOUNTS.untouched)) {
      expect(text).toContain(`"${id}"`);
    }
    expect(text).not.toMatch(/:\s+\d{12}\s*(#.*)?$/m);
  });

  it('reports what needs attention, and the self-check finds exactly that', () => {
    const live = edgeCaseLive();
    const result = buildExport(live);
    expect(result.warnings).toEqual([
      'user "no-mail" has no email in Identity Center: fill it in before running idc plan',
      '1 member of group "admins" is not a known user (uid-gone): not exported',
      'permission set "ReadOnly" is out of date in 1 account (222222222222): the next apply re-provisions it there',
      'assignment not exported: ReadOnly → user id:uid-deleted on Équipe Données (555555555555): the user no longer exists in the identity store (idc leaves this assignment alone)',
      'assignment not exported: Admin → group admins on old-sandbox (666666666666): the account is SUSPENDED, so no rule can target it (idc plan proposes to remove it)',
    ]);
    expect(result.counts).toEqual({ users: 4, groups: 3, permissionSets: 4, assignments: 10, rules: 4, accounts: 5 });
    const check = selfCheck(result.yaml, live, 'access.yaml', '.', NOW);
    expect(check.errors).toEqual([
      expect.stringMatching(/^access\.yaml:\d+:\d+: user "no-mail" is missing email/),
      expect.stringMatching(/inline_policy of permission set "Weird" is not valid JSON/),
    ]);
  });

  it('plans to nothing but the known leftovers once the file is fixed', () => {
    const live = edgeCaseLive();
    live.users['no-mail'] = { ...(live.users['no-mail'] as NonNullable<(typeof live.users)['no-mail']>), email: 'no-mail@example.com' };
    delete live.permissionSets['Weird'];
    const check = selfCheck(exportAccessYaml(live), live, 'access.yaml', '.', NOW);
    expect(check).toEqual({
      errors: [],
      changes: ['provision permission set ReadOnly to 1 account', 'delete assignment Admin → group admins on old-sandbox (666666666666)'],
    });
  });
});

describe('account aliases', () => {
  it('slugs names for YAML', () => {
    expect(slugOf('Prod Workloads (EU)')).toBe('prod-workloads-eu');
    expect(slugOf('Équipe Données')).toBe('equipe-donnees');
    expect(slugOf('dev_workloads')).toBe('dev-workloads');
    expect(slugOf('日本')).toBe('');
  });

  it('keeps aliases unique, and never only digits', () => {
    const aliases = accountAliases([
      { id: '222222222222', name: 'Prod' },
      { id: '333333333333', name: 'prod' },
      { id: '012345678901', name: '123456' },
      { id: '444444444444', name: '日本' },
      { id: '555555555555', name: 'prod-3333' },
    ]);
    expect(Object.fromEntries(aliases)).toEqual({
      '012345678901': 'account-012345678901',
      '222222222222': 'prod-2222',
      '333333333333': 'prod-333333333333',
      '444444444444': 'account-444444444444',
      '555555555555': 'prod-3333',
    });
  });
});

describe('grouping assignments into rules', () => {
  const a = (permissionSet: string, principal: string, accountId: string, principalType: 'USER' | 'GROUP' = 'GROUP'): Assignment => ({
    permissionSet,
    principalType,
    principal,
    accountId,
  });

  it('merges principals with the same accounts, then sets with the same principals and accounts', () => {
    const rules = groupAssignments([
      ...['1', '2', '3'].flatMap((acc) => [a('Admin', 'admins', acc), a('Admin', 'ops', acc), a('Audit', 'admins', acc), a('Audit', 'ops', acc)]),
      ...['1', '2'].flatMap((acc) => [a('Dev', 'devs', acc), a('Read', 'devs', acc), a('Read', 'bob', acc, 'USER')]),
    ]);
    expect(rules).toEqual([
      { permissionSets: ['Admin', 'Audit'], groups: ['admins', 'ops'], users: [], accountIds: ['1', '2', '3'] },
      { permissionSets: ['Dev'], groups: ['devs'], users: [], accountIds: ['1', '2'] },
      { permissionSets: ['Read'], groups: ['devs'], users: ['bob'], accountIds: ['1', '2'] },
    ]);
  });

  it('groups by account when that gives fewer rules', () => {
    // Per principal: 3 different account sets. Per account: 2 different principal sets.
    const rules = groupAssignments([
      a('R', 'x', '1'),
      a('R', 'y', '1'),
      a('R', 'z', '1'),
      a('R', 'x', '2'),
      a('R', 'y', '2'),
      a('R', 'z', '2'),
      a('R', 'x', '3'),
    ]);
    expect(rules.length).toBe(2);
    expect(rules).toEqual([
      { permissionSets: ['R'], groups: ['x'], users: [], accountIds: ['1', '2', '3'] },
      { permissionSets: ['R'], groups: ['y', 'z'], users: [], accountIds: ['1', '2'] },
    ]);
  });

  it('covers every triple exactly once', () => {
    const input: Assignment[] = [];
    for (let i = 0; i < 200; i++) input.push(a(`S${i % 5}`, `g${(i * 7) % 11}`, String((i * 13) % 17), i % 3 === 0 ? 'USER' : 'GROUP'));
    const key = (x: Assignment): string => `${x.permissionSet}|${x.principalType}|${x.principal}|${x.accountId}`;
    const expanded = groupAssignments(input).flatMap((r) =>
      r.permissionSets.flatMap((ps) =>
        [...r.users.map((u) => ['USER', u] as const), ...r.groups.map((g) => ['GROUP', g] as const)].flatMap(([t, p]) =>
          r.accountIds.map((acc) => key(a(ps, p, acc, t))),
        ),
      ),
    );
    expect(expanded.length).toBe(new Set(expanded).size);
    expect(new Set(expanded)).toEqual(new Set(input.map(key)));
  });
});

describe('permission set values', () => {
  it('writes AWS managed policies by their short names', () => {
    expect(shortManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe('ReadOnlyAccess');
    expect(shortManagedPolicy('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')).toBe('job-function/ViewOnlyAccess');
    expect(shortManagedPolicy('arn:aws-cn:iam::aws:policy/ReadOnlyAccess')).toBe('arn:aws-cn:iam::aws:policy/ReadOnlyAccess');
  });

  it('writes session durations in hours and minutes', () => {
    expect(exportDuration('PT28800S')).toBe('PT8H');
    expect(exportDuration('PT90M')).toBe('PT1H30M');
    expect(exportDuration('PT1H')).toBe('PT1H');
    expect(exportDuration('P1D')).toBe('P1D');
  });
});
