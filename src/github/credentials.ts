/**
 * AWS credentials for the Action. With `role-to-assume`, the Action asks GitHub for its own OIDC
 * token (audience sts.amazonaws.com) and exchanges it for role credentials
 * (AssumeRoleWithWebIdentity). Without it, the SDK's default chain is used (for example after
 * aws-actions/configure-aws-credentials). Tokens and keys are masked and never logged.
 */
import { fromWebToken } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ActionIO } from './io.js';

export const OIDC_AUDIENCE = 'sts.amazonaws.com';

export type FromWebToken = (init: {
  roleArn: string;
  webIdentityToken: string;
  roleSessionName: string;
  clientConfig?: { region: string };
}) => AwsCredentialIdentityProvider;

export interface OidcCredentialsOptions {
  io: ActionIO;
  roleArn: string;
  region?: string;
  /** `OWNER/REPO`, for the error message (which `sub` the trust policy must allow). */
  repository: string;
  /** The `sub` form this job presents, e.g. `pull_request` or `ref:refs/heads/main`. */
  subjectHint: string;
  /** Session name shown in CloudTrail, e.g. `idc-gitops-1234567890`. */
  sessionName: string;
  /** For tests; defaults to `@aws-sdk/credential-providers`' fromWebToken. */
  fromWebToken?: FromWebToken;
}

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

/** Reason text of any thrown value, without anything that looks like a token. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[token]');
}

/**
 * A lazy credential provider: nothing is requested until the engine first calls AWS, so
 * validate-only runs (forks) never ask for a token. The credentials are cached until five minutes
 * before they expire.
 */
export function oidcCredentials(options: OidcCredentialsOptions): AwsCredentialIdentityProvider {
  const exchange = options.fromWebToken ?? (fromWebToken as unknown as FromWebToken);
  let cached: AwsCredentialIdentity | undefined;

  async function fetchCredentials(): Promise<AwsCredentialIdentity> {
    const trustHint = `check the role's trust policy allows sub repo:${options.repository}:${options.subjectHint} (or repo:OWNER@OWNER_ID/REPO@REPO_ID:${options.subjectHint} for repositories created or renamed on or after 15 July 2026) with audience ${OIDC_AUDIENCE}`;
    let token: string;
    try {
      token = await options.io.getIDToken(OIDC_AUDIENCE);
    } catch (error) {
      throw new CredentialsError(
        `Could not get a GitHub OIDC token to assume role ${options.roleArn}: ${reason(error)} — give the job \`permissions: id-token: write\` (pull requests from forks never get one).`,
        { cause: error },
      );
    }
    options.io.setSecret(token);
    try {
      const provider = exchange({
        roleArn: options.roleArn,
        webIdentityToken: token,
        roleSessionName: options.sessionName,
        ...(options.region ? { clientConfig: { region: options.region } } : {}),
      });
      const credentials = await provider();
      options.io.setSecret(credentials.secretAccessKey);
      if (credentials.sessionToken) options.io.setSecret(credentials.sessionToken);
      return credentials;
    } catch (error) {
      throw new CredentialsError(`Could not assume role ${options.roleArn} with GitHub OIDC: ${reason(error)} — ${trustHint}.`, { cause: error });
    }
  }

  return async () => {
    const fresh = cached?.expiration === undefined || cached.expiration.getTime() - Date.now() > 5 * 60_000;
    if (cached && fresh) return cached;
    cached = await fetchCredentials();
    return cached;
  };
}

/** The `sub` suffix this run presents to AWS, for messages. */
export function subjectHint(eventName: string, ref: string): string {
  return eventName === 'pull_request' || eventName === 'pull_request_target' ? 'pull_request' : `ref:${ref || 'refs/heads/main'}`;
}

/** A CloudTrail-friendly session name (2–64 chars of [\w+=,.@-]). */
export function sessionName(runId: string | undefined): string {
  return `idc-gitops-${(runId ?? String(Date.now())).replace(/[^\w+=,.@-]/g, '')}`.slice(0, 64);
}
