/**
 * The IAM actions each mode needs, derived from the calls the code makes: every method of
 * `IdentityCenterGateway` (src/aws/gateway.ts) mapped to the IAM action(s) it calls. The plan
 * role gets the read methods; the apply role gets reads and writes, plus the IAM actions that
 * Identity Center performs with the caller's permissions on its reserved roles in the management
 * account when it creates or deletes assignments and provisions permission sets.
 * examples/iam/*.json are generated from this module and tested against it.
 */
import type { IdentityCenterGateway } from '../aws/gateway.js';

export type Access = 'read' | 'write';

export interface MethodActions {
  access: Access;
  /** IAM actions the method's API call needs (empty: no permission needed). */
  actions: readonly string[];
}

const read = (...actions: string[]): MethodActions => ({ access: 'read', actions });
const write = (...actions: string[]): MethodActions => ({ access: 'write', actions });

/** Every gateway method: the Record type makes a missing method a compile error. */
export const GATEWAY_IAM_ACTIONS: Readonly<Record<keyof IdentityCenterGateway, MethodActions>> = {
  listInstances: read('sso:ListInstances'),
  // sts:GetCallerIdentity needs no permission: every principal may call it.
  callerIdentity: read(),

  describeOrganization: read('organizations:DescribeOrganization'),
  listAccounts: read('organizations:ListAccounts'),
  listRoots: read('organizations:ListRoots'),
  listOrganizationalUnitsForParent: read('organizations:ListOrganizationalUnitsForParent'),
  listAccountsForParent: read('organizations:ListAccountsForParent'),
  listTagsForResource: read('organizations:ListTagsForResource'),

  listUsers: read('identitystore:ListUsers'),
  listGroups: read('identitystore:ListGroups'),
  listGroupMemberships: read('identitystore:ListGroupMemberships'),
  listGroupMembershipsForMember: read('identitystore:ListGroupMembershipsForMember'),
  getUserId: read('identitystore:GetUserId'),
  getGroupId: read('identitystore:GetGroupId'),
  describeUser: read('identitystore:DescribeUser'),
  describeGroup: read('identitystore:DescribeGroup'),
  createUser: write('identitystore:CreateUser'),
  updateUser: write('identitystore:UpdateUser'),
  deleteUser: write('identitystore:DeleteUser'),
  createGroup: write('identitystore:CreateGroup'),
  updateGroup: write('identitystore:UpdateGroup'),
  deleteGroup: write('identitystore:DeleteGroup'),
  createGroupMembership: write('identitystore:CreateGroupMembership'),
  deleteGroupMembership: write('identitystore:DeleteGroupMembership'),

  listPermissionSets: read('sso:ListPermissionSets'),
  describePermissionSet: read('sso:DescribePermissionSet'),
  listTagsForPermissionSet: read('sso:ListTagsForResource'),
  getInlinePolicy: read('sso:GetInlinePolicyForPermissionSet'),
  listManagedPolicies: read('sso:ListManagedPoliciesInPermissionSet'),
  listCustomerManagedPolicies: read('sso:ListCustomerManagedPolicyReferencesInPermissionSet'),
  getPermissionsBoundary: read('sso:GetPermissionsBoundaryForPermissionSet'),
  // Tags given at creation are authorised as sso:TagResource too.
  createPermissionSet: write('sso:CreatePermissionSet', 'sso:TagResource'),
  updatePermissionSet: write('sso:UpdatePermissionSet'),
  deletePermissionSet: write('sso:DeletePermissionSet'),
  putInlinePolicy: write('sso:PutInlinePolicyToPermissionSet'),
  deleteInlinePolicy: write('sso:DeleteInlinePolicyFromPermissionSet'),
  attachManagedPolicy: write('sso:AttachManagedPolicyToPermissionSet'),
  detachManagedPolicy: write('sso:DetachManagedPolicyFromPermissionSet'),
  attachCustomerManagedPolicy: write('sso:AttachCustomerManagedPolicyReferenceToPermissionSet'),
  detachCustomerManagedPolicy: write('sso:DetachCustomerManagedPolicyReferenceFromPermissionSet'),
  putPermissionsBoundary: write('sso:PutPermissionsBoundaryToPermissionSet'),
  deletePermissionsBoundary: write('sso:DeletePermissionsBoundaryFromPermissionSet'),
  tagPermissionSet: write('sso:TagResource'),
  untagPermissionSet: write('sso:UntagResource'),

  provisionPermissionSet: write('sso:ProvisionPermissionSet'),
  describeProvisioningStatus: read('sso:DescribePermissionSetProvisioningStatus'),
  listAccountsForProvisionedPermissionSet: read('sso:ListAccountsForProvisionedPermissionSet'),

  listAccountAssignments: read('sso:ListAccountAssignments'),
  listAccountAssignmentsForPrincipal: read('sso:ListAccountAssignmentsForPrincipal'),
  createAccountAssignment: write('sso:CreateAccountAssignment'),
  deleteAccountAssignment: write('sso:DeleteAccountAssignment'),
  describeAssignmentCreationStatus: read('sso:DescribeAccountAssignmentCreationStatus'),
  describeAssignmentDeletionStatus: read('sso:DescribeAccountAssignmentDeletionStatus'),
};

/**
 * Assignments and provisioning that target the management account are carried out with the
 * caller's own permissions (member accounts use Identity Center's service-linked role): the
 * dependent actions AWS lists for CreateAccountAssignment, DeleteAccountAssignment and
 * ProvisionPermissionSet, limited to the reserved roles and Identity Center's SAML provider.
 */
export const RESERVED_ROLE_ACTIONS: readonly string[] = [
  'iam:AttachRolePolicy',
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:DeleteRolePermissionsBoundary',
  'iam:DeleteRolePolicy',
  'iam:DetachRolePolicy',
  'iam:GetRole',
  'iam:ListAttachedRolePolicies',
  'iam:ListRolePolicies',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
];
export const RESERVED_ROLE_RESOURCE = 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*';
export const SAML_PROVIDER_ACTIONS: readonly string[] = ['iam:CreateSAMLProvider', 'iam:GetSAMLProvider'];
export const SAML_PROVIDER_RESOURCE = 'arn:aws:iam::*:saml-provider/AWSSSO_*_DO_NOT_DELETE';

function collect(accesses: readonly Access[]): string[] {
  const all = new Set<string>();
  for (const { access, actions } of Object.values(GATEWAY_IAM_ACTIONS)) {
    if (accesses.includes(access)) for (const a of actions) all.add(a);
  }
  return [...all].sort();
}

/** What the plan (and drift) role may do: reads only. */
export function planActions(): string[] {
  return collect(['read']);
}

/** What the apply role may do through the APIs: reads and writes. */
export function applyActions(): string[] {
  return collect(['read', 'write']);
}

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export function planPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'IdcGitopsPlanRead', Effect: 'Allow', Action: planActions(), Resource: '*' }],
  };
}

export function applyPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'IdcGitopsApply', Effect: 'Allow', Action: applyActions(), Resource: '*' },
      { Sid: 'IdentityCenterReservedRoles', Effect: 'Allow', Action: [...RESERVED_ROLE_ACTIONS], Resource: RESERVED_ROLE_RESOURCE },
      { Sid: 'IdentityCenterSamlProvider', Effect: 'Allow', Action: [...SAML_PROVIDER_ACTIONS], Resource: SAML_PROVIDER_RESOURCE },
    ],
  };
}

/** Who may assume a role: the GitHub OIDC `sub` claim. */
export type SubjectForm = 'name' | 'immutable';

export interface TrustOptions {
  /** `ACCOUNT_ID` placeholder or a 12-digit account. */
  accountId: string;
  form: SubjectForm;
  /** e.g. `pull_request`, `ref:refs/heads/main`, `environment:production` (any of them). */
  subjects: readonly string[];
}

/** `repo:OWNER/REPO:…`, or `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` for repositories created or renamed on or after
 * 15 July 2026 (and older ones whose admins opted in), see
 * https://github.blog/changelog/2026-04-23-immutable-subject-claims-for-github-actions-oidc-tokens/ */
export function oidcSubject(form: SubjectForm, subject: string): string {
  return form === 'name' ? `repo:OWNER/REPO:${subject}` : `repo:OWNER@OWNER_ID/REPO@REPO_ID:${subject}`;
}

export function trustPolicy(options: TrustOptions): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${options.accountId}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub':
              options.subjects.length === 1
                ? oidcSubject(options.form, options.subjects[0] ?? '')
                : options.subjects.map((s) => oidcSubject(options.form, s)),
          },
        },
      },
    ],
  };
}

/**
 * The read-only plan role: pull requests, and main for the scheduled drift check (code on main may
 * already assume the apply role, so this grants nothing new).
 */
export const PLAN_SUBJECTS: readonly string[] = ['pull_request', 'ref:refs/heads/main'];

/** Every example JSON file in examples/iam/, by file name. */
export function examplePolicyFiles(): Record<string, unknown> {
  const trust = (form: SubjectForm, ...subjects: string[]) => trustPolicy({ accountId: 'ACCOUNT_ID', form, subjects });
  return {
    'plan-policy.json': planPolicy(),
    'apply-policy.json': applyPolicy(),
    'plan-trust-policy.json': trust('name', ...PLAN_SUBJECTS),
    'plan-trust-policy.immutable.json': trust('immutable', ...PLAN_SUBJECTS),
    'apply-trust-policy.json': trust('name', 'ref:refs/heads/main'),
    'apply-trust-policy.immutable.json': trust('immutable', 'ref:refs/heads/main'),
    'apply-trust-policy.environment.json': trust('name', 'environment:production'),
    'apply-trust-policy.environment.immutable.json': trust('immutable', 'environment:production'),
  };
}
