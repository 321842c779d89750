/**
 * The emulator's STS with the roles of examples/iam: through the real SDK, a token assumes a role
 * only when the role's trust policy allows its `aud` and `sub`, and the session may only make the
 * calls the role's permission policy lists; without the `iam` option nothing is checked.
 */
import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-identitystore';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { CreatePermissionSetCommand, ListInstancesCommand, ListPermissionSetsCommand } from '@aws-sdk/client-sso-admin';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { applyRoleArn, exampleRoles, planRoleArn, type RepositoryIdentity } from '../../emulator/example-roles.js';
import { evaluate, wildcardMatch } from '../../emulator/iam-policy.js';
import { authorize } from '../../emulator/iam-roles.js';
import type { RunningEmulator } from '../../emulator/options.js';
import { clients, expectError, INSTANCE, MGMT, start, STORE } from './test-helpers.js';

const REPO: RepositoryIdentity = { accountId: MGMT, owner: 'acme', repo: 'access' };

function token(claims: { sub?: string; aud?: string; iss?: string }): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://token.actions.githubusercontent.com', aud: 'sts.amazonaws.com', ...claims })}.c2ln`;
}

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

async function assume(e: RunningEmulator, roleArn: string, claims: Parameters<typeof token>[0]) {
  const out = await clients(e).sts.send(
    new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'idc-gitops-1', WebIdentityToken: token(claims) }),
  );
  return clients(e, 1, out.Credentials!.AccessKeyId!);
}

describe('AssumeRoleWithWebIdentity against the trust policies of examples/iam', () => {
  it('a pull request token assumes the plan role, not the apply role; main assumes both', async () => {
    ({ emu } = await start({ iam: exampleRoles(REPO) }));
    const pr = { sub: 'repo:acme/access:pull_request' };
    const main = { sub: 'repo:acme/access:ref:refs/heads/main' };
    await assume(emu, planRoleArn(MGMT), pr);
    await assume(emu, planRoleArn(MGMT), main);
    await assume(emu, applyRoleArn(MGMT), main);
    const refused = await expectError(assume(emu, applyRoleArn(MGMT), pr), 'AccessDenied', 403);
    expect(refused.message).toBe('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    // Another repository, another branch, another audience, another issuer, an unknown role.
    await expectError(assume(emu, planRoleArn(MGMT), { sub: 'repo:mallory/access:pull_request' }), 'AccessDenied', 403);
    await expectError(assume(emu, applyRoleArn(MGMT), { sub: 'repo:acme/access:ref:refs/heads/dev' }), 'AccessDenied', 403);
    await expectError(assume(emu, planRoleArn(MGMT), { ...pr, aud: 'https://github.com/acme' }), 'InvalidIdentityTokenException', 400);
    await expectError(assume(emu, planRoleArn(MGMT), { ...pr, iss: 'https://evil.example' }), 'InvalidIdentityTokenException', 400);
    await expectError(assume(emu, 'arn:aws:iam::111122223333:role/admin', main), 'AccessDenied', 403);
    expect(emu.errors()).toMatchObject({ AccessDenied: 4, InvalidIdentityToken: 2 });
  });

  it('the immutable subject form, and an apply role bound to an environment', async () => {
    ({ emu } = await start({ iam: exampleRoles({ ...REPO, ownerId: '123456', repoId: '456789', applyEnvironment: 'prod' }) }));
    await assume(emu, planRoleArn(MGMT), { sub: 'repo:acme@123456/access@456789:pull_request' });
    await assume(emu, applyRoleArn(MGMT), { sub: 'repo:acme@123456/access@456789:environment:prod' });
    // The name form no longer matches, nor does main without the environment, nor a recycled name.
    await expectError(assume(emu, planRoleArn(MGMT), { sub: 'repo:acme/access:pull_request' }), 'AccessDenied');
    await expectError(assume(emu, applyRoleArn(MGMT), { sub: 'repo:acme@123456/access@456789:ref:refs/heads/main' }), 'AccessDenied');
    await expectError(assume(emu, applyRoleArn(MGMT), { sub: 'repo:acme@999/access@456789:environment:prod' }), 'AccessDenied');
  });

  it('without the iam option any token assumes any role, and the session may do everything (as before)', async () => {
    ({ emu } = await start());
    const c = await assume(emu, 'arn:aws:iam::111122223333:role/anything', { sub: 'whatever', aud: 'x', iss: 'y' });
    await c.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'Anything' }));
  });
});

describe('the role sessions answer AccessDeniedException outside their permission policy', () => {
  it('the plan role reads everything the engine reads and every write is refused; the apply role writes', async () => {
    ({ emu } = await start({ iam: exampleRoles(REPO) }));
    const plan = await assume(emu, planRoleArn(MGMT), { sub: 'repo:acme/access:pull_request' });
    await plan.sso.send(new ListInstancesCommand({}));
    await plan.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE }));
    await plan.ids.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    await plan.org.send(new ListAccountsCommand({}));
    const denied = await expectError(plan.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'Sneaky' })), 'AccessDeniedException', 403);
    expect(denied.message).toBe(
      `User: arn:aws:sts::${MGMT}:assumed-role/idc-gitops-plan/idc-gitops-1 is not authorized to perform: sso:CreatePermissionSet on resource: ${INSTANCE} because no identity-based policy allows the sso:CreatePermissionSet action`,
    );
    await expectError(
      plan.ids.send(new CreateUserCommand({ IdentityStoreId: STORE, UserName: 'x', DisplayName: 'X', Name: { GivenName: 'X', FamilyName: 'Y' } })),
      'AccessDeniedException',
      403,
    );
    expect(emu.dump().permissionSets ?? []).toEqual([]);
    expect(emu.dump().users ?? []).toEqual([]);

    const apply = await assume(emu, applyRoleArn(MGMT), { sub: 'repo:acme/access:ref:refs/heads/main' });
    await apply.sso.send(new CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'Allowed', Tags: [{ Key: 'team', Value: 'x' }] }));
    expect((emu.dump().permissionSets ?? []).map((p) => p.name)).toEqual(['Allowed']);
  });

  it('tags at creation also need sso:TagResource', () => {
    const caller = {
      arn: 'arn:aws:sts::111122223333:assumed-role/r/s',
      accountId: MGMT,
      policies: [{ Statement: [{ Effect: 'Allow' as const, Action: 'sso:CreatePermissionSet', Resource: '*' }] }],
    };
    expect(() => authorize(caller, 'sso-admin', 'CreatePermissionSet', { InstanceArn: INSTANCE, Name: 'A' })).not.toThrow();
    expect(() => authorize(caller, 'sso-admin', 'CreatePermissionSet', { InstanceArn: INSTANCE, Name: 'A', Tags: [{ Key: 'k', Value: 'v' }] })).toThrow(
      /not authorized to perform: sso:TagResource on resource/,
    );
  });
});

describe('policy evaluation rules', () => {
  it('actions match case-insensitively with wildcards; an explicit deny wins', () => {
    const allowRead = { Statement: [{ Effect: 'Allow' as const, Action: ['sso:List*', 'sso:Describe?ermissionSet'], Resource: '*' }] };
    expect(evaluate([allowRead], { action: 'SSO:listinstances' })).toBe('allow');
    expect(evaluate([allowRead], { action: 'sso:DescribePermissionSet' })).toBe('allow');
    expect(evaluate([allowRead], { action: 'sso:CreatePermissionSet' })).toBe('implicit-deny');
    const deny = { Statement: [{ Effect: 'Deny' as const, Action: 'sso:ListInstances', Resource: '*' }] };
    expect(evaluate([allowRead, deny], { action: 'sso:ListInstances' })).toBe('explicit-deny');
  });

  it('conditions: keys ANDed, values ORed, StringLike wildcards, a missing key fails StringEquals', () => {
    const trust = {
      Statement: [
        {
          Effect: 'Allow' as const,
          Principal: { Federated: 'p' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { 'k:aud': 'sts.amazonaws.com' }, StringLike: { 'k:sub': ['repo:acme/*:pull_request', 'repo:acme/x:ref:*'] } },
        },
      ],
    };
    const ask = (context: Record<string, string>, principal = 'p') =>
      evaluate([trust], { action: 'sts:AssumeRoleWithWebIdentity', principal: { Federated: principal }, context });
    expect(ask({ 'k:aud': 'sts.amazonaws.com', 'k:sub': 'repo:acme/y:pull_request' })).toBe('allow');
    expect(ask({ 'k:aud': 'sts.amazonaws.com', 'k:sub': 'repo:acme/x:ref:refs/heads/dev' })).toBe('allow');
    expect(ask({ 'k:aud': 'sts.amazonaws.com', 'k:sub': 'repo:ACME/y:pull_request' })).toBe('implicit-deny');
    expect(ask({ 'k:aud': 'other', 'k:sub': 'repo:acme/y:pull_request' })).toBe('implicit-deny');
    expect(ask({ 'k:sub': 'repo:acme/y:pull_request' })).toBe('implicit-deny');
    expect(ask({ 'k:aud': 'sts.amazonaws.com', 'k:sub': 'repo:acme/y:pull_request' }, 'q')).toBe('implicit-deny');
  });

  it('a literal pattern matches exactly itself; * matches anything', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/[*?]/.test(s)),
        fc.string(),
        (pattern, other) => {
          expect(wildcardMatch(pattern, pattern)).toBe(true);
          expect(wildcardMatch(pattern, other)).toBe(pattern === other);
          expect(wildcardMatch('*', other)).toBe(true);
        },
      ),
    );
  });
});
