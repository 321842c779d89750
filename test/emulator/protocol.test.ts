import { ListInstancesCommand, SSOAdminClient, UpdatePermissionSetCommand } from '@aws-sdk/client-sso-admin';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, newSet, newUser } from './assignment-helpers.js';
import type { RunningEmulator } from '../../emulator/options.js';
import { clients, expectError, INSTANCE, MGMT, start, WORKLOADS, type Clients } from './test-helpers.js';
import type { World } from '../../emulator/world-types.js';

let emu: RunningEmulator;
let c: Clients;
beforeAll(async () => ({ emu, c } = await start()));
afterAll(() => emu.close());

const post = (path: string, body: unknown): Promise<Response> => fetch(`${emu.endpoint}${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('wire protocol', () => {
  it('works through AWS_ENDPOINT_URL with dummy credentials from the environment', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ENDPOINT_URL: emu.endpoint, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
    try {
      const r = await new SSOAdminClient({}).send(new ListInstancesCommand({}));
      expect(r.Instances?.[0]?.InstanceArn).toBe(INSTANCE);
      const id = await new STSClient({}).send(new GetCallerIdentityCommand({}));
      expect(id.Account).toBe(MGMT);
    } finally {
      process.env = saved;
    }
  });

  it('answers UnknownOperationException for an operation it does not know', async () => {
    const r = await fetch(emu.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'SWBExternalService.CreateApplication', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { __type: string }).__type).toBe('UnknownOperationException');
    const other = await fetch(emu.endpoint, { method: 'POST', headers: { 'x-amz-target': 'Nope.Thing' }, body: '{}' });
    expect(((await other.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  });

  it('sts GetCallerIdentity names the configured caller (awsQuery, XML)', async () => {
    const id = await c.sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: MGMT, Arn: `arn:aws:sts::${MGMT}:assumed-role/IdcGitOpsAdmin/emulator` });
  });

  it('sts AssumeRoleWithWebIdentity returns credentials that act as the role’s account', async () => {
    const jwt = [
      'e30',
      Buffer.from(JSON.stringify({ sub: 'repo:acme/access:ref:refs/heads/main', aud: 'sts.amazonaws.com' })).toString('base64url'),
      'sig',
    ].join('.');
    const r = await c.sts.send(
      new AssumeRoleWithWebIdentityCommand({ RoleArn: `arn:aws:iam::${WORKLOADS}:role/IdcDelegated`, RoleSessionName: 'gha', WebIdentityToken: jwt }),
    );
    expect(r.SubjectFromWebIdentityToken).toBe('repo:acme/access:ref:refs/heads/main');
    expect(r.Credentials?.Expiration).toBeInstanceOf(Date);
    const assumed = clients(emu, 1, r.Credentials!.AccessKeyId!);
    const id = await assumed.sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Account: WORKLOADS, Arn: `arn:aws:sts::${WORKLOADS}:assumed-role/IdcDelegated/gha` });
    await expectError(assign(assumed, MGMT, await newSet(c), await newUser(c)), 'AccessDeniedException');
    await expectError(
      c.sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: 'not-an-arn', RoleSessionName: 'x', WebIdentityToken: jwt })),
      'ValidationError',
    );
  });
});

describe('HTTP control endpoints', () => {
  it('GET /_emulator/world dumps the state; POST /_emulator/world replaces it', async () => {
    const world = (await (await fetch(`${emu.endpoint}/_emulator/world`)).json()) as World;
    expect(world.organization.managementAccountId).toBe(MGMT);
    world.organization.accounts.push({ id: '121212121212', name: 'added' });
    expect((await post('/_emulator/world', world)).status).toBe(200);
    expect(emu.state.accounts.has('121212121212')).toBe(true);
  });

  it('POST /_emulator/faults merges fault rates; POST /_emulator/caller switches the caller', async () => {
    const r = (await (await post('/_emulator/faults', { serverErrorRate: 1 })).json()) as Record<string, number>;
    expect(r).toMatchObject({ serverErrorRate: 1, throttleRate: 0 });
    await expectError(c.sso.send(new ListInstancesCommand({})), 'InternalServerException', 500);
    await post('/_emulator/faults', { serverErrorRate: 0 });
    await post('/_emulator/caller', { accountId: WORKLOADS, arn: `arn:aws:sts::${WORKLOADS}:assumed-role/Other/x` });
    expect((await c.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(WORKLOADS);
    await post('/_emulator/caller', { accountId: MGMT, arn: `arn:aws:sts::${MGMT}:assumed-role/Admin/x` });
  });

  it('POST /_emulator/settle completes every pending operation; unknown paths → 404', async () => {
    const ps = await newSet(c);
    await assign(c, WORKLOADS, ps, await newUser(c));
    await expectError(c.sso.send(new UpdatePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, Description: 'x' })), 'ConflictException');
    await post('/_emulator/settle', {});
    await c.sso.send(new UpdatePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ps, Description: 'x' }));
    expect((await fetch(`${emu.endpoint}/_emulator/nothing`)).status).toBe(404);
  });
});
