import {
  IdentitystoreClient,
  GetUserIdCommand,
  ListUsersCommand,
  ListGroupMembershipsCommand,
  ResourceNotFoundException as IdsNotFound,
} from '@aws-sdk/client-identitystore';
import {
  ListAccountsCommand,
  OrganizationsClient,
  DescribeOrganizationCommand,
  ListTagsForResourceCommand as OrgListTags,
} from '@aws-sdk/client-organizations';
import {
  AccessDeniedException,
  ConflictException,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ResourceNotFoundException,
  SSOAdminClient,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsCallError } from '../../src/aws/aws-error.js';
import { createSdkGateway } from '../../src/aws/sdk-gateway.js';

const sso = mockClient(SSOAdminClient);
const ids = mockClient(IdentitystoreClient);
const org = mockClient(OrganizationsClient);
const sts = mockClient(STSClient);
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1';
const PS = 'arn:aws:sso:::permissionSet/ssoins-1/ps-1';
const meta = { $metadata: {} };

let sleeps: number[];
let calls: string[];
function gateway() {
  return createSdkGateway({
    region: 'eu-west-1',
    credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-secret' }),
    rateLimit: Infinity,
    sleep: async (ms) => void sleeps.push(ms),
    retry: { random: () => 0.5 },
    onCall: (op) => calls.push(op),
  });
}

beforeEach(() => {
  for (const m of [sso, ids, org, sts]) m.reset();
  sleeps = [];
  calls = [];
});
afterEach(() => {
  for (const m of [sso, ids, org, sts]) m.reset();
});
// The mocks replace the clients' prototype `send`; the unit files after this one share the module.
afterAll(() => {
  for (const m of [sso, ids, org, sts]) m.restore();
});

describe('SDK gateway: pagination', () => {
  it('keeps going over an empty Organizations page that carries a NextToken', async () => {
    org
      .on(ListAccountsCommand)
      .resolvesOnce({ Accounts: [{ Id: '222222222222', Name: 'prod', State: 'ACTIVE' }], NextToken: 't1' })
      .resolvesOnce({ Accounts: [], NextToken: 't2' })
      .resolvesOnce({
        Accounts: [
          { Id: '333333333333', Name: 'old', Status: 'SUSPENDED' },
          { Id: '444444444444', Name: 'new', State: 'PENDING_ACTIVATION' },
        ],
      });
    const g = gateway();
    expect(await g.listAccounts()).toEqual([
      { id: '222222222222', name: 'prod', status: 'ACTIVE' },
      { id: '333333333333', name: 'old', status: 'SUSPENDED' },
      { id: '444444444444', name: 'new', status: 'SUSPENDED' },
    ]);
    const sent = org.commandCalls(ListAccountsCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([
      { MaxResults: 20, NextToken: undefined },
      { MaxResults: 20, NextToken: 't1' },
      { MaxResults: 20, NextToken: 't2' },
    ]);
    expect(g.callCounts()).toEqual({ 'organizations:ListAccounts': 3 });
    expect(calls).toEqual(['organizations:ListAccounts', 'organizations:ListAccounts', 'organizations:ListAccounts']);
  });

  it('pages identity store and sso-admin lists with 100 per page', async () => {
    ids
      .on(ListUsersCommand)
      .resolvesOnce({
        Users: [
          {
            IdentityStoreId: 'd-1',
            UserId: 'u1',
            UserName: 'alice',
            DisplayName: 'Alice',
            Name: { GivenName: 'A', FamilyName: 'L' },
            Emails: [{ Value: 'other@x' }, { Value: 'alice@x', Primary: true }],
          },
        ],
        NextToken: 'n',
      })
      .resolvesOnce({ Users: [{ IdentityStoreId: 'd-1', UserId: 'u2', UserName: 'bob' }] });
    sso
      .on(ListAccountsForProvisionedPermissionSetCommand)
      .resolvesOnce({ AccountIds: ['3', '1'], NextToken: 'x' })
      .resolvesOnce({ AccountIds: ['2'] });
    const g = gateway();
    expect(await g.listUsers('d-1')).toEqual([
      { userId: 'u1', userName: 'alice', displayName: 'Alice', givenName: 'A', familyName: 'L', email: 'alice@x' },
      { userId: 'u2', userName: 'bob', displayName: '', givenName: '', familyName: '', email: '' },
    ]);
    expect(ids.commandCalls(ListUsersCommand)[0]?.args[0].input).toMatchObject({ IdentityStoreId: 'd-1', MaxResults: 100 });
    expect(await g.listAccountsForProvisionedPermissionSet(INSTANCE, PS, true)).toEqual(['1', '2', '3']);
    expect(sso.commandCalls(ListAccountsForProvisionedPermissionSetCommand)[0]?.args[0].input).toMatchObject({
      ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED',
      MaxResults: 100,
    });
    expect(g.callCounts()).toEqual({ 'identitystore:ListUsers': 2, 'sso:ListAccountsForProvisionedPermissionSet': 2 });
  });

  it('refuses a page token that comes back twice instead of looping forever', async () => {
    org.on(ListAccountsCommand).resolves({ Accounts: [], NextToken: 'same' });
    await expect(gateway().listAccounts()).rejects.toThrow(/same page token twice/);
  });

  it('reads memberships, skipping members that are not users', async () => {
    ids.on(ListGroupMembershipsCommand).resolves({
      GroupMemberships: [
        { IdentityStoreId: 'd-1', MembershipId: 'm1', MemberId: { UserId: 'u1' } },
        { IdentityStoreId: 'd-1', MembershipId: 'm2', MemberId: { $unknown: ['Other', 'x'] } },
      ],
    });
    expect(await gateway().listGroupMemberships('d-1', 'g1')).toEqual([{ membershipId: 'm1', userId: 'u1' }]);
  });
});

describe('SDK gateway: retries', () => {
  it('retries throttling and counts every request', async () => {
    sso
      .on(ListPermissionSetsCommand)
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', ...meta }))
      .rejectsOnce(new ThrottlingException({ message: 'Rate exceeded', ...meta }))
      .resolvesOnce({ PermissionSets: [PS] });
    const g = gateway();
    expect(await g.listPermissionSets(INSTANCE)).toEqual([PS]);
    expect(g.callCounts()).toEqual({ 'sso:ListPermissionSets': 3 });
    expect(sleeps).toEqual([250, 500]);
  });

  it('retries a conflicting operation in progress', async () => {
    sso
      .on(ListInstancesCommand)
      .rejectsOnce(new ConflictException({ message: 'Could not complete because of a conflicting operation in process', ...meta }))
      .resolvesOnce({ Instances: [{ InstanceArn: INSTANCE, IdentityStoreId: 'd-1', OwnerAccountId: '111111111111', Status: 'ACTIVE' }] });
    const g = gateway();
    expect(await g.listInstances()).toEqual([{ instanceArn: INSTANCE, identityStoreId: 'd-1', ownerAccountId: '111111111111', status: 'ACTIVE' }]);
    expect(g.callCounts()).toEqual({ 'sso:ListInstances': 2 });
  });

  it('does not retry a validation error, and says what failed', async () => {
    sso.on(ListManagedPoliciesInPermissionSetCommand).rejects(new ValidationException({ message: 'bad ARN', ...meta }));
    const g = gateway();
    const error = await g.listManagedPolicies(INSTANCE, PS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).message).toBe(`Could not list the managed policies of permission set ${PS}: ValidationException: bad ARN`);
    expect(g.callCounts()).toEqual({ 'sso:ListManagedPoliciesInPermissionSet': 1 });
  });

  it('counts the SDK’s own retries from $metadata.attempts', async () => {
    sts
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '111111111111', Arn: 'arn:aws:sts::111111111111:assumed-role/R/s', $metadata: { attempts: 3 } } as never);
    const g = gateway();
    expect(await g.callerIdentity()).toEqual({ accountId: '111111111111', arn: 'arn:aws:sts::111111111111:assumed-role/R/s' });
    expect(g.callCounts()).toEqual({ 'sts:GetCallerIdentity': 3 });
  });
});

describe('SDK gateway: errors and normalisation', () => {
  it('names the permission set, the account and the missing permission on access denied', async () => {
    sso.on(DescribePermissionSetCommand).resolves({ PermissionSet: { Name: 'ReadOnly', PermissionSetArn: PS, SessionDuration: 'PT2H', Description: '' } });
    sso.on(ListAccountAssignmentsCommand).rejects(new AccessDeniedException({ message: 'User is not authorized', ...meta }));
    const g = gateway();
    expect(await g.describePermissionSet(INSTANCE, PS)).toEqual({ arn: PS, name: 'ReadOnly', sessionDuration: 'PT2H' });
    await expect(g.listAccountAssignments(INSTANCE, '111122223333', PS)).rejects.toThrow(
      'Could not list account assignments for permission set ReadOnly on account 111122223333: AccessDeniedException: User is not authorized — the credentials lack the IAM permission sso:ListAccountAssignments',
    );
    expect(sleeps).toEqual([]);
  });

  it('never puts credentials in messages', async () => {
    org.on(DescribeOrganizationCommand).rejects(
      Object.assign(new Error('The security token included in the request is invalid'), {
        name: 'UnrecognizedClientException',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const message = await gateway()
      .describeOrganization()
      .catch((e: Error) => e.message);
    expect(message).toMatch(/^Could not describe the organization: UnrecognizedClientException: .* — no valid AWS credentials: set AWS_PROFILE/);
    expect(message).not.toMatch(/AKIDTEST|not-a-secret/);
  });

  it('says when the endpoint cannot be reached', async () => {
    org.on(OrgListTags).rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }));
    await expect(gateway().listTagsForResource('222222222222')).rejects.toThrow(
      'Could not list the tags of account 222222222222: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4566 — could not reach the AWS endpoint: check the region, the network, and AWS_ENDPOINT_URL if set',
    );
  });

  it('answers undefined for no inline policy (""), no boundary (ResourceNotFound) and an unknown user', async () => {
    sso.on(GetInlinePolicyForPermissionSetCommand).resolves({ InlinePolicy: '' });
    sso.on(GetPermissionsBoundaryForPermissionSetCommand).rejects(new ResourceNotFoundException({ message: 'no boundary', ...meta }));
    ids.on(GetUserIdCommand).rejects(new IdsNotFound({ message: 'USER not found', ...meta }));
    const g = gateway();
    expect(await g.getInlinePolicy(INSTANCE, PS)).toBeUndefined();
    expect(await g.getPermissionsBoundary(INSTANCE, PS)).toBeUndefined();
    expect(await g.getUserId('d-1', 'nobody')).toBeUndefined();
    expect(ids.commandCalls(GetUserIdCommand)[0]?.args[0].input).toEqual({
      IdentityStoreId: 'd-1',
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: 'nobody' } },
    });
  });

  it('maps boundaries of both kinds', async () => {
    sso
      .on(GetPermissionsBoundaryForPermissionSetCommand)
      .resolvesOnce({ PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' } })
      .resolvesOnce({ PermissionsBoundary: { CustomerManagedPolicyReference: { Name: 'Limit' } } });
    const g = gateway();
    expect(await g.getPermissionsBoundary(INSTANCE, PS)).toEqual({ kind: 'aws-managed', arn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
    expect(await g.getPermissionsBoundary(INSTANCE, PS)).toEqual({ kind: 'customer-managed', name: 'Limit', path: '/' });
  });

  it('reads account tags as a sorted record', async () => {
    org.on(OrgListTags).resolves({
      Tags: [
        { Key: 'team', Value: 'core' },
        { Key: 'env', Value: 'prod' },
      ],
    });
    const tags = await gateway().listTagsForResource('222222222222');
    expect(Object.entries(tags)).toEqual([
      ['env', 'prod'],
      ['team', 'core'],
    ]);
  });
});
