/**
 * The IAM actions each mode needs, derived from the calls the code makes: the operations table
 * (src/aws/operations.ts) maps every gateway method to the IAM action(s) it calls. The plan
 * role gets the read methods; the apply role gets reads and writes, plus the IAM actions that
 * Identity Center performs with the caller's permissions on its reserved roles in the management
 * account when it creates or deletes assignments and provisions permission sets.
 * examples/iam/*.json are generated from this module (`npm run examples:iam`) and tested against it.
 */
import { GATEWAY_METHODS, iamActionsOf, OPERATIONS, type Access } from '../../src/aws/operations.js';

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
  for (const method of GATEWAY_METHODS) {
    if (accesses.includes(OPERATIONS[method].access)) for (const a of iamActionsOf(method)) all.add(a);
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
              options.subjects.length === 1 ? oidcSubject(options.form, options.subjects[0] ?? '') : options.subjects.map((s) => oidcSubject(options.form, s)),
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
