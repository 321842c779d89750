import type { Caller, EmulatorOptions, ResolvedConfig } from './options.js';
import type { World } from './world-types.js';

export function resolveConfig(o: EmulatorOptions): ResolvedConfig {
  const timeScale = o.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error('emulator: timeScale must be > 0');
  return {
    latencyMs: o.latencyMs ?? 0,
    timeScale,
    rateLimit: o.rateLimit ?? 20,
    faults: { throttleRate: 0, serverErrorRate: 0, conflictRate: 0, failedStatusRate: 0, readOnly: false, ...o.faults },
    asyncPolls: o.asyncPolls ?? 1,
    asyncMs: o.asyncMs ?? 1000,
    seed: o.seed ?? 1,
    orgEmptyPageRate: o.orgEmptyPageRate ?? 0.1,
    reformatPolicies: o.reformatPolicies ?? true,
  };
}

export const defaultCaller = (world: World): Caller => ({
  accountId: world.organization.managementAccountId,
  arn: `arn:aws:sts::${world.organization.managementAccountId}:assumed-role/IdcGitOpsAdmin/emulator`,
});

/** The smallest useful world: a management account, one workload account, nothing in Identity Center. */
export function emptyWorld(): World {
  return {
    organization: {
      id: 'o-emulator01',
      managementAccountId: '111122223333',
      rootId: 'r-emul',
      accounts: [
        { id: '111122223333', name: 'management', email: 'aws+management@example.com' },
        { id: '444455556666', name: 'workloads', email: 'aws+workloads@example.com' },
      ],
    },
    instance: {
      instanceArn: 'arn:aws:sso:::instance/ssoins-72230000a1b2c3d4',
      identityStoreId: 'd-9067000001',
      ownerAccountId: '111122223333',
    },
  };
}
