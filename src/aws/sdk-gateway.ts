/**
 * The real gateway: the four SDK clients behind one shared rate limiter, our retry (the only one:
 * the SDK's own is off), connect and response timeouts on every request, the run's deadline,
 * pagination and per-operation call counts.
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
import { checkEndpointSettings, rememberEndpointOnError } from './endpoint.js';
import type { IdentityCenterGateway } from './gateway.js';
import { actionOf } from './operations.js';
import { createRateLimiter, type RateLimiter, type Sleep } from './rate-limiter.js';
import type { RetryOptions } from './retry.js';
import { createIdentityStoreGateway } from './sdk-identity-store.js';
import { createOrganizationsGateway } from './sdk-organizations.js';
import { createAssignmentsGateway } from './sdk-sso-admin-assignments.js';
import { createPermissionSetsGateway, PermissionSetNames, type RemembersPermissionSetNames } from './sdk-sso-admin-permission-sets.js';
import { DEFAULT_TIMEOUTS, type Timeouts } from './timeouts.js';

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
  /** Our retries (default 6), backoff base and cap. */
  retry?: Omit<RetryOptions, 'sleep'>;
  /** Called once per HTTP request (each page, each retry) with its IAM action name. */
  onCall?: (operation: string) => void;
  /** Connect and response timeout of each request, and the run's deadline; default DEFAULT_TIMEOUTS
   * (the engine reads them from the environment, see timeouts.ts). */
  timeouts?: Timeouts;
  /** Where AWS_ENDPOINT_URL* are checked; default process.env (which the SDK reads). */
  env?: NodeJS.ProcessEnv;
}

export interface SdkGateway extends IdentityCenterGateway, CallCounting, RemembersPermissionSetNames {
  readonly limiter: RateLimiter;
}

/** The SDK's own retry is off: retry.ts is the one layer that retries (its budget is documented
 * there and in the README); two layers multiply their attempts. */
export const SDK_MAX_ATTEMPTS = 1;

export function createSdkGateway(options: SdkGatewayOptions): SdkGateway {
  checkEndpointSettings(options.env ?? process.env, options.endpoint);
  const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
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
    timeouts,
  });
  const config = {
    region: options.region,
    maxAttempts: SDK_MAX_ATTEMPTS,
    // NodeHttpHandler options: `requestTimeout` only warns unless `throwOnRequestTimeout` is set.
    requestHandler: { connectionTimeout: timeouts.connectMs, requestTimeout: timeouts.responseMs, throwOnRequestTimeout: true },
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const names = new PermissionSetNames();
  const sts = withEndpointMemory(new STSClient(config));

  return {
    limiter,
    callCounts: runner.callCounts,
    rememberPermissionSetName: (arn, name) => names.remember(arn, name),
    async callerIdentity() {
      const out = await runner.call({ action: actionOf('callerIdentity'), doing: 'find out who the AWS credentials belong to' }, () =>
        sts.send(new GetCallerIdentityCommand({})),
      );
      return { accountId: out.Account ?? '', arn: out.Arn ?? '' };
    },
    ...createOrganizationsGateway(withEndpointMemory(new OrganizationsClient(config)), runner),
    ...createIdentityStoreGateway(withEndpointMemory(new IdentitystoreClient(config)), runner),
    ...createPermissionSetsGateway(withEndpointMemory(new SSOAdminClient(config)), runner, names),
    ...createAssignmentsGateway(withEndpointMemory(new SSOAdminClient(config)), runner, names),
  };
}

function withEndpointMemory<C extends { middlewareStack: unknown }>(client: C): C {
  rememberEndpointOnError(client.middlewareStack as Parameters<typeof rememberEndpointOnError>[0]);
  return client;
}
