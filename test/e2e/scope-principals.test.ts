/**
 * Principals in a scoped plan, against the emulator: a group whose only change is its members is
 * read per principal (ListAccountAssignmentsForPrincipal), not pair by pair, and its plan still
 * shows who gains access through it; from a delegated administrator, which may not call that API,
 * the plan is full and says why.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import type { BaseConfig } from '../../src/engine-contract.js';
import { silentProgress } from '../../src/progress/progress.js';
import { scopeWords } from '../../src/render/scope.js';
import { type Config, worldOf, yamlOf } from './fixtures/scope-world.js';
import { startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const NOW = new Date('2026-01-15T12:00:00Z');
const noDrift = { dropUsers: [], extraUsers: [], userVariant: 0, dropMembers: [], extraMembers: [], setVariant: 3, dropAssignment: 0, extraAssignments: [] };

/**
 * devs (ana) holds Read on Prod (prod-a, prod-b); bo holds Admin on dev-a directly and is in ops,
 * which holds Billing on dev-a. Drift: ana's Read on dev-a is missing (the world drops the
 * first assignment), outside the scope.
 */
const BASE: Config = {
  users: { ana: 0, bo: 0 },
  groups: { devs: ['ana'], ops: ['bo'] },
  sets: { Read: 0, Admin: 0, Billing: 0 },
  rules: [
    { set: 'Read', users: ['ana'], groups: [], target: { accounts: ['dev-a'] } },
    { set: 'Read', users: [], groups: ['devs'], target: { ou: 'Prod' } },
    { set: 'Admin', users: ['bo'], groups: [], target: { accounts: ['dev-a'] } },
    { set: 'Billing', users: [], groups: ['ops'], target: { accounts: ['dev-a'] } },
  ],
};
/** The pull request: bo joins devs. */
const HEAD: Config = { ...BASE, groups: { devs: ['ana', 'bo'], ops: ['bo'] } };

const DELEGATED = { accountId: '222222222222', arn: 'arn:aws:sts::222222222222:assumed-role/IdcGitOpsAdmin/ci' };

async function scopedPlan(caller?: { accountId: string; arn: string }, head: Config = HEAD, drift = noDrift) {
  const world = worldOf(BASE, drift);
  if (caller) world.organization.delegatedAdministrators = [caller.accountId];
  e2e = await startE2E({ world, engine: { now: () => NOW }, ...(caller ? { emulator: { caller } } : {}) });
  const basePath = await e2e.write(yamlOf(BASE, world), 'base.yaml');
  await e2e.write(yamlOf(head, world));
  const loaded = await loadConfig(basePath);
  if (!loaded.desired) throw new Error('base does not load');
  const base: BaseConfig = { desired: loaded.desired, label: 'base.yaml' };
  const outcome = await e2e.engine.plan(e2e.config, silentProgress, { base });
  if (!outcome.ok) throw new Error(outcome.diagnostics.map((d) => d.message).join('; '));
  return outcome;
}

describe('scoped plan: a group whose members change is read per principal', () => {
  it('reads the group and the new member (and her groups) in every account, no pair in full, and shows her gains', async () => {
    const { plan, live } = await scopedPlan();
    expect(plan.scope).toMatchObject({ kind: 'scoped', groups: ['devs'], pairs: [], principals: { users: ['bo'], groups: ['devs', 'ops'] } });
    expect(live.readCalls['sso:ListAccountAssignmentsForPrincipal']).toBe(3);
    expect(live.readCalls['sso:ListAccountAssignments']).toBeUndefined();
    expect(plan.changes.map((c) => (c.kind === 'membership' ? `${c.action} ${c.group} ${c.user}` : c.kind))).toEqual(['create devs bo']);
    expect(
      plan.accessChanges.map((a) =>
        a.kind === 'user' ? `${a.effect} ${a.user} ${a.permissionSet} ${a.accountName} via ${a.via.map((v) => v.group).join(',')}` : a.kind,
      ),
    ).toEqual(['gain bo Read prod-a via devs', 'gain bo Read prod-b via devs']);
    // The full plan also has the drift outside the scope.
    const full = await e2e?.engine.plan(e2e.config, silentProgress);
    expect(
      full?.ok && full.plan.changes.map((c) => (c.kind === 'assignment' ? `${c.action} ${c.assignment.principal} ${c.assignment.permissionSet}` : c.kind)),
    ).toEqual(['membership', 'create ana Read']);
    expect(scopeWords(plan)?.covers).toContain('the assignments of 1 user (bo) and 2 groups (devs, ops) in every account');
  });

  it('a pair where an assignment of a principal changes (drift) is read in full, and its group row names every member', async () => {
    // The world drops devs' Read on prod-a (the second assignment) instead of ana's on dev-a.
    const { plan, live } = await scopedPlan(undefined, HEAD, { ...noDrift, dropAssignment: 1 });
    expect(plan.scope).toMatchObject({ kind: 'scoped', pairs: [{ accountId: '222222222222', permissionSet: 'Read' }] });
    expect(live.readCalls['sso:ListAccountAssignments']).toBe(1);
    const row = plan.accessChanges.find((a) => a.kind === 'group');
    expect(row).toMatchObject({ group: 'devs', effect: 'gain', accountName: 'prod-a', changesAccessOf: ['ana', 'bo'] });
  });

  it('from a delegated administrator (which may not list assignments per principal) the plan is full, and says why', async () => {
    const { plan } = await scopedPlan(DELEGATED);
    expect(plan.scope).toMatchObject({ kind: 'full' });
    expect(plan.scope?.kind === 'full' ? plan.scope.reason : '').toMatch(/only the management account may call \(this runs in 222222222222\)/);
  });

  it('from a delegated administrator, a user whose display name changes (no membership) is still a scoped plan', async () => {
    const { plan } = await scopedPlan(DELEGATED, { ...BASE, users: { ana: 0, bo: 1 } });
    expect(plan.scope).toMatchObject({ kind: 'scoped', users: ['bo'], pairs: [], principals: { users: [], groups: [] } });
    expect(plan.changes.map((c) => (c.kind === 'user' ? `${c.action} ${c.userName}` : c.kind))).toEqual(['update bo']);
  });
});
