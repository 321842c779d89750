/**
 * The parts of an emulator dump that a plan of `MESSY_YAML` must never touch: the organization,
 * Control Tower's permission set and group (with their members and assignments), the users the file
 * leaves as they are, and the suspended account (which must get nothing).
 */
import type { World } from '../../emulator/index.js';
import { ARN, RETIRED } from './fixtures/messy.js';

export function untouchedParts(world: World): unknown {
  const ctGroupIds = new Set((world.groups ?? []).filter((g) => g.displayName.startsWith('AWSControlTower')).map((g) => g.id));
  const ctSetArns = new Set((world.permissionSets ?? []).filter((p) => p.name.startsWith('AWSControlTower')).map((p) => p.arn));
  return {
    organization: world.organization,
    instance: world.instance,
    controlTowerSets: (world.permissionSets ?? []).filter((p) => ctSetArns.has(p.arn)),
    controlTowerGroups: (world.groups ?? []).filter((g) => ctGroupIds.has(g.id)),
    controlTowerMembers: (world.memberships ?? [])
      .filter((m) => ctGroupIds.has(m.groupId))
      .map((m) => `${m.groupId}|${m.userId}`)
      .sort(),
    controlTowerAssignments: (world.assignments ?? [])
      .filter((a) => ctSetArns.has(a.permissionSet) || ctGroupIds.has(a.principalId))
      .map((a) => `${a.accountId}|${a.permissionSet}|${a.principalId}`)
      .sort(),
    unchangedUsers: (world.users ?? []).filter((u) => ['alice', 'bob', 'carol'].includes(u.userName)),
    retired: [...(world.assignments ?? []), ...(world.provisioning ?? [])].filter((a) => a.accountId === RETIRED),
    controlTowerProvisioning: (world.provisioning ?? []).filter((p) => p.permissionSet === ARN.controlTower),
  };
}
