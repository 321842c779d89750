import { describe, expect, it } from 'vitest';
import { readOrganization } from '../../src/aws/read-organization.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeGateway } from './fake-gateway.js';
import { smallWorld } from './fixtures.js';

const walk = { walkOuTree: true, readAccountTags: false };

describe('readOrganization with accountsFromWalk (the scoped read)', () => {
  it('reads the same organization as ListAccounts plus the walk, without calling ListAccounts', async () => {
    const listed = new FakeGateway(smallWorld());
    const walked = new FakeGateway(smallWorld());
    const expected = await readOrganization(listed, walk, silentProgress, 3);
    const actual = await readOrganization(walked, { ...walk, accountsFromWalk: true }, silentProgress, 3);
    expect(actual).toEqual(expected);
    expect(actual.accounts.map((a) => [a.id, a.name, a.status, a.parentId])).toEqual([
      ['111111111111', 'management', 'ACTIVE', 'r-abcd'],
      ['222222222222', 'prod', 'ACTIVE', 'ou-abcd-prod'],
      ['333333333333', 'staging', 'ACTIVE', 'ou-abcd-work'],
      ['444444444444', 'old', 'SUSPENDED', 'ou-abcd-work'],
    ]);
    expect(listed.callCounts()['organizations:ListAccounts']).toBe(1);
    expect(walked.callCounts()['organizations:ListAccounts']).toBeUndefined();
  });

  it('still calls ListAccounts when the tree is not walked', async () => {
    const gateway = new FakeGateway(smallWorld());
    const org = await readOrganization(gateway, { walkOuTree: false, readAccountTags: false, accountsFromWalk: true }, silentProgress, 3);
    expect(org.accounts).toHaveLength(4);
    expect(gateway.callCounts()['organizations:ListAccounts']).toBe(1);
    expect(gateway.callCounts()['organizations:ListAccountsForParent']).toBeUndefined();
  });
});
