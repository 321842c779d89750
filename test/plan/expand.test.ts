import { describe, expect, it } from 'vitest';
import { expandRules } from '../../src/plan/expand.js';
import { desired, LEGACY, MGMT, NOW, organization, PROD_APP, PROD_DATA, rule, STAGING, type RuleSpec } from './builders.js';

function expand(spec: RuleSpec, aliases: Record<string, string> = {}) {
  const d = desired({ rules: [rule(0, spec)], aliases });
  return expandRules(d, organization(), NOW);
}

function accountsOf(spec: RuleSpec, aliases: Record<string, string> = {}): string[] {
  const r = expand(spec, aliases);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return [...new Set([...r.assignments.values()].map((a) => a.assignment.accountId))].sort();
}

describe('expandRules: account targets', () => {
  it('accepts account IDs, aliases and Organizations account names', () => {
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], accounts: [PROD_APP] })).toEqual([PROD_APP]);
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], accounts: ['data'] }, { data: PROD_DATA })).toEqual([PROD_DATA]);
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], accounts: ['staging'] })).toEqual([STAGING]);
  });

  it('includes the management account where a rule names it in accounts', () => {
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], accounts: ['management'] })).toEqual([MGMT]);
  });

  it('expands an OU path with its nested OUs, and an ou- ID the same way', () => {
    const byPath = accountsOf({ sets: ['ReadOnly'], users: ['jo'], ous: ['/Workloads/Prod'] });
    expect(byPath).toEqual([PROD_APP, PROD_DATA, LEGACY]);
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], ous: ['ou-prod'] })).toEqual(byPath);
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], ous: ['/Workloads/'] })).toEqual([PROD_APP, PROD_DATA, STAGING, LEGACY]);
  });

  it('all_accounts takes every active account except the management account', () => {
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], all: true })).toEqual([PROD_APP, PROD_DATA, STAGING, LEGACY]);
  });

  it('account_tags needs every tag to match, never takes the management or a suspended account', () => {
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], tags: { env: 'prod' } })).toEqual([PROD_APP, PROD_DATA, LEGACY]);
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], tags: { env: 'prod', team: 'data' } })).toEqual([PROD_DATA]);
  });

  it('exclude_accounts removes accounts from every kind of target', () => {
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], ous: ['/Workloads/Prod'], exclude: ['legacy-prod', PROD_DATA] })).toEqual([PROD_APP]);
    expect(accountsOf({ sets: ['ReadOnly'], users: ['jo'], accounts: ['management'], exclude: ['management'] })).toEqual([]);
  });

  it('leaves out suspended accounts, with a warning when a rule names one', () => {
    const r = expand({ sets: ['ReadOnly'], users: ['jo'], accounts: ['old-sandbox'], ous: ['/Sandbox'] });
    expect(r.assignments.size).toBe(0);
    expect(r.diagnostics).toEqual([
      {
        file: 'access.yaml',
        line: 104,
        col: 20,
        severity: 'warning',
        message: 'account old-sandbox (666666666666) is SUSPENDED: this rule grants nothing there',
      },
    ]);
  });

  it('expands every permission set × principal × account', () => {
    const r = expand({ sets: ['A', 'B'], users: ['jo'], groups: ['ops'], accounts: ['staging', 'prod-app'] });
    expect(r.assignments.size).toBe(8);
    expect(r.assignments.get(`${STAGING}|B|GROUP|ops`)?.assignment).toEqual({
      permissionSet: 'B',
      principalType: 'GROUP',
      principal: 'ops',
      accountId: STAGING,
    });
  });
});

describe('expandRules: the same triple from two rules', () => {
  it('is one assignment listing both rules, sorted by index', () => {
    const d = desired({
      rules: [rule(0, { sets: ['ReadOnly'], groups: ['ops'], all: true }), rule(1, { sets: ['ReadOnly'], groups: ['ops'], accounts: ['staging'] })],
    });
    const r = expandRules(d, organization(), NOW);
    expect(r.assignments.size).toBe(4);
    const both = r.assignments.get(`${STAGING}|ReadOnly|GROUP|ops`);
    expect(both?.rules.map((x) => x.label)).toEqual([
      'assignments[0]: ReadOnly → group ops on all accounts',
      'assignments[1]: ReadOnly → group ops on account staging',
    ]);
    expect(both?.rules[1]?.pos).toEqual({ file: 'access.yaml', line: 110, col: 5 });
  });
});

describe('expandRules: errors at the position of the reference', () => {
  it('reports an unknown account name with did-you-mean', () => {
    const r = expand({ sets: ['ReadOnly'], users: ['jo'], accounts: ['staging', 'prod-ap'] });
    expect(r.diagnostics).toEqual([
      {
        file: 'access.yaml',
        line: 104,
        col: 30,
        severity: 'error',
        message: 'account "prod-ap" is not an account ID, an alias under accounts:, or the name of an account in the organization (did you mean "prod-app"?)',
      },
    ]);
  });

  it('reports an unknown OU path and an unknown excluded account', () => {
    const r = expand({ sets: ['ReadOnly'], users: ['jo'], ous: ['/Workloads/Prd'], exclude: ['legacy'] });
    expect(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '105:20 organizational unit "/Workloads/Prd" is not in the organization (did you mean "/Workloads/Prod"?)',
      '106:20 account "legacy" is not an account ID, an alias under accounts:, or the name of an account in the organization (did you mean "legacy-prod"?)',
    ]);
  });

  it('reports an account ID outside the organization and an alias pointing outside it', () => {
    const r = expand({ sets: ['ReadOnly'], users: ['jo'], accounts: ['999999999999', 'gone'] }, { gone: '888888888888' });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'account 999999999999 is not in the organization',
      'account alias "gone" points to 888888888888, which is not in the organization',
    ]);
  });

  it('refuses an account name shared by two accounts', () => {
    const org = organization();
    org.accounts.push({ id: '777777777777', name: 'staging', status: 'ACTIVE', parentId: 'r-root' });
    const r = expandRules(desired({ rules: [rule(0, { sets: ['A'], users: ['jo'], accounts: ['staging'] })] }), org, NOW);
    expect(r.diagnostics[0]?.message).toBe('account name "staging" matches 2 accounts (444444444444, 777777777777): use the account ID');
  });
});

describe('expandRules: expires', () => {
  it('grants until the end of the expiry day (UTC), nothing after', () => {
    const today = expand({ sets: ['A'], users: ['jo'], accounts: ['staging'], expires: '2026-03-15' });
    expect(today.assignments.size).toBe(1);
    const yesterday = expand({ sets: ['A'], users: ['jo'], accounts: ['staging'], expires: '2026-03-14' });
    expect(yesterday.assignments.size).toBe(0);
  });

  it('still reports bad references in an expired rule', () => {
    const r = expand({ sets: ['A'], users: ['jo'], accounts: ['nope'], expires: '2020-01-01' });
    expect(r.diagnostics).toHaveLength(1);
  });
});
