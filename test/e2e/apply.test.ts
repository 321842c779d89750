/**
 * Issue 5, "What it must show": from empty to the example; from a messy org to the file; deletes
 * in the right order (no ConflictException); re-provisioning once per set. Asserted on the
 * emulator's state.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorldFile } from '../../emulator/index.js';
import { MESSY_YAML, SANDBOX, SHARED, WORKLOADS, aws, messyWorld } from './fixtures/messy.js';
import { accessLines, applied, changeLines, show, startE2E, type E2E } from './harness.js';
import { untouchedParts } from './untouched.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const DEMO = 'emulator/worlds/demo.json';
const DEMO_MGMT = '111122223333';

describe('apply end to end', () => {
  it('plans and applies the example access.yaml to an empty Identity Center, then plans nothing', async () => {
    e2e = await startE2E({ world: await readWorldFile(DEMO) });
    await e2e.write(await readFile('access.yaml', 'utf8'));

    const plan = await e2e.plan();
    expect(changeLines(plan), show(plan)).toEqual([
      `create assignment ReadOnly USER jonathan ${DEMO_MGMT}`,
      `create assignment UploadBackups USER jonathan ${DEMO_MGMT}`,
      'create permission-set ReadOnly',
      'create permission-set UploadBackups',
      'create user jonathan',
    ]);
    expect(accessLines(plan)).toEqual([`gain USER jonathan ReadOnly ${DEMO_MGMT}`, `gain USER jonathan UploadBackups ${DEMO_MGMT}`]);

    const outcome = applied(await e2e.apply({ expectedHash: plan.hash }));
    expect(outcome.report.failed).toEqual([]);
    expect(outcome.report.succeeded).toBe(5);
    expect(changeLines(outcome.remaining)).toEqual([]);

    const world = e2e.emu.dump();
    const jonathan = world.users?.find((u) => u.userName === 'jonathan');
    expect(jonathan).toMatchObject({ displayName: 'Jonathan Bergknoff', givenName: 'Jonathan', familyName: 'Bergknoff' });
    expect(jonathan?.emails?.map((e) => e.value)).toEqual(['jonathan@example.com']);
    const readOnly = world.permissionSets?.find((p) => p.name === 'ReadOnly');
    expect(readOnly).toMatchObject({ description: 'Read-only access to every service', sessionDuration: 'PT8H', managedPolicies: [aws('ReadOnlyAccess')] });
    expect(readOnly?.inlinePolicy).toBeUndefined();
    const upload = world.permissionSets?.find((p) => p.name === 'UploadBackups');
    expect(upload).toMatchObject({ sessionDuration: 'PT1H' });
    expect(JSON.parse(upload?.inlinePolicy ?? 'null')).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ResticBucket', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: 'arn:aws:s3:::my-backups' },
        { Sid: 'ResticObjects', Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::my-backups/*' },
      ],
    });
    expect(world.assignments?.map((a) => `${a.accountId} ${a.permissionSet} ${a.principalType} ${a.principalId}`).sort()).toEqual(
      [readOnly?.arn, upload?.arn].map((arn) => `${DEMO_MGMT} ${arn} USER ${jonathan?.id}`).sort(),
    );

    expect(changeLines(await e2e.plan())).toEqual([]);
    expect((await e2e.apply()).status).toBe('nothing-to-do');
  });

  it('brings a messy organization to the file, touching nothing outside the plan, provisioning once per set', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML);
    const before = e2e.emu.dump();
    e2e.emu.resetCalls();

    const outcome = applied(await e2e.apply());
    expect(outcome.report.failed).toEqual([]);
    expect(changeLines(outcome.remaining), show(outcome.remaining)).toEqual([]);
    expect(changeLines(await e2e.plan())).toEqual([]);

    const after = e2e.emu.dump();
    expect(untouchedParts(after)).toEqual(untouchedParts(before));
    // What the file asks for, in the emulator.
    expect(after.users?.map((u) => u.userName).sort()).toEqual(['alice', 'bob', 'carol', 'jonathan']);
    expect(after.users?.find((u) => u.userName === 'jonathan')?.emails).toEqual([{ value: 'jonathan@example.com', type: 'work', primary: true }]);
    expect(after.groups?.map((g) => g.displayName).sort()).toEqual(['AWSControlTowerAdmins', 'admins', 'auditors']);
    expect(after.permissionSets?.map((p) => p.name).sort()).toEqual(['AWSControlTowerAdmin', 'Audit', 'Billing', 'Deploy', 'ReadOnly']);
    const readOnly = after.permissionSets?.find((p) => p.name === 'ReadOnly');
    expect(readOnly).toMatchObject({
      description: 'Read-only access',
      sessionDuration: 'PT8H',
      managedPolicies: [aws('ReadOnlyAccess')],
      tags: { owner: 'security' },
    });
    expect(readOnly?.relayState).toBeUndefined();
    expect(after.permissionSets?.find((p) => p.name === 'Billing')?.permissionsBoundary).toEqual({ managedPolicyArn: aws('PowerUserAccess') });
    expect(after.permissionSets?.find((p) => p.name === 'Deploy')?.permissionsBoundary).toBeUndefined();
    // Every provisioned (set, account) pair is up to date.
    expect((after.provisioning ?? []).filter((p) => p.status !== 'LATEST_PERMISSION_SET_PROVISIONED')).toEqual([]);

    // One ProvisionPermissionSet per set with a provision change (3 edited + 1 out of date), no more.
    const provisioned = new Set(outcome.plan.changes.flatMap((c) => (c.kind === 'provision' ? [c.permissionSet] : [])));
    expect([...provisioned].sort()).toEqual(['Audit', 'Billing', 'Deploy', 'ReadOnly']);
    expect(e2e.emu.calls()['sso-admin:ProvisionPermissionSet']).toBe(provisioned.size);
    expect(e2e.emu.errors()['ConflictException']).toBeUndefined();
  });

  it('deletes a permission set assigned in 3 accounts: assignments first, every deletion awaited, no conflict', async () => {
    const world = messyWorld();
    const temp = 'arn:aws:sso:::permissionSet/ssoins-72230000a1b2c3d4/ps-2000000000000001';
    world.permissionSets?.push({ arn: temp, name: 'Temp', description: 'To be removed', managedPolicies: [aws('ReadOnlyAccess')] });
    const alice = world.users?.find((u) => u.userName === 'alice')?.id ?? '';
    const admins = world.groups?.find((g) => g.displayName === 'admins')?.id ?? '';
    for (const accountId of [WORKLOADS, SANDBOX, SHARED]) {
      world.assignments?.push({ accountId, permissionSet: temp, principalType: 'USER', principalId: alice });
    }
    world.assignments?.push({ accountId: WORKLOADS, permissionSet: temp, principalType: 'GROUP', principalId: admins });
    // Slow deletions (several polls each): deleting the set before they end would conflict.
    e2e = await startE2E({ world, emulator: { asyncPolls: 3, asyncMs: 150 } });
    await e2e.write(MESSY_YAML);

    const plan = await e2e.plan();
    expect(changeLines(plan).filter((l) => l.includes('Temp'))).toEqual([
      `delete assignment Temp GROUP admins ${WORKLOADS}`,
      `delete assignment Temp USER alice ${WORKLOADS}`,
      `delete assignment Temp USER alice ${SANDBOX}`,
      `delete assignment Temp USER alice ${SHARED}`,
      'delete permission-set Temp',
    ]);
    e2e.emu.resetCalls();
    const outcome = applied(await e2e.apply());
    expect(outcome.report.failed).toEqual([]);
    expect(outcome.report.skipped).toBe(0);
    expect(changeLines(outcome.remaining)).toEqual([]);
    const after = e2e.emu.dump();
    expect(after.permissionSets?.some((p) => p.name === 'Temp')).toBe(false);
    expect(after.assignments?.some((a) => a.permissionSet === temp)).toBe(false);
    expect(e2e.emu.errors()['ConflictException']).toBeUndefined();
    expect(e2e.emu.calls()['sso-admin:DeletePermissionSet']).toBe(2); // Temp and Legacy, once each
    expect(e2e.emu.calls()['sso-admin:DescribeAccountAssignmentDeletionStatus']).toBeGreaterThanOrEqual(4 * 3);
  });

  it('re-provisions a set edited in several ways once, to every account it is provisioned to', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML);
    applied(await e2e.apply());
    // Edit Audit (provisioned to 3 accounts) in four ways, and nothing else.
    await e2e.write(
      MESSY_YAML.replace(
        '  Audit:\n    description: Audit\n    managed_policies: [SecurityAudit]\n',
        '  Audit:\n    description: Audit everything\n    session_duration: PT2H\n    managed_policies: [SecurityAudit, job-function/ViewOnlyAccess]\n' +
          '    permissions_boundary: { managed_policy: ReadOnlyAccess }\n    tags: { team: security }\n',
      ),
    );
    const plan = await e2e.plan();
    expect(changeLines(plan)).toEqual([
      `provision Audit edited ${WORKLOADS},${SANDBOX},${SHARED}`,
      'update permission-set Audit [description,sessionDuration,managedPolicies,permissionsBoundary,tags]',
    ]);
    e2e.emu.resetCalls();
    const outcome = applied(await e2e.apply());
    expect(outcome.report.failed).toEqual([]);
    expect(changeLines(outcome.remaining)).toEqual([]);
    const calls = e2e.emu.calls();
    expect(calls['sso-admin:ProvisionPermissionSet']).toBe(1);
    expect(calls['sso-admin:UpdatePermissionSet']).toBe(1);
    expect(calls['sso-admin:CreateAccountAssignment']).toBeUndefined();
    const audit = e2e.emu.dump().permissionSets?.find((p) => p.name === 'Audit');
    expect(audit).toMatchObject({ description: 'Audit everything', sessionDuration: 'PT2H', tags: { team: 'security' } });
    expect(audit?.managedPolicies?.slice().sort()).toEqual([aws('SecurityAudit'), aws('job-function/ViewOnlyAccess')]);
  });
});
