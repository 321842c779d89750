/**
 * The roles of examples/iam (the JSON policies, which test/scripts/iam.test.ts keeps equal to the
 * CloudFormation template) for one repository, as the emulator's `iam` option: what a user gets
 * after deploying the template with these parameters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyDocument } from './iam-policy.js';
import type { IamConfig } from './iam-roles.js';

const EXAMPLES = join(import.meta.dirname, '..', 'examples', 'iam');

export interface RepositoryIdentity {
  accountId: string;
  owner: string;
  repo: string;
  /** Both set: the immutable `sub` form (`repo:OWNER@OWNER_ID/REPO@REPO_ID:…`), as the template's GitHubOwnerId/GitHubRepoId. */
  ownerId?: string;
  repoId?: string;
  /** The template's ApplyEnvironment: the apply role then trusts `environment:NAME`. */
  applyEnvironment?: string;
}

export const planRoleArn = (accountId: string): string => `arn:aws:iam::${accountId}:role/idc-gitops-plan`;
export const applyRoleArn = (accountId: string): string => `arn:aws:iam::${accountId}:role/idc-gitops-apply`;

function read(name: string, id: RepositoryIdentity): PolicyDocument {
  let text = readFileSync(join(EXAMPLES, name), 'utf8')
    .replaceAll('ACCOUNT_ID', id.accountId)
    .replaceAll('OWNER_ID', id.ownerId ?? '')
    .replaceAll('REPO_ID', id.repoId ?? '')
    .replaceAll('OWNER', id.owner)
    .replaceAll('REPO', id.repo);
  if (id.applyEnvironment) text = text.replaceAll('environment:production', `environment:${id.applyEnvironment}`);
  return JSON.parse(text) as PolicyDocument;
}

/** The plan role and the apply role, trust and permission policies as in examples/iam. */
export function exampleRoles(id: RepositoryIdentity): IamConfig {
  const form = id.ownerId && id.repoId ? '.immutable' : '';
  const applyTrust = id.applyEnvironment ? `apply-trust-policy.environment${form}.json` : `apply-trust-policy${form}.json`;
  return {
    roles: [
      { arn: planRoleArn(id.accountId), trustPolicy: read(`plan-trust-policy${form}.json`, id), permissionPolicies: [read('plan-policy.json', id)] },
      { arn: applyRoleArn(id.accountId), trustPolicy: read(applyTrust, id), permissionPolicies: [read('apply-policy.json', id)] },
    ],
  };
}
