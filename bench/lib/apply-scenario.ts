/**
 * The world of `bench:apply`: 500 target accounts (plus the management account), 120 permission
 * sets, 1,000 users, 200 groups. Live, each of the sets 0–99 is assigned to one user on its own
 * five accounts (so every set is provisioned somewhere and their provisionings touch disjoint
 * accounts). The access.yaml keeps those, edits the description of sets 0–99 (100 edits: one
 * UpdatePermissionSet and one ProvisionPermissionSet each), and adds 100 rules of one set for two
 * groups over a block of 50 accounts: 10,000 assignment creations, 20 per account, 10 sets per
 * account.
 */
import { generateWorld, type World, type WorldAssignment } from '../../emulator/index.js';
import { accessYaml, type BenchRule } from './access-yaml.js';

export const APPLY_SIZE = { targetAccounts: 500, permissionSets: 120, users: 1000, groups: 200, editedSets: 100 } as const;
const NEW_RULES = 100;
const BLOCK = 50;

export interface ApplyScenario {
  world: World;
  yaml: string;
  expected: {
    creates: number;
    edits: number;
    /** Sets re-provisioned after their edits. */
    provisions: number;
    /** Most asynchronous operations (creations and provisionings) that touch one account. */
    maxOpsPerAccount: number;
    accounts: number;
  };
}

export function applyScenario(region: string): ApplyScenario {
  const world = generateWorld({
    accounts: APPLY_SIZE.targetAccounts + 1,
    permissionSets: APPLY_SIZE.permissionSets,
    users: APPLY_SIZE.users,
    groups: APPLY_SIZE.groups,
    assignments: 0,
  });
  const mgmt = world.organization.managementAccountId;
  const targets = world.organization.accounts.filter((a) => a.id !== mgmt);
  const sets = world.permissionSets ?? [];
  const users = world.users ?? [];
  const groups = world.groups ?? [];
  const get = <T>(xs: readonly T[], i: number): T => {
    const x = xs[i % xs.length];
    if (x === undefined) throw new Error('empty list');
    return x;
  };
  const opsPerAccount = new Map<string, number>();
  const touch = (accountId: string, n = 1): void => {
    opsPerAccount.set(accountId, (opsPerAccount.get(accountId) ?? 0) + n);
  };

  const live: WorldAssignment[] = [];
  const rules: BenchRule[] = [];
  for (let s = 0; s < APPLY_SIZE.editedSets; s++) {
    const accounts = targets.slice(5 * s, 5 * s + 5);
    const set = get(sets, s);
    const user = get(users, s);
    for (const a of accounts) {
      live.push({ accountId: a.id, permissionSet: set.arn ?? set.name, principalType: 'USER', principalId: user.id });
      touch(a.id); // its provisioning
    }
    rules.push({ permissionSets: [set.name], users: [user.userName], accounts: accounts.map((a) => a.name) });
  }
  world.assignments = live;

  let creates = 0;
  for (let r = 0; r < NEW_RULES; r++) {
    const block = r % (targets.length / BLOCK);
    const accounts = targets.slice(block * BLOCK, block * BLOCK + BLOCK);
    const principals = [get(groups, 2 * r), get(groups, 2 * r + 1)];
    rules.push({
      permissionSets: [get(sets, (7 * r) % sets.length).name],
      groups: principals.map((g) => g.displayName),
      accounts: accounts.map((a) => a.name),
    });
    for (const a of accounts) touch(a.id, principals.length);
    creates += accounts.length * principals.length;
  }

  const fileSets = sets.map((s, n) => (n < APPLY_SIZE.editedSets ? { ...s, description: `${s.description ?? ''}, edited` } : s));
  const yaml = accessYaml({ world, region, permissionSets: fileSets, rules });
  return {
    world,
    yaml,
    expected: {
      creates,
      edits: APPLY_SIZE.editedSets,
      provisions: APPLY_SIZE.editedSets,
      maxOpsPerAccount: Math.max(...opsPerAccount.values()),
      accounts: targets.length,
    },
  };
}
