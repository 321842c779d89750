import {
  DeletePermissionSetCommand,
  ListAccountAssignmentCreationStatusCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  ProvisionPermissionSetCommand,
  PutInlinePolicyToPermissionSetCommand,
  TagResourceCommand,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/options.js';
import { assign, assignmentsOf, newGroup, newSet, newUser, unassign, waitAssignment, waitProvisioning } from './assignment-helpers.js';
import { expectError, INSTANCE, MGMT, start, WORKLOADS, type Clients } from './test-helpers.js';

let emu: RunningEmulator;
let c: Clients;
beforeEach(async () => ({ emu, c } = await start()));
afterEach(() => emu.close());

const accountsFor = async (ps: string, status?: 'LATEST_PERMISSION_SET_PROVISIONED' | 'LATEST_PERMISSION_SET_NOT_PROVISIONED'): Promise<string[]> =>
  (
    await c.sso.send(
      new ListAccountsForProvisionedPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, ...(status ? { ProvisioningStatus: status } : {}) }),
    )
  ).AccountIds ?? [];
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';

describe('account assignments', () => {
  it('are IN_PROGRESS with a request ID, SUCCEEDED after the configured polls, and visible only then', async () => {
    const ps = await newSet(c);
    const user = await newUser(c);
    const s = await assign(c, WORKLOADS, ps, user);
    expect(s).toMatchObject({
      Status: 'IN_PROGRESS',
      TargetId: WORKLOADS,
      TargetType: 'AWS_ACCOUNT',
      PermissionSetArn: ps,
      PrincipalType: 'USER',
      PrincipalId: user,
    });
    expect(s.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await assignmentsOf(c, WORKLOADS, ps)).toEqual([]);
    const done = await waitAssignment(c, s, 'create');
    expect(done.status.Status).toBe('SUCCEEDED');
    expect(done.polls).toBe(2);
    expect(await assignmentsOf(c, WORKLOADS, ps)).toEqual([`USER:${user}`]);
  });

  it('completes by time too (asyncMs scaled by timeScale) without polls', async () => {
    await emu.close();
    ({ emu, c } = await start({ asyncPolls: 1000, asyncMs: 2000, timeScale: 100 }));
    const ps = await newSet(c);
    const user = await newUser(c);
    await assign(c, WORKLOADS, ps, user);
    await new Promise((r) => setTimeout(r, 40));
    expect(await assignmentsOf(c, WORKLOADS, ps)).toEqual([`USER:${user}`]);
  });

  it('creating an assignment that already exists does not fail', async () => {
    const ps = await newSet(c);
    const group = await newGroup(c);
    await waitAssignment(c, await assign(c, WORKLOADS, ps, group, 'GROUP'), 'create');
    const again = await waitAssignment(c, await assign(c, WORKLOADS, ps, group, 'GROUP'), 'create');
    expect(again.status.Status).toBe('SUCCEEDED');
    expect(await assignmentsOf(c, WORKLOADS, ps)).toEqual([`GROUP:${group}`]);
  });

  it('creating an assignment provisions the set to the account; removing the last one unprovisions it', async () => {
    const ps = await newSet(c);
    const [u1, u2] = [await newUser(c), await newUser(c)];
    await waitAssignment(c, await assign(c, WORKLOADS, ps, u1), 'create');
    await waitAssignment(c, await assign(c, WORKLOADS, ps, u2), 'create');
    expect(await accountsFor(ps)).toEqual([WORKLOADS]);
    const toAccount = await c.sso.send(new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: INSTANCE, AccountId: WORKLOADS }));
    expect(toAccount.PermissionSets).toEqual([ps]);
    await waitAssignment(c, await unassign(c, WORKLOADS, ps, u1), 'delete');
    expect(await accountsFor(ps)).toEqual([WORKLOADS]);
    const del = await waitAssignment(c, await unassign(c, WORKLOADS, ps, u2), 'delete');
    expect(del.status.Status).toBe('SUCCEEDED');
    expect(await accountsFor(ps)).toEqual([]);
    expect(await assignmentsOf(c, WORKLOADS, ps)).toEqual([]);
  });

  it('FAILED with a reason when a referenced customer-managed policy is missing in the account', async () => {
    const ok = await newSet(c, 'BaselinePolicy');
    const bad = await newSet(c, 'NotThere');
    const user = await newUser(c);
    expect((await waitAssignment(c, await assign(c, WORKLOADS, ok, user), 'create')).status.Status).toBe('SUCCEEDED');
    const failed = await waitAssignment(c, await assign(c, WORKLOADS, bad, user), 'create');
    expect(failed.status.Status).toBe('FAILED');
    expect(failed.status.FailureReason).toContain(`arn:aws:iam::${WORKLOADS}:policy/NotThere`);
    expect(await assignmentsOf(c, WORKLOADS, bad)).toEqual([]);
    const list = await c.sso.send(new ListAccountAssignmentCreationStatusCommand({ InstanceArn: INSTANCE, Filter: { Status: 'FAILED' } }));
    expect(list.AccountAssignmentsCreationStatus?.map((s) => s.RequestId)).toEqual([failed.status.RequestId]);
  });

  it('FAILED for a suspended account; ResourceNotFoundException for an unknown principal or account', async () => {
    const ps = await newSet(c);
    const user = await newUser(c);
    expect((await waitAssignment(c, await assign(c, '777788889999', ps, user), 'create')).status.Status).toBe('FAILED');
    await expectError(assign(c, WORKLOADS, ps, '00000000-0000-4000-8000-000000000000'), 'ResourceNotFoundException');
    await expectError(assign(c, '000000000000', ps, user), 'ResourceNotFoundException');
    await expectError(assign(c, '12345', ps, user), 'ValidationException');
  });

  it('at most 10 CreateAccountAssignment outstanding: the 11th answers ThrottlingException', async () => {
    const ps = await newSet(c);
    const users: string[] = [];
    for (let i = 0; i < 11; i++) users.push(await newUser(c));
    for (let i = 0; i < 10; i++) await assign(c, WORKLOADS, ps, users[i]!);
    const e = await expectError(assign(c, WORKLOADS, ps, users[10]!), 'ThrottlingException', 400);
    expect(e.message).toMatch(/too many requests/i);
  });
});

describe('provisioning', () => {
  it('an edit marks provisioned accounts LATEST_PERMISSION_SET_NOT_PROVISIONED until ProvisionPermissionSet succeeds', async () => {
    const ps = await newSet(c);
    const user = await newUser(c);
    await waitAssignment(c, await assign(c, WORKLOADS, ps, user), 'create');
    await c.sso.send(new TagResourceCommand({ InstanceArn: INSTANCE, ResourceArn: ps, Tags: [{ Key: 'a', Value: 'b' }] }));
    expect(await accountsFor(ps, 'LATEST_PERMISSION_SET_NOT_PROVISIONED')).toEqual([]);
    await c.sso.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, InlinePolicy: POLICY }));
    expect(await accountsFor(ps, 'LATEST_PERMISSION_SET_NOT_PROVISIONED')).toEqual([WORKLOADS]);
    expect(await accountsFor(ps, 'LATEST_PERMISSION_SET_PROVISIONED')).toEqual([]);
    const stale = await c.sso.send(
      new ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn: INSTANCE,
        AccountId: WORKLOADS,
        ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
      }),
    );
    expect(stale.PermissionSets).toEqual([ps]);
    const p = await c.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }));
    expect(p.PermissionSetProvisioningStatus).toMatchObject({ Status: 'IN_PROGRESS', PermissionSetArn: ps });
    expect(await accountsFor(ps, 'LATEST_PERMISSION_SET_NOT_PROVISIONED')).toEqual([WORKLOADS]);
    expect((await waitProvisioning(c, p.PermissionSetProvisioningStatus!)).Status).toBe('SUCCEEDED');
    expect(await accountsFor(ps, 'LATEST_PERMISSION_SET_PROVISIONED')).toEqual([WORKLOADS]);
  });

  it('provisioning FAILS with a reason when the account lacks a customer-managed policy', async () => {
    const ps = await newSet(c, 'Missing');
    const p = await c.sso.send(
      new ProvisionPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, TargetType: 'AWS_ACCOUNT', TargetId: WORKLOADS }),
    );
    const done = await waitProvisioning(c, p.PermissionSetProvisioningStatus!);
    expect(done).toMatchObject({ Status: 'FAILED', AccountId: WORKLOADS });
    expect(done.FailureReason).toMatch(/Missing/);
  });

  it('DeletePermissionSet while it has assignments or is provisioned → ConflictException', async () => {
    const ps = await newSet(c);
    const user = await newUser(c);
    await waitAssignment(c, await assign(c, WORKLOADS, ps, user), 'create');
    await expectError(c.sso.send(new DeletePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps })), 'ConflictException', 409);
    await waitAssignment(c, await unassign(c, WORKLOADS, ps, user), 'delete');
    await c.sso.send(new DeletePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps }));
  });
});

describe('concurrent writes', () => {
  it('an update while the set has an operation IN_PROGRESS → ConflictException', async () => {
    const ps = await newSet(c);
    const user = await newUser(c);
    await waitAssignment(c, await assign(c, WORKLOADS, ps, user), 'create');
    await c.sso.send(new UpdatePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, Description: 'v2' }));
    const p = await c.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, TargetType: 'ALL_PROVISIONED_ACCOUNTS' }));
    await expectError(c.sso.send(new UpdatePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, Description: 'v3' })), 'ConflictException', 409);
    await expectError(
      c.sso.send(new ProvisionPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, TargetType: 'ALL_PROVISIONED_ACCOUNTS' })),
      'ConflictException',
    );
    await waitProvisioning(c, p.PermissionSetProvisioningStatus!);
    await c.sso.send(new UpdatePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, Description: 'v3' }));
  });

  it('one permission set role per account at a time: another set on the same account → ConflictException, other accounts fine', async () => {
    const [a, b] = [await newSet(c), await newSet(c)];
    const user = await newUser(c);
    const first = await assign(c, WORKLOADS, a, user);
    await expectError(assign(c, WORKLOADS, b, user), 'ConflictException', 409);
    await assign(c, MGMT, b, user);
    await waitAssignment(c, first, 'create');
    expect((await assign(c, WORKLOADS, b, user)).Status).toBe('IN_PROGRESS');
  });
});

describe('delegated administrator', () => {
  it('AccessDenied on assignments in the management account and on sets provisioned there', async () => {
    const ps = await newSet(c);
    const other = await newSet(c);
    const user = await newUser(c);
    await waitAssignment(c, await assign(c, MGMT, ps, user), 'create');
    emu.setCaller({ accountId: WORKLOADS, arn: `arn:aws:sts::${WORKLOADS}:assumed-role/Delegated/ci` });
    await expectError(assign(c, MGMT, other, user), 'AccessDeniedException', 403);
    await expectError(c.sso.send(new UpdatePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, Description: 'x' })), 'AccessDeniedException');
    await expectError(assign(c, WORKLOADS, ps, user), 'AccessDeniedException');
    await expectError(
      c.sso.send(new ListAccountAssignmentsForPrincipalCommand({ InstanceArn: INSTANCE, PrincipalId: user, PrincipalType: 'USER' })),
      'AccessDeniedException',
    );
    expect((await waitAssignment(c, await assign(c, WORKLOADS, other, user), 'create')).status.Status).toBe('SUCCEEDED');
  });

  it('the management account lists assignments for a principal, filtered by account', async () => {
    const [a, b] = [await newSet(c), await newSet(c)];
    const group = await newGroup(c);
    await waitAssignment(c, await assign(c, WORKLOADS, a, group, 'GROUP'), 'create');
    await waitAssignment(c, await assign(c, MGMT, b, group, 'GROUP'), 'create');
    const all = await c.sso.send(new ListAccountAssignmentsForPrincipalCommand({ InstanceArn: INSTANCE, PrincipalId: group, PrincipalType: 'GROUP' }));
    expect(all.AccountAssignments?.map((x) => x.AccountId).sort()).toEqual([MGMT, WORKLOADS]);
    const one = await c.sso.send(
      new ListAccountAssignmentsForPrincipalCommand({ InstanceArn: INSTANCE, PrincipalId: group, PrincipalType: 'GROUP', Filter: { AccountId: WORKLOADS } }),
    );
    expect(one.AccountAssignments).toEqual([{ AccountId: WORKLOADS, PermissionSetArn: a, PrincipalId: group, PrincipalType: 'GROUP' }]);
  });
});
