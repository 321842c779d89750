/** How rules name accounts, as the plan shows it: IDs, aliases, names, OUs, and accounts AWS knows but the organization does not. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build-plan.js';
import { formatDiagnostic } from '../../src/model/source.js';
import { account, desired, live, liveAssignment, livePermissionSet, liveUser, NOW, organization, permissionSet, rule, STAGING, user } from './builders.js';

function planFor(spec: Parameters<typeof rule>[1], aliases: Record<string, string> = {}, org = organization()) {
  const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')], rules: [rule(0, spec)], aliases });
  const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')], organization: org });
  const { plan, diagnostics } = buildPlan(d, l, { now: NOW });
  return {
    accounts: plan.changes.flatMap((c) => (c.kind === 'assignment' ? [c.assignment.accountId] : [])),
    errors: diagnostics.map(formatDiagnostic),
  };
}

describe('account references', () => {
  it('a 12-digit ID, an alias and a name all resolve; text around an ID makes it a name', () => {
    expect(planFor({ sets: ['RO'], users: ['ann'], accounts: [STAGING] }).accounts).toEqual([STAGING]);
    expect(planFor({ sets: ['RO'], users: ['ann'], accounts: ['stg'] }, { stg: STAGING }).accounts).toEqual([STAGING]);
    expect(planFor({ sets: ['RO'], users: ['ann'], accounts: ['staging'] }).accounts).toEqual([STAGING]);
    for (const ref of [`x${STAGING}`, `${STAGING}0`]) {
      expect(planFor({ sets: ['RO'], users: ['ann'], accounts: [ref] }).errors, ref).toEqual([
        `access.yaml:104:20: account "${ref}" is not an account ID, an alias under accounts:, or the name of an account in the organization`,
      ]);
    }
  });

  it('an ID or alias outside the organization is an error that says so', () => {
    expect(planFor({ sets: ['RO'], users: ['ann'], accounts: ['999999999999'] }).errors).toEqual([
      'access.yaml:104:20: account 999999999999 is not in the organization',
    ]);
    expect(planFor({ sets: ['RO'], users: ['ann'], accounts: ['old'] }, { old: '999999999999' }).errors).toEqual([
      'access.yaml:104:20: account alias "old" points to 999999999999, which is not in the organization',
    ]);
  });

  it('a name two accounts share is refused, listing their IDs in order', () => {
    const org = organization();
    org.accounts.push(account('999999999999', 'twin', 'r-root'), account('000000000007', 'twin', 'r-root'));
    expect(planFor({ sets: ['RO'], users: ['ann'], accounts: ['twin'] }, {}, org).errors).toEqual([
      'access.yaml:104:20: account name "twin" matches 2 accounts (000000000007, 999999999999): use the account ID',
    ]);
  });

  it('an unknown OU ID suggests the OU ID meant', () => {
    expect(planFor({ sets: ['RO'], users: ['ann'], ous: ['ou-prd'] }).errors).toEqual([
      'access.yaml:105:20: organizational unit "ou-prd" is not in the organization (did you mean "ou-prod"?)',
    ]);
  });
});

describe('accounts outside the organization', () => {
  it('a live assignment in an account the organization does not list is shown as "unknown account"', () => {
    const d = desired({ users: [user('ann')], permissionSets: [permissionSet('RO')] });
    const l = live({ users: [liveUser('ann')], permissionSets: [livePermissionSet('RO')], assignments: [liveAssignment('RO', 'USER', 'ann', '999999999999')] });
    const { plan } = buildPlan(d, l, { now: NOW });
    expect(plan.accountNames).toEqual({ '999999999999': 'unknown account' });
    expect(plan.accessChanges.map((a) => `${a.effect} ${a.accountName}`)).toEqual(['lose unknown account']);
  });
});
