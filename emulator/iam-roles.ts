/**
 * Roles the emulator knows (option `iam`): AssumeRoleWithWebIdentity checks the token against the
 * account's GitHub OIDC provider and the role's trust policy, and the credentials it hands out
 * carry the role's permission policies, so every later call is allowed or answered
 * AccessDeniedException the way AWS does. Without the option nothing is checked (any token, any
 * role, every call), as before.
 */
import { AwsError } from './errors.js';
import { evaluate, type PolicyDocument } from './iam-policy.js';

export interface EmulatedRole {
  /** `arn:aws:iam::ACCOUNT:role/NAME` */
  arn: string;
  /** Who may assume it (AssumeRolePolicyDocument). */
  trustPolicy: PolicyDocument;
  /** What its sessions may do (inline and attached policies). */
  permissionPolicies: PolicyDocument[];
}

export interface IamConfig {
  roles: EmulatedRole[];
  /**
   * Issuers with an IAM OIDC provider in the roles' account, and the audiences (client IDs) each
   * accepts. Default: GitHub's, `sts.amazonaws.com` (as examples/iam/github-oidc-roles.cfn.yaml creates it).
   */
  oidcProviders?: { issuer: string; clientIds: string[] }[];
}

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

const DEFAULT_PROVIDERS = [{ issuer: GITHUB_ISSUER, clientIds: ['sts.amazonaws.com'] }];

/** IAM action prefix per emulated service. */
const PREFIX: Record<string, string> = { 'sso-admin': 'sso', identitystore: 'identitystore', organizations: 'organizations' };

const accountOf = (arn: string): string => arn.split(':')[4] ?? '';

/**
 * The role a web identity token may assume, or the error STS answers. Errors as STS documents
 * them for AssumeRoleWithWebIdentity: an issuer with no provider or an audience the provider does
 * not list is InvalidIdentityToken (400); a trust policy that does not allow the token (or no such
 * role) is AccessDenied, "Not authorized to perform sts:AssumeRoleWithWebIdentity" (403) — the
 * message every configure-aws-credentials user has seen (aws-actions/configure-aws-credentials#318).
 */
export function assumableRole(iam: IamConfig, roleArn: string, claims: Record<string, unknown>): EmulatedRole {
  const iss = typeof claims['iss'] === 'string' ? claims['iss'] : '';
  const provider = (iam.oidcProviders ?? DEFAULT_PROVIDERS).find((p) => p.issuer === iss);
  if (!provider) throw new AwsError('InvalidIdentityToken', `No OpenIDConnect provider found in your account for ${iss || '(no iss claim)'}`, 400);
  const aud = typeof claims['aud'] === 'string' ? claims['aud'] : '';
  if (!provider.clientIds.includes(aud)) throw new AwsError('InvalidIdentityToken', 'Incorrect token audience', 400);

  const denied = new AwsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
  const role = iam.roles.find((r) => r.arn === roleArn);
  if (!role) throw denied;
  const host = iss.replace(/^https:\/\//, '');
  const context: Record<string, string> = { [`${host}:aud`]: aud };
  if (typeof claims['sub'] === 'string') context[`${host}:sub`] = claims['sub'];
  const decision = evaluate([role.trustPolicy], {
    action: 'sts:AssumeRoleWithWebIdentity',
    principal: { Federated: `arn:aws:iam::${accountOf(roleArn)}:oidc-provider/${host}` },
    context,
  });
  if (decision !== 'allow') throw denied;
  return role;
}

/**
 * The IAM actions one call needs. The operation's own (`sso:CreatePermissionSet`), and for a
 * CreatePermissionSet with tags also `sso:TagResource` (as src/aws/operations.ts maps it).
 */
export function actionsFor(service: string, operation: string, input: Record<string, unknown>): string[] {
  const prefix = PREFIX[service];
  if (!prefix) return [];
  const actions = [`${prefix}:${operation}`];
  if (service === 'sso-admin' && operation === 'CreatePermissionSet' && Array.isArray(input['Tags']) && input['Tags'].length > 0) {
    actions.push('sso:TagResource');
  }
  return actions;
}

function resourceOf(input: Record<string, unknown>, accountId: string): string | undefined {
  if (typeof input['InstanceArn'] === 'string') return input['InstanceArn'];
  if (typeof input['IdentityStoreId'] === 'string') return `arn:aws:identitystore::${accountId}:identitystore/${input['IdentityStoreId']}`;
  return undefined;
}

/**
 * Throws AccessDeniedException unless the policies allow every action the call needs. The message
 * has AWS's form: "User: ARN is not authorized to perform: ACTION on resource: RESOURCE because no
 * identity-based policy allows the ACTION action" (IAM User Guide, troubleshoot_access-denied.html).
 */
export function authorize(
  caller: { arn: string; accountId: string; policies: readonly PolicyDocument[] },
  service: string,
  operation: string,
  input: Record<string, unknown>,
): void {
  for (const action of actionsFor(service, operation, input)) {
    const decision = evaluate(caller.policies, { action });
    if (decision === 'allow') continue;
    const resource = resourceOf(input, caller.accountId);
    const why =
      decision === 'explicit-deny' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
    throw new AwsError(
      'AccessDeniedException',
      `User: ${caller.arn} is not authorized to perform: ${action}${resource ? ` on resource: ${resource}` : ''} ${why}`,
    );
  }
}
