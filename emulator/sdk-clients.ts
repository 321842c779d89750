/** Real SDK clients pointed at a running emulator (dummy credentials, us-east-1). */
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';
import type { RunningEmulator } from './options.js';

export interface Clients {
  sso: SSOAdminClient;
  ids: IdentitystoreClient;
  org: OrganizationsClient;
  sts: STSClient;
}

export function clients(emu: Pick<RunningEmulator, 'endpoint'>, maxAttempts = 1, accessKeyId = 'test'): Clients {
  const cfg = { endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'test' }, maxAttempts };
  return { sso: new SSOAdminClient(cfg), ids: new IdentitystoreClient(cfg), org: new OrganizationsClient(cfg), sts: new STSClient(cfg) };
}
