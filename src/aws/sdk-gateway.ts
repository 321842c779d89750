/**
 * The real gateway: the four SDK clients behind one shared rate limiter, our retry (the SDK's own
 * standard-mode retry, 3 attempts, stays underneath), pagination and per-operation call counts.
 *
 * Credentials come from the SDK's default chain (environment, AWS_PROFILE, SSO, web identity in
 * GitHub Actions…) unless given. `AWS_ENDPOINT_URL` is honoured by the SDK itself; `endpoint`
 * overrides it (the emulator).
 */
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { CallCounting } from './call-counts.js';
import { createCallRunner } from './call-runner.js';
import type { IdentityCenterGateway } from './gateway.js';
import { createRateLimiter, type RateLimiter, type Sleep } from './rate-limiter.js';
import type { RetryOptions } from './retry.js';
import { createIdentityStoreGateway } from './sdk-identity-store.js';
import { createOrganizationsGateway } from './sdk-organizations.js';
import { createAssignmentsGateway } from './sdk-sso-admin-assignments.js';
import { createPermissionSetsGateway, PermissionSetNames } from './sdk-sso-admin-permission-sets.js';

export interface SdkGatewayOptions {
  region: string;
  /** e.g. `http://localhost:4566` for the emulator; else AWS_ENDPOINT_URL, else AWS. */
  endpoint?: string;
  credentials?: AwsCredentialIdentityProvider;
  /** Calls per second shared by every call; default 20 (Identity Center's account-wide limit). */
  rateLimit?: number;
  /** Calls that may start back to back after an idle period; default 1. */
  burst?: number;
  /** HTTP requests in flight at once; default 10. */
  concurrency?: number;
  /** Injected into the rate limiter and the retry backoff (tests: resolve at once). */
  sleep?: Sleep;
  /** Clock of the rate limiter, in ms (tests). */
  now?: () => number;
  /** Our retries on top of the SDK's (default 6), backoff base and cap. */
  retry?: Omit<RetryOptions, 'sleep'>;
  /** Called once per HTTP request (each page, each retry) with its IAM action name. */
  onCall?: (operation: string) => void;
  /** Attempts of the SDK's own retry underneath ours; default SDK_MAX_ATTEMPTS. Its backoff
   * sleeps for real (up to seconds per throttle), so fault-injection tests set 1. */
  sdkMaxAttempts?: number;
}

export interface SdkGateway extends IdentityCenterGateway, CallCounting {
  readonly limiter: RateLimiter;
}

/** The SDK's own retry: a second line under ours. Standard mode (not adaptive): our limiter
 * already paces the calls, and adaptive mode would add a second, per-client bucket. */
export const SDK_MAX_ATTEMPTS = 3;

export function createSdkGateway(options: SdkGatewayOptions): SdkGateway {
  const limiter = createRateLimiter({
    ...(options.rateLimit !== undefined ? { ratePerSecond: options.rateLimit } : {}),
    ...(options.burst !== undefined ? { burst: options.burst } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const runner = createCallRunner({
    limiter,
    retry: { ...options.retry, ...(options.sleep ? { sleep: options.sleep } : {}) },
    ...(options.onCall ? { onCall: options.onCall } : {}),
  });
  const config = {
    region: options.region,
    maxAttempts: options.sdkMaxAttempts ?? SDK_MAX_ATTEMPTS,
    retryMode: 'standard',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const names = new PermissionSetNames();
  const sts = new STSClient(config);

  return {
    limiter,
    callCounts: runner.callCounts,
    async callerIdentity() {
      const out = await runner.call({ action: 'sts:GetCallerIdentity', doing: 'find out who the AWS credentials belong to' }, () =>
        sts.send(new GetCallerIdentityCommand({})),
      );
      return { accountId: out.Account ?? '', arn: out.Arn ?? '' };
    },
    ...createOrganizationsGateway(new OrganizationsClient(config), runner),
    ...createIdentityStoreGateway(new IdentitystoreClient(config), runner),
    ...createPermissionSetsGateway(new SSOAdminClient(config), runner, names),
    ...createAssignmentsGateway(new SSOAdminClient(config), runner, names),
  };
}
