import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveInstance, resolveRegion } from '../../src/aws/discover.js';
import type { InstanceInfo } from '../../src/aws/gateway.js';

const one: InstanceInfo = { instanceArn: 'arn:aws:sso:::instance/ssoins-1', identityStoreId: 'd-1', ownerAccountId: '111111111111' };
const two: InstanceInfo = { instanceArn: 'arn:aws:sso:::instance/ssoins-2', identityStoreId: 'd-2' };
const lister = (instances: InstanceInfo[]) => {
  const gateway = {
    calls: 0,
    listInstances: async () => {
      gateway.calls++;
      return instances;
    },
  };
  return gateway;
};

describe('resolveRegion', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idc-region-'));
    await writeFile(
      join(dir, 'config'),
      [
        '# hand-written',
        '[default]',
        'region = ap-southeast-2',
        '[profile admin]',
        'region = eu-west-1',
        '[profile sso-only]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = ReadOnly',
        '[sso-session corp]',
        'sso_start_url = https://d-1234567890.awsapps.com/start',
        'sso_region = eu-north-1',
        '',
      ].join('\n'),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  /** No real ~/.aws is read: the files are the test's. */
  const files = (): Record<string, string> => ({ AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') });

  it('prefers access.yaml, then the given region, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile', async () => {
    const env = { ...files(), AWS_PROFILE: 'admin', AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'us-west-2' };
    expect(await resolveRegion({ region: 'eu-west-3' }, { region: 'eu-central-1', env })).toBe('eu-west-3');
    expect(await resolveRegion({}, { region: 'eu-central-1', env })).toBe('eu-central-1');
    expect(await resolveRegion({}, { env })).toBe('us-east-1');
    expect(await resolveRegion({}, { env: { ...files(), AWS_PROFILE: 'admin', AWS_DEFAULT_REGION: 'us-west-2' } })).toBe('us-west-2');
    expect(await resolveRegion({}, { env: { ...files(), AWS_PROFILE: 'admin' } })).toBe('eu-west-1');
  });

  it('reads the default profile, and an SSO profile’s sso_region when it has no region', async () => {
    expect(await resolveRegion({}, { env: files() })).toBe('ap-southeast-2');
    expect(await resolveRegion({}, { env: { ...files(), AWS_PROFILE: 'sso-only' } })).toBe('eu-north-1');
  });

  it('says how to set it when there is none', async () => {
    const env = { AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_PROFILE: 'admin' };
    await expect(resolveRegion({}, { env })).rejects.toThrow(
      /set identity_center.region in access.yaml .*--region.*AWS_REGION .*region = ….* to the profile "admin"/,
    );
  });
});

describe('resolveInstance', () => {
  it('uses the configured instance without a call', async () => {
    const g = lister([]);
    expect(await resolveInstance(g, { instanceArn: one.instanceArn, identityStoreId: 'd-1' }, 'eu-west-1')).toEqual({
      instanceArn: one.instanceArn,
      identityStoreId: 'd-1',
      region: 'eu-west-1',
    });
    expect(g.calls).toBe(0);
  });

  it('uses the only instance', async () => {
    expect(await resolveInstance(lister([one]), {}, 'eu-west-1')).toEqual({ instanceArn: one.instanceArn, identityStoreId: 'd-1', region: 'eu-west-1' });
  });

  it('completes a configured instance ARN with its identity store', async () => {
    expect(await resolveInstance(lister([one, two]), { instanceArn: two.instanceArn }, 'eu-west-1')).toMatchObject({ identityStoreId: 'd-2' });
    await expect(resolveInstance(lister([one]), { instanceArn: two.instanceArn }, 'eu-west-1')).rejects.toThrow(
      /instance arn:aws:sso:::instance\/ssoins-2 \(from access.yaml\) was not found in eu-west-1/,
    );
  });

  it('says Identity Center is not enabled in the region when there is no instance', async () => {
    await expect(resolveInstance(lister([]), {}, 'ap-south-1')).rejects.toThrow(/not enabled in ap-south-1/);
  });

  it('lists the instances and asks for instance_arn when there are several', async () => {
    const error = await resolveInstance(lister([one, two]), {}, 'eu-west-1').catch((e: Error) => e.message);
    expect(error).toContain('Found 2 Identity Center instances in eu-west-1');
    expect(error).toContain('arn:aws:sso:::instance/ssoins-1 with identity store d-1 (account 111111111111)');
    expect(error).toContain('arn:aws:sso:::instance/ssoins-2');
    expect(error).toContain('Set identity_center.instance_arn');
  });
});
