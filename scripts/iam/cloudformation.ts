/**
 * The CloudFormation template in examples/iam/: the GitHub OIDC provider and the two roles, with
 * the policies from policies.ts, in the name form or the immutable-ID form of the OIDC `sub`.
 * Long-form intrinsics (`Fn::If`, `Fn::Sub`) keep it plain YAML. Tested against the file.
 */
import { applyPolicy, PLAN_SUBJECTS, planPolicy } from './policies.js';

const SUB_KEY = 'token.actions.githubusercontent.com:sub';
const AUD_KEY = 'token.actions.githubusercontent.com:aud';

/** The `sub` value: `repo:OWNER/REPO:<suffix>` or `repo:OWNER@OWNER_ID/REPO@REPO_ID:<suffix>`. */
function subject(suffix: string): unknown {
  return {
    'Fn::If': [
      'UseImmutableIds',
      { 'Fn::Sub': `repo:\${GitHubOwner}@\${GitHubOwnerId}/\${GitHubRepo}@\${GitHubRepoId}:${suffix}` },
      { 'Fn::Sub': `repo:\${GitHubOwner}/\${GitHubRepo}:${suffix}` },
    ],
  };
}

function trust(sub: unknown): unknown {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: {
            'Fn::If': [
              'CreateProvider',
              { Ref: 'GitHubOidcProvider' },
              { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com' },
            ],
          },
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [AUD_KEY]: 'sts.amazonaws.com', [SUB_KEY]: sub } },
      },
    ],
  };
}

export function cloudFormationTemplate(): Record<string, unknown> {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'idc-gitops: GitHub OIDC provider, a read-only plan role (pull requests) and an apply role (main, or an environment). Deploy in the account that runs Identity Center (management or delegated administrator).',
    Parameters: {
      GitHubOwner: { Type: 'String', Description: 'Repository owner (user or organization), e.g. acme.' },
      GitHubRepo: { Type: 'String', Description: 'Repository name, e.g. access.' },
      GitHubOwnerId: {
        Type: 'String',
        Default: '',
        Description:
          'Numeric owner ID. Set it (with GitHubRepoId) for repositories created or renamed on or after 15 July 2026 (or opted in), whose OIDC sub is repo:OWNER@OWNER_ID/REPO@REPO_ID:…',
      },
      GitHubRepoId: { Type: 'String', Default: '', Description: 'Numeric repository ID (see GitHubOwnerId).' },
      ApplyEnvironment: {
        Type: 'String',
        Default: '',
        Description: 'When the apply job names a GitHub environment, its name: the apply role then trusts environment:NAME instead of ref:refs/heads/main.',
      },
      CreateOidcProvider: {
        Type: 'String',
        AllowedValues: ['true', 'false'],
        Default: 'true',
        Description: 'false when the account already has the token.actions.githubusercontent.com provider.',
      },
    },
    Conditions: {
      UseImmutableIds: {
        'Fn::And': [{ 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'GitHubOwnerId' }, ''] }] }, { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'GitHubRepoId' }, ''] }] }],
      },
      UseEnvironment: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'ApplyEnvironment' }, ''] }] },
      CreateProvider: { 'Fn::Equals': [{ Ref: 'CreateOidcProvider' }, 'true'] },
    },
    Resources: {
      GitHubOidcProvider: {
        Type: 'AWS::IAM::OIDCProvider',
        Condition: 'CreateProvider',
        Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
      },
      PlanRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'idc-gitops-plan',
          Description: 'idc-gitops plan and drift check: read-only, assumable by pull request workflows and the drift check on main.',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: trust(PLAN_SUBJECTS.map((s) => subject(s))),
          Policies: [{ PolicyName: 'idc-gitops-plan', PolicyDocument: planPolicy() }],
        },
      },
      ApplyRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: 'idc-gitops-apply',
          Description: 'idc-gitops apply: assumable only by workflows on main (or the named environment).',
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: trust({
            'Fn::If': ['UseEnvironment', subjectWithEnvironment(), subject('ref:refs/heads/main')],
          }),
          Policies: [{ PolicyName: 'idc-gitops-apply', PolicyDocument: applyPolicy() }],
        },
      },
    },
    Outputs: {
      PlanRoleArn: { Value: { 'Fn::GetAtt': ['PlanRole', 'Arn'] }, Description: 'role-to-assume for the plan and drift workflows' },
      ApplyRoleArn: { Value: { 'Fn::GetAtt': ['ApplyRole', 'Arn'] }, Description: 'role-to-assume for the apply workflow' },
    },
  };
}

function subjectWithEnvironment(): unknown {
  return {
    'Fn::If': [
      'UseImmutableIds',
      { 'Fn::Sub': 'repo:${GitHubOwner}@${GitHubOwnerId}/${GitHubRepo}@${GitHubRepoId}:environment:${ApplyEnvironment}' },
      { 'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepo}:environment:${ApplyEnvironment}' },
    ],
  };
}
