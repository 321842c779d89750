import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { CreatePermissionSetCommand, ListPermissionSetsCommand } from '@aws-sdk/client-sso-admin';
import { ListUsersCommand } from '@aws-sdk/client-identitystore';
import { afterEach, describe, expect, it } from 'vitest';
import { assign, newSet, newUser, waitAssignment } from './assignment-helpers.js';
import type { RunningEmulator } from '../../emulator/options.js';
import { clients, expectError, INSTANCE, start, STORE, WORKLOADS } from './test-helpers.js';

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const list = (emuc: ReturnType<typeof clients>): Promise<unknown> => emuc.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE }));

async function burst(n: number, call: () => Promise<unknown>): Promise<{ ok: number; errors: string[]; statuses: number[] }> {
  const results = await Promise.allSettled(Array.from({ length: n }, call));
  const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error & { $metadata?: { httpStatusCode?: number } }] : []));
  return {
    ok: results.length - rejected.length,
    errors: rejected.map((e) => e.name),
    statuses: rejected.map((e) => e.$metadata?.httpStatusCode ?? 0),
  };
}

describe('token bucket', () => {
  it('shares 20 requests per second between sso-admin and identitystore; the rest → ThrottlingException (400 from sso-admin, 429 from identitystore)', async () => {
    ({ emu } = await start({ rateLimit: 20 }));
    const c = clients(emu);
    const started = performance.now();
    const [r, r2] = await Promise.all([burst(15, () => list(c)), burst(15, () => c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE })))]);
    const seconds = (performance.now() - started) / 1000;
    expect(r.ok + r2.ok).toBeGreaterThanOrEqual(20);
    // The bucket refills 20 tokens a second while the burst is under way (longer on a busy
    // machine): at most the 20 it held, those refilled meanwhile, and one being refilled.
    expect(r.ok + r2.ok).toBeLessThanOrEqual(20 + Math.floor(seconds * 20) + 1);
    expect(new Set([...r.errors, ...r2.errors])).toEqual(new Set(['ThrottlingException']));
    expect(new Set(r.statuses)).toEqual(new Set(r.ok < 15 ? [400] : []));
    expect(new Set(r2.statuses)).toEqual(new Set(r2.ok < 15 ? [429] : []));
  });

  it('the SDK retries ThrottlingException by itself', async () => {
    ({ emu } = await start({ rateLimit: 20 }));
    const c = clients(emu, 6);
    const r = await burst(30, () => list(c));
    expect(r.ok).toBe(30);
    expect(emu.errors()['ThrottlingException']).toBeGreaterThan(0);
    expect(emu.calls()['sso-admin:ListPermissionSets']).toBeGreaterThan(30);
  });

  it('refills timeScale times faster: at timeScale 10 a tenth of a second restores the whole bucket', async () => {
    const drainAndRefill = async (timeScale: number): Promise<number> => {
      ({ emu } = await start({ rateLimit: 20, timeScale }));
      const c = clients(emu);
      await burst(20, () => list(c));
      await new Promise((res) => setTimeout(res, 120));
      const r = await burst(15, () => list(c));
      await emu.close();
      emu = undefined;
      return r.ok;
    };
    expect(await drainAndRefill(10)).toBe(15);
    expect(await drainAndRefill(1)).toBeLessThan(15);
  });

  it('Organizations has its own bucket and answers TooManyRequestsException', async () => {
    ({ emu } = await start({ rateLimit: 5 }));
    const c = clients(emu);
    const r = await burst(8, () => c.org.send(new ListAccountsCommand({})));
    expect(r.ok).toBe(5);
    expect(r.errors).toEqual(['TooManyRequestsException', 'TooManyRequestsException', 'TooManyRequestsException']);
    await list(c);
  });
});

describe('faults, latency and counters', () => {
  it('injects throttling, 500s and conflicts at the configured rates, and can be switched off', async () => {
    ({ emu } = await start({ faults: { serverErrorRate: 1 } }));
    const c = clients(emu);
    await expectError(list(c), 'InternalServerException', 500);
    emu.setFaults({ serverErrorRate: 0, throttleRate: 1 });
    await expectError(list(c), 'ThrottlingException');
    emu.setFaults({ throttleRate: 0, conflictRate: 1 });
    await list(c);
    await expectError(c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'X' })), 'ConflictException', 409);
    emu.setFaults({ conflictRate: 0 });
    await c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'X' }));
  });

  it('ends asynchronous operations FAILED at failedStatusRate', async () => {
    ({ emu } = await start({ faults: { failedStatusRate: 1 } }));
    const c = clients(emu);
    const ps = await newSet(c);
    const user = await newUser(c);
    const done = await waitAssignment(c, await assign(c, WORKLOADS, ps, user), 'create');
    expect(done.status.Status).toBe('FAILED');
    expect(done.status.FailureReason).toBeTruthy();
  });

  it('adds latency per call, divided by timeScale', async () => {
    ({ emu } = await start({ latencyMs: 300, timeScale: 10 }));
    const c = clients(emu);
    await list(c);
    const t0 = performance.now();
    await list(c);
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(28);
    expect(ms).toBeLessThan(300);
  });

  it('counts calls per operation, in-process and over HTTP, and resets', async () => {
    ({ emu } = await start());
    const c = clients(emu);
    await list(c);
    await list(c);
    await c.ids.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    expect(emu.calls()).toEqual({ 'identitystore:ListUsers': 1, 'sso-admin:ListPermissionSets': 2 });
    const http = (await (await fetch(`${emu.endpoint}/_emulator/calls`)).json()) as { calls: Record<string, number>; total: number };
    expect(http).toMatchObject({ calls: { 'sso-admin:ListPermissionSets': 2 }, total: 3 });
    await fetch(`${emu.endpoint}/_emulator/calls/reset`, { method: 'POST' });
    expect(emu.calls()).toEqual({});
  });
});
