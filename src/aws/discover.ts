/** Which region and which Identity Center instance to talk to. */
import type { IdentityCenterSettings } from '../model/desired.js';
import type { InstanceRef } from '../model/live.js';
import type { IdentityCenterGateway, InstanceInfo } from './gateway.js';

export interface RegionSources {
  /** From the command line or the Action's input; used when access.yaml names none. */
  region?: string;
  env?: NodeJS.ProcessEnv;
}

/** access.yaml's `identity_center.region`, else the given one, else AWS_REGION / AWS_DEFAULT_REGION. */
export function resolveRegion(settings: Pick<IdentityCenterSettings, 'region'>, sources: RegionSources = {}): string {
  const env = sources.env ?? process.env;
  const region = [settings.region, sources.region, env['AWS_REGION'], env['AWS_DEFAULT_REGION']].find(
    (r): r is string => typeof r === 'string' && r.trim() !== '',
  );
  if (region === undefined) {
    throw new Error(
      'No AWS region: set identity_center.region in access.yaml (the region of your Identity Center instance), ' +
        'or the AWS_REGION environment variable (the `aws-region` input of aws-actions/configure-aws-credentials)',
    );
  }
  return region.trim();
}

function describe(i: InstanceInfo): string {
  const owner = i.ownerAccountId ? ` (account ${i.ownerAccountId})` : '';
  return `${i.instanceArn} with identity store ${i.identityStoreId}${owner}`;
}

/**
 * The instance named in access.yaml, else the only one ListInstances finds. One ListInstances call
 * unless both the instance ARN and the identity store ID are configured.
 */
export async function resolveInstance(
  gateway: Pick<IdentityCenterGateway, 'listInstances'>,
  settings: Pick<IdentityCenterSettings, 'instanceArn' | 'identityStoreId'>,
  region: string,
): Promise<InstanceRef> {
  const { instanceArn, identityStoreId } = settings;
  if (instanceArn && identityStoreId) return { instanceArn, identityStoreId, region };

  const instances = await gateway.listInstances();
  if (instanceArn || identityStoreId) {
    const found = instances.find((i) => (instanceArn ? i.instanceArn === instanceArn : i.identityStoreId === identityStoreId));
    if (!found) {
      const what = instanceArn ? `instance ${instanceArn}` : `identity store ${identityStoreId}`;
      const seen = instances.length === 0 ? 'none' : instances.map(describe).join('; ');
      throw new Error(
        `Identity Center ${what} (from access.yaml) was not found in ${region}; instances there: ${seen}. ` +
          'Check identity_center.region and the credentials’ account.',
      );
    }
    return { instanceArn: found.instanceArn, identityStoreId: found.identityStoreId, region };
  }
  const [only, ...others] = instances;
  if (!only) {
    throw new Error(
      `IAM Identity Center is not enabled in ${region} for this account: no instance found. ` +
        'Enable it in the management account, or set identity_center.region to the region where it is enabled.',
    );
  }
  if (others.length > 0) {
    throw new Error(
      `Found ${instances.length} Identity Center instances in ${region}: ${instances.map(describe).join('; ')}. ` +
        'Set identity_center.instance_arn in access.yaml to the one to manage.',
    );
  }
  return { instanceArn: only.instanceArn, identityStoreId: only.identityStoreId, region };
}
