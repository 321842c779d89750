/** Shared by the emulator's tests: real SDK clients pointed at a running emulator. */
import { expect } from 'vitest';
import { clients, type Clients } from '../../emulator/sdk-clients.js';
import { emptyWorld } from '../../emulator/defaults.js';
import { startEmulator } from '../../emulator/index.js';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/options.js';
import type { World } from '../../emulator/world-types.js';

export { clients, type Clients };

export const INSTANCE = 'arn:aws:sso:::instance/ssoins-72230000a1b2c3d4';
export const STORE = 'd-9067000001';
export const MGMT = '111122223333';
export const WORKLOADS = '444455556666';

/** A world with three accounts (management, workloads: a delegated administrator, a suspended one) and an OU. */
export function testWorld(): World {
  const w = emptyWorld();
  w.organization.organizationalUnits = [{ id: 'ou-emul-00000001', name: 'Workloads', parent: 'r-emul' }];
  w.organization.accounts = [
    { id: MGMT, name: 'management', email: 'aws+management@example.com' },
    { id: WORKLOADS, name: 'workloads', parent: 'ou-emul-00000001', tags: { env: 'prod' }, customerManagedPolicies: ['/BaselinePolicy'] },
    { id: '777788889999', name: 'retired', status: 'SUSPENDED' },
  ];
  w.organization.delegatedAdministrators = [WORKLOADS];
  return w;
}

/** Defaults for tests: no rate limit, completion after one poll (never by time), fixed seed. */
export async function start(options: EmulatorOptions = {}): Promise<{ emu: RunningEmulator; c: Clients }> {
  const emu = await startEmulator({ world: testWorld(), rateLimit: 0, asyncPolls: 1, asyncMs: 600_000, seed: 7, ...options });
  return { emu, c: clients(emu) };
}

/** Awaits a rejection and checks the error's name (and HTTP status). */
export async function expectError(p: Promise<unknown>, name: string, status?: number): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err as Error & { $metadata: { httpStatusCode?: number } },
  );
  expect(e, `expected ${name}`).toBeDefined();
  const err = e as Error & { $metadata: { httpStatusCode?: number } };
  expect(err.name).toBe(name);
  if (status !== undefined) expect(err.$metadata.httpStatusCode).toBe(status);
  return err;
}
