/**
 * The per-principal read against the emulator: the same assignments as the per-pair read for the
 * principals that exist (pages included), none of a principal deleted from the identity store
 * (which is why the full plan reads per pair), and AccessDenied outside the management account.
 */
import { DeleteUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWorld, startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { readAssignmentsByPrincipal } from '../../src/aws/read-assignments-by-principal.js';
import { readPermissionSets, type RawAssignment } from '../../src/aws/read-permission-sets.js';
import { createSdkGateway } from '../../src/aws/sdk-gateway.js';
import { silentProgress } from '../../src/progress/progress.js';

const credentials = async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' });
let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const key = (a: RawAssignment): string => `${a.accountId} ${a.permissionSet} ${a.principalType} ${a.principalId}`;

async function setUp() {
  // About 350 assignments over 3 users and 2 groups: every principal has more than one page of 100.
  emu = await startEmulator({ world: generateWorld({ accounts: 60, permissionSets: 4, users: 3, groups: 2, assignments: 400 }), rateLimit: 0 });
  const gateway = createSdkGateway({ region: 'us-east-1', endpoint: emu.endpoint, credentials, rateLimit: Infinity });
  const [instance] = await gateway.listInstances();
  if (!instance) throw new Error('no instance');
  const sets = await readPermissionSets(gateway, instance.instanceArn, { permissionSetScope: () => 'full', readOutdatedOf: () => false }, silentProgress, 4);
  const names = new Map(Object.values(sets.permissionSets).map((s) => [s.arn, s.name]));
  const principals = async () => [
    ...(await gateway.listUsers(instance.identityStoreId)).map((u) => ({ principalType: 'USER' as const, principalId: u.userId })),
    ...(await gateway.listGroups(instance.identityStoreId)).map((g) => ({ principalType: 'GROUP' as const, principalId: g.groupId })),
  ];
  const byPrincipal = async () => readAssignmentsByPrincipal(gateway, instance.instanceArn, await principals(), names, 3);
  return { gateway, instance, perPair: sets.assignments, byPrincipal, endpoint: emu.endpoint };
}

describe('readAssignmentsByPrincipal', () => {
  it('finds the same assignments as the per-pair read, across pages, with permission set names', async () => {
    const { gateway, perPair, byPrincipal } = await setUp();
    const before = gateway.callCounts()['sso:ListAccountAssignmentsForPrincipal'] ?? 0;
    const read = await byPrincipal();
    expect(perPair.length).toBeGreaterThan(300);
    expect(read.map(key).sort()).toEqual(perPair.map(key).sort());
    // 5 principals, about 70 assignments each: at least one principal needs a second page.
    expect((gateway.callCounts()['sso:ListAccountAssignmentsForPrincipal'] ?? 0) - before).toBeGreaterThan(5);
  });

  it('cannot see the assignments of a user deleted from the identity store; the per-pair read can', async () => {
    const { instance, perPair, byPrincipal, endpoint } = await setUp();
    const victim = perPair.find((a) => a.principalType === 'USER');
    if (!victim) throw new Error('no user assignment');
    const ids = new IdentitystoreClient({ region: 'us-east-1', endpoint, credentials });
    await ids.send(new DeleteUserCommand({ IdentityStoreId: instance.identityStoreId, UserId: victim.principalId }));
    ids.destroy();
    const read = await byPrincipal();
    const orphans = perPair.filter((a) => a.principalId === victim.principalId);
    expect(orphans.length).toBeGreaterThan(0);
    expect(read.filter((a) => a.principalId === victim.principalId)).toEqual([]);
    expect(read).toHaveLength(perPair.length - orphans.length);
  });
});
