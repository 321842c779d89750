/**
 * Reads with the name cache's names (src/cache/): a set read by name only whose ARN the cache
 * knows costs no DescribePermissionSet; every other set is described as before, and what is read
 * is the same as without the cache.
 */
import { describe, expect, it } from 'vitest';
import { minimumReadCallsByOperation } from '../../bench/lib/call-budget.js';
import { readLive } from '../../src/aws/read-live.js';
import { readPermissionSets } from '../../src/aws/read-permission-sets.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeGateway } from './fake-gateway.js';
import { ARN, desired, INSTANCE_ARN, smallWorld, STORE_ID } from './fixtures.js';

const instance = { instanceArn: INSTANCE_ARN, identityStoreId: STORE_ID, region: 'eu-west-1' };
const smallCounts = { accounts: 4, permissionSets: 4, ignoredPermissionSets: 2, provisionedPairs: 5, users: 3, groups: 2 };
const GONE = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-deleted00000000';
const warm = new Map([
  [ARN.admin, 'Admin'],
  [ARN.readOnly, 'ReadOnly'],
  [ARN.ctAdmin, 'AWSAdministratorAccess'],
  [ARN.ctAudit, 'AWSReadOnlyAccess'],
  // A set deleted since the cache was written: no longer listed, so never used.
  [GONE, 'Deleted'],
]);

describe('a full read with known names', () => {
  it('describes only the sets it reads in full: the ignored ones are named by the cache (the formula with C = 2)', async () => {
    const gateway = new FakeGateway(smallWorld());
    const live = await readLive(gateway, desired(), { progress: silentProgress, instance, concurrency: 3, knownNames: warm });
    expect(live.readCalls).toEqual(minimumReadCallsByOperation({ ...smallCounts, namesFromCache: 2 }));
    expect(live.readCalls['sso:DescribePermissionSet']).toBe(2);
    const cold = await readLive(new FakeGateway(smallWorld()), desired(), { progress: silentProgress, instance, concurrency: 3 });
    expect(Object.keys(live.permissionSets)).toEqual(Object.keys(cold.permissionSets));
    expect(live.permissionSets['Admin']).toEqual(cold.permissionSets['Admin']);
    expect(live.permissionSets['ReadOnly']).toEqual(cold.permissionSets['ReadOnly']);
    expect(live.permissionSets['AWSReadOnlyAccess']).toMatchObject({ arn: ARN.ctAudit, name: 'AWSReadOnlyAccess', provisionedAccountIds: [] });
    expect(live.assignments).toEqual(cold.assignments);
    expect(Object.values(live.permissionSets).map((s) => s.arn)).not.toContain(GONE);
  });
});

describe('readPermissionSets with known names', () => {
  const read = (gateway: FakeGateway, known: ReadonlyMap<string, string>, inScope: readonly string[]) =>
    readPermissionSets(
      gateway,
      INSTANCE_ARN,
      { permissionSetScope: (name) => (inScope.includes(name) ? 'definition' : 'name-only'), readOutdatedOf: () => false },
      silentProgress,
      3,
      known,
    );

  it('a scoped read describes the sets in scope and the ARNs the cache does not know, nothing else', async () => {
    const gateway = new FakeGateway(smallWorld());
    const known = new Map([...warm].filter(([arn]) => arn !== ARN.ctAudit));
    const sets = await read(gateway, known, ['ReadOnly']);
    expect(gateway.callCounts()['sso:DescribePermissionSet']).toBe(2); // ReadOnly (in scope) and AWSReadOnlyAccess (unknown)
    expect(Object.keys(sets.permissionSets)).toEqual(['AWSAdministratorAccess', 'AWSReadOnlyAccess', 'Admin', 'ReadOnly']);
    expect(sets.permissionSets['ReadOnly']?.managedPolicies).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
  });

  it('with an empty cache, describes every set (as before the cache)', async () => {
    const gateway = new FakeGateway(smallWorld());
    await read(gateway, new Map(), ['ReadOnly']);
    expect(gateway.callCounts()['sso:DescribePermissionSet']).toBe(4);
  });

  it('a set created after the cache was written is found (described), a deleted one is not shown', async () => {
    const world = smallWorld();
    world.permissionSets.push({ arn: 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-new', name: 'Billing', provisioned: [] });
    const gateway = new FakeGateway(world);
    const sets = await read(gateway, warm, []);
    expect(gateway.callCounts()['sso:DescribePermissionSet']).toBe(1);
    expect(sets.permissionSets['Billing']?.arn).toBe('arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-new');
    expect(sets.permissionSets['Deleted']).toBeUndefined();
  });
});
