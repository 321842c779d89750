import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreatePermissionSetCommand,
  DeleteInlinePolicyFromPermissionSetCommand,
  DeletePermissionSetCommand,
  DeletePermissionsBoundaryFromPermissionSetCommand,
  DescribeInstanceCommand,
  DescribePermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListTagsForResourceCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePermissionSetCommand,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator/options.js';
import { expectError, INSTANCE, MGMT, start, STORE, type Clients } from './test-helpers.js';

let emu: RunningEmulator;
let c: Clients;
beforeAll(async () => ({ emu, c } = await start()));
afterAll(() => emu.close());

let n = 0;
async function newSet(extra: Record<string, unknown> = {}): Promise<string> {
  const r = await c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: `Set${++n}`, ...extra }));
  return r.PermissionSet!.PermissionSetArn!;
}
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }, null, 2);

describe('instances', () => {
  it('lists the one organization instance and describes it', async () => {
    const r = await c.sso.send(new ListInstancesCommand({}));
    expect(r.Instances).toEqual([expect.objectContaining({ InstanceArn: INSTANCE, IdentityStoreId: STORE, OwnerAccountId: MGMT, Status: 'ACTIVE' })]);
    const d = await c.sso.send(new DescribeInstanceCommand({ InstanceArn: INSTANCE }));
    expect(d.PermissionSetsEnabled).toBe(true);
    await expectError(
      c.sso.send(new DescribeInstanceCommand({ InstanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000' })),
      'ResourceNotFoundException',
      400,
    );
  });
});

describe('permission sets', () => {
  it('creates with a ps-<16 hex> ARN, default PT1H, and describes it', async () => {
    const r = await c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'ReadOnly', Description: 'Read only' }));
    expect(r.PermissionSet?.PermissionSetArn).toMatch(/^arn:aws:sso:::permissionSet\/ssoins-72230000a1b2c3d4\/ps-[0-9a-f]{16}$/);
    expect(r.PermissionSet?.CreatedDate).toBeInstanceOf(Date);
    const d = await c.sso.send(new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: r.PermissionSet!.PermissionSetArn }));
    expect(d.PermissionSet).toMatchObject({ Name: 'ReadOnly', Description: 'Read only', SessionDuration: 'PT1H' });
  });

  it('refuses a duplicate name: ConflictException (409)', async () => {
    await c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'Dup' }));
    await expectError(c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'Dup' })), 'ConflictException', 409);
  });

  it.each([
    ['a name with a space', { Name: 'Has Space' }],
    ['a 33-character name', { Name: 'x'.repeat(33) }],
    ['an emoji in the description', { Name: 'Emoji', Description: 'rocket 🚀' }],
    ['CJK in the description', { Name: 'Cjk', Description: '管理者' }],
    ['a 701-character description', { Name: 'LongDesc', Description: 'd'.repeat(701) }],
    ['a session of 30 minutes', { Name: 'Short', SessionDuration: 'PT30M' }],
    ['a session of 13 hours', { Name: 'Long', SessionDuration: 'PT13H' }],
    ['a session that is not ISO-8601', { Name: 'Bad', SessionDuration: '2h' }],
    ['a relay state with a backtick', { Name: 'Relay', RelayState: 'https://x/`' }],
    ['76 tags', { Name: 'Tags', Tags: Array.from({ length: 76 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }],
  ])('answers ValidationException (400) for %s', async (_label, input) => {
    await expectError(c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, ...input } as never)), 'ValidationException', 400);
  });

  it('accepts Latin-1 descriptions, PT12H and a URL relay state', async () => {
    const arn = await newSet({
      Description: 'Zugriff für Entwickler, Größe ±5 µs',
      SessionDuration: 'PT12H',
      RelayState: 'https://console.aws.amazon.com/s3/home?region=us-east-1#',
    });
    const d = await c.sso.send(new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    expect(d.PermissionSet?.SessionDuration).toBe('PT12H');
  });

  it('UpdatePermissionSet without RelayState clears it', async () => {
    const arn = await newSet({ RelayState: 'https://example.com/start', Description: 'before' });
    await c.sso.send(new UpdatePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn, Description: 'after', SessionDuration: 'PT2H' }));
    const d = await c.sso.send(new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    expect(d.PermissionSet).toMatchObject({ Description: 'after', SessionDuration: 'PT2H' });
    expect(d.PermissionSet?.RelayState).toBeUndefined();
  });

  it('answers ResourceNotFoundException for an unknown set and ValidationException for a malformed ARN', async () => {
    const unknown = 'arn:aws:sso:::permissionSet/ssoins-72230000a1b2c3d4/ps-0000000000000000';
    await expectError(c.sso.send(new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: unknown })), 'ResourceNotFoundException', 400);
    await expectError(c.sso.send(new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: 'ps-123' })), 'ValidationException', 400);
  });

  it('deletes a set without assignments; lists page by 100 at most', async () => {
    const arn = await newSet();
    await c.sso.send(new DeletePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    await expectError(c.sso.send(new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn })), 'ResourceNotFoundException');
    const all: string[] = [];
    let token: string | undefined;
    do {
      const r = await c.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE, MaxResults: 3, NextToken: token }));
      all.push(...(r.PermissionSets ?? []));
      token = r.NextToken;
    } while (token);
    expect(all.length).toBe(emu.state.permissionSets.size);
    expect(all).not.toContain(arn);
    await expectError(c.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE, MaxResults: 101 })), 'ValidationException');
    await expectError(c.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE, NextToken: 'garbage' })), 'ValidationException');
  });
});

describe('policies', () => {
  it('GetInlinePolicy answers "" when none; put stores it (re-formatted), delete removes it', async () => {
    const arn = await newSet();
    const empty = await c.sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    expect(empty.InlinePolicy).toBe('');
    await c.sso.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn, InlinePolicy: POLICY }));
    const got = await c.sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    expect(JSON.parse(got.InlinePolicy!)).toEqual(JSON.parse(POLICY));
    expect(got.InlinePolicy).not.toBe(POLICY);
    await c.sso.send(new DeleteInlinePolicyFromPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    expect((await c.sso.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }))).InlinePolicy).toBe('');
  });

  it('rejects inline policies that are not JSON, not a policy, or too large', async () => {
    const arn = await newSet();
    const put = (p: string): Promise<unknown> =>
      c.sso.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn, InlinePolicy: p }));
    await expectError(put('{not json'), 'ValidationException');
    await expectError(put('{"Version":"2012-10-17"}'), 'ValidationException');
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: Array.from({ length: 800 }, (_, i) => `s3:Action${i}`), Resource: '*' }],
    });
    await expectError(put(big), 'ValidationException');
  });

  it('attaches, lists and detaches AWS managed policies; checks the ARN shape', async () => {
    const arn = await newSet();
    const attach = (p: string): Promise<unknown> =>
      c.sso.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn, ManagedPolicyArn: p }));
    await attach('arn:aws:iam::aws:policy/ReadOnlyAccess');
    await attach('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess');
    await expectError(attach('arn:aws:iam::123456789012:policy/Mine'), 'ValidationException');
    await expectError(attach('arn:aws:iam::aws:policy/ReadOnlyAccess'), 'ConflictException');
    // A well-formed ARN of a policy AWS does not have, such as a typo or a missing path.
    for (const missing of ['arn:aws:iam::aws:policy/ReadOnlyAcess', 'arn:aws:iam::aws:policy/ViewOnlyAccess']) {
      const error = await attach(missing).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ name: 'ResourceNotFoundException', message: `Policy does not exist with ARN: ${missing}` });
    }
    const listed = await c.sso.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    expect(listed.AttachedManagedPolicies).toEqual([
      { Name: 'ReadOnlyAccess', Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      { Name: 'ViewOnlyAccess', Arn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess' },
    ]);
    await c.sso.send(
      new DetachManagedPolicyFromPermissionSetCommand({
        InstanceArn: INSTANCE,
        PermissionSetArn: arn,
        ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    );
    await expectError(
      c.sso.send(
        new DetachManagedPolicyFromPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: arn,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
      ),
      'ResourceNotFoundException',
    );
  });

  it('allows at most 20 managed + customer-managed policies: ServiceQuotaExceededException', async () => {
    const arn = await newSet();
    const managed = [
      'ReadOnlyAccess',
      'PowerUserAccess',
      'SecurityAudit',
      'IAMReadOnlyAccess',
      'AmazonS3ReadOnlyAccess',
      'AmazonEC2ReadOnlyAccess',
      'job-function/Billing',
      'job-function/ViewOnlyAccess',
      'job-function/SupportUser',
      'job-function/DataScientist',
    ];
    for (let i = 0; i < 10; i++) {
      await c.sso.send(
        new AttachManagedPolicyToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: arn,
          ManagedPolicyArn: `arn:aws:iam::aws:policy/${managed[i]}`,
        }),
      );
      await c.sso.send(
        new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: arn,
          CustomerManagedPolicyReference: { Name: `C${i}` },
        }),
      );
    }
    await expectError(
      c.sso.send(
        new AttachManagedPolicyToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: arn,
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
      'ServiceQuotaExceededException',
    );
    const refs = await c.sso.send(
      new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn, MaxResults: 4 }),
    );
    expect(refs.CustomerManagedPolicyReferences).toEqual([0, 1, 2, 3].map((i) => ({ Name: `C${i}`, Path: '/' })));
    expect(refs.NextToken).toBeDefined();
  });

  it('validates customer-managed references (name, path)', async () => {
    const arn = await newSet();
    const attach = (Name: string, Path?: string): Promise<unknown> =>
      c.sso.send(
        new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: arn,
          CustomerManagedPolicyReference: { Name, Path },
        }),
      );
    await attach('Baseline', '/org/');
    await expectError(attach('bad name'), 'ValidationException');
    await expectError(attach('Ok', 'no-slashes'), 'ValidationException');
  });

  it('GetPermissionsBoundary answers ResourceNotFoundException when none; put/get/delete round-trip', async () => {
    const arn = await newSet();
    const get = (): Promise<unknown> => c.sso.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    await expectError(get(), 'ResourceNotFoundException', 400);
    await c.sso.send(
      new PutPermissionsBoundaryToPermissionSetCommand({
        InstanceArn: INSTANCE,
        PermissionSetArn: arn,
        PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/b/' } },
      }),
    );
    expect(await get()).toMatchObject({ PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/b/' } } });
    await expectError(
      c.sso.send(
        new PutPermissionsBoundaryToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: arn,
          PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/X', CustomerManagedPolicyReference: { Name: 'Y' } },
        }),
      ),
      'ValidationException',
    );
    await expectError(
      c.sso.send(
        new PutPermissionsBoundaryToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: arn,
          PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAcess' },
        }),
      ),
      'ResourceNotFoundException',
    );
    expect(await get()).toMatchObject({ PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Boundary', Path: '/b/' } } });
    await c.sso.send(new DeletePermissionsBoundaryFromPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: arn }));
    await expectError(get(), 'ResourceNotFoundException');
  });
});

describe('tags', () => {
  it('tags, lists and untags a permission set; more than 75 in total → ServiceQuotaExceededException', async () => {
    const arn = await newSet({ Tags: [{ Key: 'team', Value: 'platform' }] });
    await c.sso.send(new TagResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn, Tags: [{ Key: 'cost', Value: '42' }] }));
    const listed = await c.sso.send(new ListTagsForResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn }));
    expect(listed.Tags).toEqual([
      { Key: 'team', Value: 'platform' },
      { Key: 'cost', Value: '42' },
    ]);
    await c.sso.send(new UntagResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn, TagKeys: ['team'] }));
    expect((await c.sso.send(new ListTagsForResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn }))).Tags).toEqual([{ Key: 'cost', Value: '42' }]);
    const many = Array.from({ length: 75 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await expectError(c.sso.send(new TagResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn, Tags: many })), 'ServiceQuotaExceededException');
  });
});
