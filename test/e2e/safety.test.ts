/**
 * Safety end to end: delegated administrator refusals, `safety.max_deletes` (and --force), and the
 * self-lockout check that even --force does not override. A refused plan changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/model/source.js';
import { silentProgress } from '../../src/progress/progress.js';
import { MESSY_YAML, MGMT, WORKLOADS, messyWorld } from './fixtures/messy.js';
import { applied, changeLines, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const writes = (calls: Record<string, number>): string[] => Object.keys(calls).filter((op) => !/:(List|Describe|Get)/.test(op));

/** MESSY_YAML with Billing as it is in the messy world (so the plan leaves it alone). */
const BILLING_AS_LIVE = MESSY_YAML.replace(
  '    managed_policies: [job-function/Billing, ReadOnlyAccess]\n    permissions_boundary: { managed_policy: PowerUserAccess }\n',
  '    managed_policies: [job-function/Billing]\n',
);

describe('delegated administrator', () => {
  const delegated = { accountId: WORKLOADS, arn: `arn:aws:sts::${WORKLOADS}:assumed-role/IdcGitOpsAdmin/ci` };

  it('refuses a plan that changes a permission set provisioned to the management account, with a clear error', async () => {
    e2e = await startE2E({ world: messyWorld(), emulator: { caller: delegated } });
    await e2e.write(MESSY_YAML); // edits Billing, provisioned to the management account
    const before = e2e.emu.dump();

    const outcome = await e2e.engine.plan(e2e.config, silentProgress);
    expect(outcome.ok).toBe(false);
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/permission set "Billing" is provisioned to the management account management \(111122223333\)/);
    expect(errors[0]).toMatch(new RegExp(`delegated administrator account ${WORKLOADS}`));
    expect(errors[0]).toMatch(/credentials of the management account/);

    const applyOutcome = await e2e.apply({ force: true });
    expect(applyOutcome.status).toBe('invalid');
    expect(e2e.emu.dump()).toEqual(before);
    expect(writes(e2e.emu.calls())).toEqual([]);
  });

  it('plans and applies changes that do not touch the management account', async () => {
    e2e = await startE2E({ world: messyWorld(), emulator: { caller: delegated } });
    await e2e.write(BILLING_AS_LIVE);
    const plan = await e2e.plan();
    expect(changeLines(plan).some((l) => l.includes('Billing') || l.endsWith(MGMT))).toBe(false);
    expect(plan.changes.length).toBeGreaterThan(0);
    const outcome = applied(await e2e.apply());
    expect(outcome.report.failed).toEqual([]);
    expect(changeLines(outcome.remaining)).toEqual([]);
  });
});

describe('safety settings', () => {
  it('refuses a plan over safety.max_deletes with the reason, changes nothing, and applies it with force', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML.replace('max_deletes: 50', 'max_deletes: 3'));
    const before = e2e.emu.dump();

    const refused = await e2e.apply();
    expect(refused.status).toBe('unsafe');
    if (refused.status !== 'unsafe') return;
    expect(refused.reasons.join('\n')).toMatch(/max_deletes/);
    expect(refused.reasons.join('\n')).toMatch(/\b7\b/); // the plan deletes 7 things
    expect(refused.reasons.join('\n')).toMatch(/force/);
    expect(e2e.emu.dump()).toEqual(before);
    expect(writes(e2e.emu.calls())).toEqual([]);

    const forced = applied(await e2e.apply({ force: true }));
    expect(forced.report.failed).toEqual([]);
    expect(changeLines(forced.remaining)).toEqual([]);
    expect(e2e.emu.dump().users?.some((u) => u.userName === 'mallory')).toBe(false);
  });

  it('refuses, even with force, a plan that removes the access of the credentials running apply', async () => {
    // jonathan applies with his Billing access to the management account; the file drops it.
    const caller = { accountId: MGMT, arn: `arn:aws:sts::${MGMT}:assumed-role/AWSReservedSSO_Billing_0123456789abcdef/jonathan` };
    e2e = await startE2E({ world: messyWorld(), emulator: { caller } });
    await e2e.write(MESSY_YAML.replace('  - permission_set: Billing\n    users: [jonathan]\n    accounts: [management]\n', ''));
    const before = e2e.emu.dump();

    for (const force of [false, true]) {
      const outcome = await e2e.apply({ force });
      expect(outcome.status).toBe('unsafe');
      if (outcome.status !== 'unsafe') return;
      expect(outcome.reasons).toHaveLength(1);
      expect(outcome.reasons[0]).toMatch(/removes the access of the credentials running apply \(user jonathan, Billing on management \(111122223333\)\)/);
      expect(outcome.reasons[0]).toMatch(/deletes assignment Billing → user jonathan/);
    }
    expect(e2e.emu.dump()).toEqual(before);
    expect(writes(e2e.emu.calls())).toEqual([]);

    // The same change is fine for other credentials.
    e2e.emu.setCaller({ accountId: MGMT, arn: `arn:aws:sts::${MGMT}:assumed-role/AWSReservedSSO_Billing_0123456789abcdef/alice` });
    const other = applied(await e2e.apply());
    expect(other.report.failed).toEqual([]);
    expect(e2e.emu.dump().assignments?.some((a) => a.accountId === MGMT && a.principalType === 'USER')).toBe(false);
  });
});

describe('the verdict is part of the plan (before any apply)', () => {
  const PROTECTED = (accounts: string) =>
    MESSY_YAML.replace(
      '  max_deletes: 50\n',
      `  max_deletes: 3\n  protected:\n    - permission_set: Billing\n      users: [jonathan]\n      accounts: [${accounts}]\n`,
    );
  const WITHOUT_BILLING_RULE = (text: string) => text.replace('  - permission_set: Billing\n    users: [jonathan]\n    accounts: [management]\n', '');

  it('lists max_deletes and protected refusals with codes, positions and force, and apply acts on the same verdict', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(WITHOUT_BILLING_RULE(PROTECTED('management')));
    const plan = await e2e.plan();
    expect(plan.safety.safe).toBe(false);
    expect(plan.safety.refusals.map((r) => [r.code, r.forceOverrides, r.pos?.line])).toEqual([
      ['max-deletes-exceeded', true, 3],
      ['protected-assignment-removed', true, 5],
    ]);
    expect(plan.safety.refusals[1]?.message).toBe(
      'plan deletes protected assignment Billing → user jonathan on management (111122223333): keep the rule that grants it in access.yaml, or apply with force',
    );

    const before = e2e.emu.dump();
    const refused = await e2e.apply();
    expect(refused.status).toBe('unsafe');
    if (refused.status !== 'unsafe') return;
    expect(refused.reasons).toEqual(plan.safety.refusals.map((r) => `${e2e!.config}:${r.pos?.line}:${r.pos?.col}: ${r.message}`));
    expect(e2e.emu.dump()).toEqual(before);
  });

  it('a protected account that does not resolve is a plan error at its line and column, with did-you-mean', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(PROTECTED('managment'));
    const outcome = await e2e.engine.plan(e2e.config, silentProgress);
    expect(outcome.ok).toBe(false);
    expect(outcome.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([
      `${e2e.config}:7:18: safety.protected: account "managment" is not an account ID, an alias under accounts:, or the name of an account in the organization (did you mean "management"?)`,
    ]);
    expect((await e2e.apply({ force: true })).status).toBe('invalid');
    expect(writes(e2e.emu.calls())).toEqual([]);
  });

  it('the self-lockout refusal is in the plan of the Identity Center session that plans, and force cannot override it', async () => {
    const caller = { accountId: MGMT, arn: `arn:aws:sts::${MGMT}:assumed-role/AWSReservedSSO_Billing_0123456789abcdef/jonathan` };
    e2e = await startE2E({ world: messyWorld(), emulator: { caller } });
    await e2e.write(WITHOUT_BILLING_RULE(MESSY_YAML));
    const plan = await e2e.plan();
    expect(plan.safety.refusals.map((r) => [r.code, r.forceOverrides])).toEqual([['own-access-removed', false]]);
    // Not part of the hash: the same changes planned by other credentials hash the same.
    e2e.emu.setCaller({ accountId: MGMT, arn: `arn:aws:sts::${MGMT}:assumed-role/IdcGitOpsPlan/ci` });
    const other = await e2e.plan();
    expect(other.safety).toEqual({ safe: true, refusals: [] });
    expect(other.hash).toBe(plan.hash);
  });
});
