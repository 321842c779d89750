/**
 * Issue 4: assignment rules expanded against the organization as it is now: OU paths (nested OUs
 * included) and IDs, account tags, all_accounts with exclusions; suspended accounts and (unless
 * named) the management account left out. Asserted on the assignments the emulator ends up with.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../emulator/index.js';
import { MGMT, RETIRED, SANDBOX, SHARED, WORKLOADS, messyWorld } from './fixtures/messy.js';
import { applied, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

/** The messy organization (management tagged env=prod too) with an empty Identity Center. */
function orgOnly(): World {
  const { organization, instance } = messyWorld();
  const mgmt = organization.accounts.find((a) => a.id === MGMT);
  if (mgmt) mgmt.tags = { env: 'prod' };
  return { organization, instance };
}

const YAML = `version: 1
users:
  alice: { display_name: Alice, given_name: Alice, family_name: A, email: alice@example.com }
  bob: { display_name: Bob, given_name: Bob, family_name: B, email: bob@example.com }
groups:
  devs: { description: Developers, members: [alice] }
permission_sets:
  ReadOnly: { description: Read only, managed_policies: [ReadOnlyAccess] }
  Audit: { description: Audit, managed_policies: [SecurityAudit] }
  ViewOnly: { description: View only, managed_policies: [job-function/ViewOnlyAccess] }
  Support: { description: Support, managed_policies: [AWSSupportAccess] }
assignments:
  - permission_set: ReadOnly
    groups: [devs]
    organizational_units: [/Workloads]
  - permission_set: Audit
    groups: [devs]
    organizational_units: [/Workloads/Dev]
  - permission_set: ReadOnly
    users: [bob]
    organizational_units: [ou-mess-dev00001]
  - permission_set: ViewOnly
    users: [alice]
    account_tags: { env: prod }
  - permission_set: Support
    users: [alice]
    all_accounts: true
    exclude_accounts: [shared]
`;

const assignmentsIn = (world: World): string[] => {
  const names = new Map<string, string>();
  for (const p of world.permissionSets ?? []) names.set(p.arn ?? '', p.name);
  for (const u of world.users ?? []) names.set(u.id, u.userName);
  for (const g of world.groups ?? []) names.set(g.id, g.displayName);
  return (world.assignments ?? []).map((a) => `${names.get(a.permissionSet)} ${names.get(a.principalId)} ${a.accountId}`).sort();
};

describe('rule expansion against the organization', () => {
  it('expands OU paths and IDs (nested included), tags and all_accounts with exclusions', async () => {
    e2e = await startE2E({ world: orgOnly() });
    await e2e.write(YAML);
    const plan = await e2e.plan();
    const creates = changeLines(plan).filter((l) => l.startsWith('create assignment'));
    expect(creates, show(plan)).toEqual(
      [
        `create assignment ReadOnly GROUP devs ${WORKLOADS}`,
        `create assignment ReadOnly GROUP devs ${SANDBOX}`, // nested /Workloads/Dev
        `create assignment Audit GROUP devs ${SANDBOX}`,
        `create assignment ReadOnly USER bob ${SANDBOX}`,
        `create assignment ViewOnly USER alice ${WORKLOADS}`, // env=prod; not the management account, not the suspended one
        `create assignment ViewOnly USER alice ${SHARED}`,
        `create assignment Support USER alice ${WORKLOADS}`,
        `create assignment Support USER alice ${SANDBOX}`,
      ].sort(),
    );
    const rules = plan.changes.flatMap((c) =>
      c.kind === 'assignment' && c.assignment.accountId === SANDBOX && c.assignment.permissionSet === 'ReadOnly' && c.assignment.principal === 'devs'
        ? c.rules.map((r) => r.index)
        : [],
    );
    expect(rules).toEqual([0]);

    const outcome = applied(await e2e.apply());
    expect(outcome.report.failed).toEqual([]);
    const world = e2e.emu.dump();
    expect(assignmentsIn(world)).toEqual(
      [
        `Audit devs ${SANDBOX}`,
        `ReadOnly bob ${SANDBOX}`,
        `ReadOnly devs ${SANDBOX}`,
        `ReadOnly devs ${WORKLOADS}`,
        `Support alice ${SANDBOX}`,
        `Support alice ${WORKLOADS}`,
        `ViewOnly alice ${SHARED}`,
        `ViewOnly alice ${WORKLOADS}`,
      ].sort(),
    );
    expect(world.assignments?.some((a) => a.accountId === MGMT || a.accountId === RETIRED)).toBe(false);

    // The organization changes (sandbox tagged env=prod, shared moved under /Workloads): the same
    // file now expands to more accounts, and nothing else moves.
    const org = e2e.emu.dump();
    for (const a of org.organization.accounts) {
      if (a.id === SANDBOX) a.tags = { env: 'prod' };
      if (a.id === SHARED) a.parent = 'ou-mess-workload';
    }
    const res = await fetch(`${e2e.emu.endpoint}/_emulator/world`, { method: 'POST', body: JSON.stringify(org) });
    expect(res.ok).toBe(true);
    const again = await e2e.plan();
    expect(changeLines(again), show(again)).toEqual([`create assignment ReadOnly GROUP devs ${SHARED}`, `create assignment ViewOnly USER alice ${SANDBOX}`]);
  });
});
