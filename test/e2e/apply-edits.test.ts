/**
 * Apply end to end, the less common edits: every part of a permission set removed or swapped,
 * identity attributes, a rename (create + move assignments + delete), deleting a group that has
 * members and assignments, and a plan-hash mismatch. Each ends with an empty re-plan.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MESSY_YAML, SANDBOX, SHARED, WORKLOADS, messyWorld } from './fixtures/messy.js';
import { applied, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

async function fromMessy(): Promise<E2E> {
  const e = await startE2E({ world: messyWorld() });
  await e.write(MESSY_YAML);
  applied(await e.apply());
  return e;
}

/** Applies `yaml`, expects no failures and an empty re-plan; returns the plan's change lines. */
async function applyFile(e: E2E, yaml: string): Promise<string[]> {
  await e.write(yaml);
  const outcome = applied(await e.apply());
  expect(outcome.report.failed.map((f) => f.message)).toEqual([]);
  expect(changeLines(outcome.remaining), show(outcome.remaining)).toEqual([]);
  expect(changeLines(await e.plan())).toEqual([]);
  return changeLines(outcome.plan);
}

describe('apply: removals and swaps', () => {
  it('removes an inline policy, swaps boundary kinds, adds and removes customer-managed policies and tags', async () => {
    e2e = await fromMessy();
    const edited = MESSY_YAML.replace(
      /  Billing:\n[\s\S]*?  Deploy:\n    description: Deploy\n    session_duration: PT2H\n    inline_policy: '[^']*'\n/,
      [
        '  Billing:',
        '    description: Billing',
        '    managed_policies: [job-function/Billing, ReadOnlyAccess]',
        '    permissions_boundary: { customer_managed: { name: BillingBoundary, path: /boundaries/ } }',
        '    customer_managed_policies: [{ name: CostReports, path: /finance/ }]',
        '  Deploy:',
        '    description: Deploy',
        '    session_duration: PT2H',
        '    customer_managed_policies: [DeployPolicy]',
        '',
      ].join('\n'),
    ).replace('    tags: { owner: security }\n', '');
    expect(edited).not.toEqual(MESSY_YAML);
    const lines = await applyFile(e2e, edited);
    expect(lines).toEqual(
      [
        'provision Billing edited 111122223333',
        `provision Deploy edited ${WORKLOADS},${SHARED}`,
        'update permission-set Billing [customerManagedPolicies,inlinePolicy,permissionsBoundary]',
        'update permission-set Deploy [customerManagedPolicies,inlinePolicy]',
        'update permission-set ReadOnly [tags]', // tags need no provisioning
      ].sort(),
    );
    const sets = new Map((e2e.emu.dump().permissionSets ?? []).map((p) => [p.name, p]));
    expect(sets.get('Billing')?.inlinePolicy).toBeUndefined();
    expect(sets.get('Billing')?.permissionsBoundary).toEqual({ customerManagedPolicy: { name: 'BillingBoundary', path: '/boundaries/' } });
    expect(sets.get('Billing')?.customerManagedPolicies).toEqual([{ name: 'CostReports', path: '/finance/' }]);
    expect(sets.get('Deploy')?.inlinePolicy).toBeUndefined();
    expect(sets.get('Deploy')?.customerManagedPolicies).toEqual([{ name: 'DeployPolicy', path: '/' }]);
    expect(sets.get('ReadOnly')?.tags).toBeUndefined();
  });

  it('updates user and group attributes in place (same IDs)', async () => {
    e2e = await fromMessy();
    const ids = new Map((e2e.emu.dump().users ?? []).map((u) => [u.userName, u.id]));
    const lines = await applyFile(
      e2e,
      MESSY_YAML.replace(
        'bob: { display_name: bob, given_name: bob, family_name: Tester, email: bob@example.com }',
        'bob: { display_name: Bob B, given_name: Robert, family_name: Builder, email: bob@builder.example }',
      ).replace('admins: { description: Administrators,', 'admins: { description: Administer the workloads,'),
    );
    expect(lines).toEqual(['update group admins [description]', 'update user bob [displayName,email,familyName,givenName]']);
    const world = e2e.emu.dump();
    const bob = world.users?.find((u) => u.userName === 'bob');
    expect(bob).toMatchObject({ id: ids.get('bob'), displayName: 'Bob B', givenName: 'Robert', familyName: 'Builder' });
    expect(bob?.emails?.map((m) => m.value)).toEqual(['bob@builder.example']);
    expect(world.groups?.find((g) => g.displayName === 'admins')?.description).toBe('Administer the workloads');
  });

  it('renames a permission set: the new set gets the assignments before the old one goes', async () => {
    e2e = await fromMessy();
    const lines = await applyFile(e2e, MESSY_YAML.replaceAll('Deploy', 'Deployer'));
    expect(lines).toEqual(
      [
        `create assignment Deployer USER bob ${WORKLOADS}`,
        `create assignment Deployer USER bob ${SHARED}`,
        'create permission-set Deployer',
        `delete assignment Deploy USER bob ${WORKLOADS}`,
        `delete assignment Deploy USER bob ${SHARED}`,
        'delete permission-set Deploy',
      ].sort(),
    );
    const world = e2e.emu.dump();
    expect(world.permissionSets?.some((p) => p.name === 'Deploy')).toBe(false);
    const deployer = world.permissionSets?.find((p) => p.name === 'Deployer');
    expect(deployer?.sessionDuration).toBe('PT2H');
    expect(
      world.assignments
        ?.filter((a) => a.permissionSet === deployer?.arn)
        .map((a) => a.accountId)
        .sort(),
    ).toEqual([WORKLOADS, SHARED].sort());
    expect(e2e.emu.errors()['ConflictException']).toBeUndefined();
  });

  it('deletes a group that has members and assignments', async () => {
    e2e = await fromMessy();
    const withoutAuditors = MESSY_YAML.replace('  auditors: { description: Read everything, members: [jonathan] }\n', '').replace(
      '  - permission_set: Audit\n    groups: [auditors]\n    all_accounts: true\n',
      '',
    );
    const lines = await applyFile(e2e, withoutAuditors);
    expect(lines).toEqual(
      [
        `delete assignment Audit GROUP auditors ${WORKLOADS}`,
        `delete assignment Audit GROUP auditors ${SANDBOX}`,
        `delete assignment Audit GROUP auditors ${SHARED}`,
        'delete group auditors', // its memberships go with it
      ].sort(),
    );
    const world = e2e.emu.dump();
    expect(world.groups?.some((g) => g.displayName === 'auditors')).toBe(false);
    expect(world.users?.some((u) => u.userName === 'jonathan')).toBe(true);
    expect(world.memberships?.some((m) => !world.groups?.some((g) => g.id === m.groupId))).toBe(false);
  });

  it('gives the email of a deleted user to a new one: a clear failure, then the next run finishes', async () => {
    e2e = await startE2E({ world: messyWorld() });
    // mallory (not in the file) is deleted; dave takes over her email address.
    await e2e.write(
      MESSY_YAML.replace('groups:\n', '  dave: { display_name: dave, given_name: dave, family_name: Tester, email: mallory@example.com }\ngroups:\n'),
    );
    const first = applied(await e2e.apply());
    // Users are created before anyone is deleted, so the address is still taken the first time.
    expect(first.report.failed.map((f) => f.subject)).toEqual(['create user dave']);
    const message = first.report.failed[0]?.message ?? '';
    expect(message).toMatch(/Duplicate email: mallory@example.com/);
    expect(message).toMatch(/already taken/);
    expect(message).not.toMatch(/did not settle/);
    expect(changeLines(first.remaining)).toEqual(['create user dave']);
    const second = applied(await e2e.apply());
    expect(second.report.failed).toEqual([]);
    expect(changeLines(second.remaining)).toEqual([]);
    expect(e2e.emu.dump().users?.find((u) => u.userName === 'dave')?.emails?.[0]?.value).toBe('mallory@example.com');
  });

  it('refuses to apply when the plan is not the reviewed one, and applies the reviewed hash', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML);
    const reviewed = await e2e.plan();
    const before = e2e.emu.dump();
    const stale = await e2e.apply({ expectedHash: '0'.repeat(64) });
    expect(stale.status).toBe('plan-changed');
    expect(e2e.emu.dump()).toEqual(before);
    const ok = applied(await e2e.apply({ expectedHash: reviewed.hash }));
    expect(ok.plan.hash).toBe(reviewed.hash);
    expect(changeLines(ok.remaining)).toEqual([]);
  });
});
