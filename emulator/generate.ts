import { Prng } from './prng.js';
import type { World, WorldAssignment, WorldMembership, WorldPermissionSet } from './world-types.js';

export interface WorldSize {
  accounts: number;
  permissionSets: number;
  users: number;
  groups: number;
  /** Must not exceed accounts × permissionSets × principals. */
  assignments: number;
  /** Group memberships per user (default 2). */
  groupsPerUser?: number;
  seed?: number;
}

const MANAGED = ['ReadOnlyAccess', 'job-function/ViewOnlyAccess', 'PowerUserAccess', 'AdministratorAccess', 'job-function/Billing'];

/** A synthetic organization of the given size, deterministic for a seed (benchmarks, load tests). */
export function generateWorld(size: WorldSize): World {
  const rng = new Prng(size.seed ?? 1, 'generate');
  const accountId = (i: number): string => String(100000000000 + i * 7919);
  const ous = Math.max(1, Math.ceil(size.accounts / 50));
  const mgmt = accountId(0);
  const users = Array.from({ length: size.users }, (_, i) => ({
    id: rng.uuid(),
    userName: `user${String(i).padStart(5, '0')}`,
    displayName: `User ${i}`,
    givenName: 'User',
    familyName: String(i),
    emails: [{ value: `user${i}@example.com`, type: 'work', primary: true }],
  }));
  const groups = Array.from({ length: size.groups }, (_, i) => ({
    id: rng.uuid(),
    displayName: `group-${String(i).padStart(4, '0')}`,
    description: `Group ${i}`,
  }));
  const memberships: WorldMembership[] = [];
  const perUser = Math.min(size.groupsPerUser ?? 2, size.groups);
  users.forEach((u, i) => {
    for (let j = 0; j < perUser; j++) {
      const g = groups[(i * 7 + j * 31) % size.groups];
      if (g && !memberships.some((m, k) => k >= memberships.length - j && m.groupId === g.id))
        memberships.push({ id: rng.uuid(), groupId: g.id, userId: u.id });
    }
  });
  const permissionSets: WorldPermissionSet[] = Array.from({ length: size.permissionSets }, (_, i) => ({
    arn: `arn:aws:sso:::permissionSet/ssoins-72230000a1b2c3d4/ps-${rng.hex(16)}`,
    name: `PermissionSet${String(i).padStart(4, '0')}`,
    description: `Generated permission set ${i}`,
    sessionDuration: i % 3 === 0 ? 'PT4H' : 'PT1H',
    managedPolicies: [`arn:aws:iam::aws:policy/${MANAGED[i % MANAGED.length] ?? 'ReadOnlyAccess'}`],
    ...(i % 4 === 0 ? { inlinePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}' } : {}),
    tags: { team: `team-${i % 10}` },
  }));
  const assignments: WorldAssignment[] = [];
  const perAccount = Math.ceil(size.assignments / Math.max(1, size.accounts));
  for (let a = 0; a < size.accounts && assignments.length < size.assignments; a++) {
    for (let j = 0; j < perAccount && assignments.length < size.assignments; j++) {
      const ps = permissionSets[(a * 7 + j) % size.permissionSets];
      const useGroup = j % 3 !== 2 && size.groups > 0;
      const principal = useGroup ? groups[(a + j * 13) % size.groups] : users[(a * 31 + j) % size.users];
      if (!ps || !principal) continue;
      assignments.push({ accountId: accountId(a), permissionSet: ps.arn ?? ps.name, principalType: useGroup ? 'GROUP' : 'USER', principalId: principal.id });
    }
  }
  return {
    organization: {
      id: 'o-generated01',
      managementAccountId: mgmt,
      rootId: 'r-gen0',
      organizationalUnits: Array.from({ length: ous }, (_, i) => ({ id: `ou-gen0-${String(i).padStart(8, '0')}`, name: `ou-${i}`, parent: 'r-gen0' })),
      accounts: Array.from({ length: size.accounts }, (_, i) => ({
        id: accountId(i),
        name: i === 0 ? 'management' : `account-${i}`,
        email: `aws+${i}@example.com`,
        ...(i === 0 ? {} : { parent: `ou-gen0-${String(i % ous).padStart(8, '0')}` }),
        tags: { env: i % 2 ? 'prod' : 'dev' },
      })),
    },
    instance: { instanceArn: 'arn:aws:sso:::instance/ssoins-72230000a1b2c3d4', identityStoreId: 'd-9067000001', ownerAccountId: mgmt },
    users,
    groups,
    memberships,
    permissionSets,
    assignments,
  };
}
