/**
 * UpdateUser carries exactly the attribute operations of the fields the plan shows as changed:
 * an email change keeps the user's other addresses and the address's type.
 */
import { DescribeUserCommand, IdentitystoreClient, UpdateGroupCommand, UpdateUserCommand } from '@aws-sdk/client-identitystore';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSdkGateway } from '../../src/aws/sdk-gateway.js';
import { emailsWith, userOperations } from '../../src/aws/sdk-identity-store.js';
import type { User } from '../../src/model/identity.js';

const ids = mockClient(IdentitystoreClient);
const STORE = 'd-1234567890';
const USER_ID = '11111111-2222-3333-4444-555555555555';
const meta = { $metadata: {} };

function gateway() {
  return createSdkGateway({
    region: 'eu-west-1',
    credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' }),
    rateLimit: Infinity,
    sleep: async () => {},
    retry: { random: () => 0.5 },
  });
}

const jonathan: User = { userName: 'jonathan', displayName: 'Jonathan Q.', givenName: 'Jonathan', familyName: 'Quinn', email: 'jq@example.com' };

beforeEach(() => ids.reset());
afterEach(() => ids.reset());
// The mock replaces the client's prototype `send`; the unit files after this one share the module.
afterAll(() => ids.restore());

describe('UpdateUser sends only what the plan shows', () => {
  it('a display-name change sends exactly one operation, on displayName, and reads nothing', async () => {
    ids.on(UpdateUserCommand).resolves(meta);
    await gateway().updateUser(STORE, USER_ID, jonathan, ['displayName']);
    const sent = ids.commandCalls(UpdateUserCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([{ IdentityStoreId: STORE, UserId: USER_ID, Operations: [{ AttributePath: 'displayName', AttributeValue: 'Jonathan Q.' }] }]);
    expect(ids.commandCalls(DescribeUserCommand)).toHaveLength(0);
  });

  it('an email change replaces only the primary address and keeps the others and its type', async () => {
    ids.on(DescribeUserCommand).resolves({
      ...meta,
      IdentityStoreId: STORE,
      UserId: USER_ID,
      Emails: [
        { Value: 'backup@example.org', Type: 'other', Primary: false },
        { Value: 'old@example.com', Type: 'home', Primary: true },
      ],
    });
    ids.on(UpdateUserCommand).resolves(meta);
    await gateway().updateUser(STORE, USER_ID, jonathan, ['email', 'familyName']);
    const [sent] = ids.commandCalls(UpdateUserCommand).map((c) => c.args[0].input.Operations);
    expect(sent).toEqual([
      {
        AttributePath: 'emails',
        AttributeValue: [
          { value: 'backup@example.org', type: 'other', primary: false },
          { value: 'jq@example.com', type: 'home', primary: true },
        ],
      },
      { AttributePath: 'name.familyName', AttributeValue: 'Quinn' },
    ]);
  });

  it('sends one operation per changed field, for every combination of fields', () => {
    const all = ['displayName', 'email', 'familyName', 'givenName'] as const;
    const paths = { displayName: 'displayName', email: 'emails', familyName: 'name.familyName', givenName: 'name.givenName' };
    for (let mask = 0; mask < 1 << all.length; mask++) {
      const fields = all.filter((_, i) => mask & (1 << i));
      const ops = userOperations(jonathan, fields, []);
      expect(ops.map((o) => o.AttributePath)).toEqual(fields.map((f) => paths[f]));
    }
  });

  it('sends no UpdateUser at all when no field changed', async () => {
    await gateway().updateUser(STORE, USER_ID, jonathan, []);
    expect(ids.commandCalls(UpdateUserCommand)).toHaveLength(0);
  });

  it('gives a user without any email one primary work address; without a primary, the first entry is the managed one', () => {
    expect(emailsWith([], 'a@example.com')).toEqual([{ value: 'a@example.com', type: 'work', primary: true }]);
    expect(emailsWith([{ Value: 'x@example.com' }, { Value: 'y@example.com', Type: 'work' }], 'a@example.com')).toEqual([
      { value: 'a@example.com' },
      { value: 'y@example.com', type: 'work' },
    ]);
  });
});

describe('UpdateGroup sends only the description', () => {
  it('one operation on description; none on displayName (the group key)', async () => {
    ids.on(UpdateGroupCommand).resolves(meta);
    await gateway().updateGroup(STORE, USER_ID, 'On-call engineers');
    await gateway().updateGroup(STORE, USER_ID, undefined);
    const sent = ids.commandCalls(UpdateGroupCommand).map((c) => c.args[0].input.Operations);
    expect(sent).toEqual([[{ AttributePath: 'description', AttributeValue: 'On-call engineers' }], [{ AttributePath: 'description' }]]);
  });
});
