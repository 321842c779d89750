import { describe, expect, it } from 'vitest';
import { readPermissionSets } from '../../src/aws/read-permission-sets.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeGateway } from './fake-gateway.js';
import { INSTANCE_ARN, smallWorld } from './fixtures.js';

const read = (gateway: FakeGateway, how: 'full' | 'definition') =>
  readPermissionSets(gateway, INSTANCE_ARN, { permissionSetScope: () => how, readOutdatedOf: () => true }, silentProgress, 3);

describe('readPermissionSets, definition only (a scoped read of a changed set)', () => {
  it('reads the same sets, provisioned accounts included, without listing any assignment', async () => {
    const full = new FakeGateway(smallWorld());
    const definition = new FakeGateway(smallWorld());
    const expected = await read(full, 'full');
    const actual = await read(definition, 'definition');
    expect(actual.permissionSets).toEqual(expected.permissionSets);
    expect(Object.values(actual.permissionSets).some((s) => s.provisionedAccountIds.length > 0)).toBe(true);
    expect(expected.assignments.length).toBeGreaterThan(0);
    expect(actual.assignments).toEqual([]);
    expect(full.callCounts()['sso:ListAccountAssignments']).toBeGreaterThan(0);
    expect(definition.callCounts()['sso:ListAccountAssignments']).toBeUndefined();
  });
});
