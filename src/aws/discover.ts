/** Which region and which Identity Center instance to talk to. */
import { loadConfig, NODE_REGION_CONFIG_FILE_OPTIONS, NODE_REGION_CONFIG_OPTIONS, type LocalConfigOptions } from '@smithy/core/config';
import type { IdentityCenterSettings } from '../model/desired.js';
import type { InstanceRef } from '../model/live.js';
import type { IdentityCenterGateway, InstanceInfo } from './gateway.js';

export interface RegionSources {
  /** From the command line (`--region`) or the Action's input; used when access.yaml names none. */
  region?: string;
  /** AWS_REGION, AWS_DEFAULT_REGION, AWS_PROFILE, AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE. */
  env?: NodeJS.ProcessEnv;
}

const text = (r: unknown): string | undefined => (typeof r === 'string' && r.trim() !== '' ? r.trim() : undefined);

/**
 * The shared config files the SDK would read for `env`: the SDK reads process.env itself, so the
 * variables of a given env (tests, the Action) are passed explicitly; HOME is the process's.
 */
function sharedConfigInit(env: NodeJS.ProcessEnv): LocalConfigOptions {
  return {
    ignoreCache: true,
    ...(text(env['AWS_PROFILE']) ? { profile: text(env['AWS_PROFILE']) as string } : {}),
    ...(text(env['AWS_CONFIG_FILE']) ? { configFilepath: text(env['AWS_CONFIG_FILE']) as string } : {}),
    ...(text(env['AWS_SHARED_CREDENTIALS_FILE']) ? { filepath: text(env['AWS_SHARED_CREDENTIALS_FILE']) as string } : {}),
  };
}

/**
 * The region the AWS SDK and CLI would use, with the SDK's own loader (`loadConfig` and
 * `NODE_REGION_CONFIG_OPTIONS`, as every SDK client's runtimeConfig does): AWS_REGION, then
 * AWS_DEFAULT_REGION (read by the AWS CLI, not by the JS SDK), then `region` of the profile in
 * ~/.aws/credentials and ~/.aws/config, then the profile's `sso_region` (its `[sso-session]`'s,
 * or the legacy key on the profile): the region of the Identity Center that signs it in.
 * The SDK's last resort, the EC2 instance metadata service, is not asked: off EC2 it costs a
 * timeout, and an Identity Center region is never the instance's by accident.
 */
async function sdkRegion(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const init = sharedConfigInit(env);
  const fromSdk = await loadConfig<string | undefined>(
    {
      environmentVariableSelector: () => text(NODE_REGION_CONFIG_OPTIONS.environmentVariableSelector(env)) ?? text(env['AWS_DEFAULT_REGION']),
      configFileSelector: (profile, configFile) => text(NODE_REGION_CONFIG_OPTIONS.configFileSelector(profile, configFile)),
      default: () => undefined,
    },
    { ...NODE_REGION_CONFIG_FILE_OPTIONS, ...init },
  )();
  if (fromSdk !== undefined) return fromSdk;
  return loadConfig<string | undefined>(
    {
      environmentVariableSelector: () => undefined,
      configFileSelector: (profile, configFile) => {
        const session = text(profile['sso_session']);
        return text(profile['sso_region']) ?? (session ? text(configFile?.[`sso-session.${session}`]?.['sso_region']) : undefined);
      },
      default: () => undefined,
    },
    { ...init, preferredFile: 'config' },
  )();
}

/**
 * access.yaml's `identity_center.region`, else the given one (`--region`), else what the AWS SDK
 * finds: AWS_REGION / AWS_DEFAULT_REGION, then the profile's `region` or `sso_region`.
 */
export async function resolveRegion(settings: Pick<IdentityCenterSettings, 'region'>, sources: RegionSources = {}): Promise<string> {
  const env = sources.env ?? process.env;
  const region = text(settings.region) ?? text(sources.region) ?? (await sdkRegion(env));
  if (region === undefined) {
    const profile = text(env['AWS_PROFILE']) ?? 'default';
    throw new Error(
      'No AWS region: set identity_center.region in access.yaml (the region of your Identity Center instance), ' +
        `pass --region, or the AWS_REGION environment variable (the \`aws-region\` input of aws-actions/configure-aws-credentials), ` +
        `or add \`region = …\` to the profile "${profile}" in ~/.aws/config`,
    );
  }
  return region;
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

/**
 * The AWS access portal URL people sign in at: access.yaml's `start_url`, else the default
 * `https://<identity store ID>.awsapps.com/start` (a custom subdomain cannot be read through the
 * API: docs.aws.amazon.com/singlesignon/latest/userguide/howtochangeURL.html).
 */
export function startUrlOf(settings: Pick<IdentityCenterSettings, 'startUrl'>, identityStoreId: string): string {
  return settings.startUrl ?? `https://${identityStoreId}.awsapps.com/start`;
}
