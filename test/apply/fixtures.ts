/** Small builders for plans and live states in apply tests. */
import type { LiveAssignment } from '../../src/model/assignment.js';
import type { Desired, MaxDeletes, ProtectedAssignment } from '../../src/model/desired.js';
import type { LiveGroup, LiveUser, User } from '../../src/model/identity.js';
import type { Live } from '../../src/model/live.js';
import type { LivePermissionSet, PermissionSet } from '../../src/model/permission-set.js';
import { PLAN_FORMAT_VERSION, type AssignmentChange, type Change, type Plan } from '../../src/plan/types.js';

export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1';
export const MANAGEMENT = '111122223333';
export const PROD = '444455556666';

export function user(userName: string): User {
  return { userName, displayName: userName, givenName: userName, familyName: 'Test', email: `${userName}@example.com` };
}

export function liveUser(userName: string): LiveUser {
  return { ...user(userName), userId: `uid-${userName}` };
}

export function liveGroup(displayName: string, members: string[] = []): LiveGroup {
  return {
    displayName,
    groupId: `gid-${displayName}`,
    members: [...members].sort(),
    membershipIds: Object.fromEntries(members.map((m) => [m, `mid-${displayName}-${m}`])),
    unresolvedMemberIds: [],
  };
}

export function permissionSet(name: string, extra: Partial<PermissionSet> = {}): PermissionSet {
  return { name, sessionDuration: 'PT1H', managedPolicies: [], customerManagedPolicies: [], tags: {}, ...extra };
}

export function livePermissionSet(name: string, extra: Partial<LivePermissionSet> = {}): LivePermissionSet {
  return {
    ...permissionSet(name),
    arn: `arn:aws:sso:::permissionSet/ssoins-1/ps-${name}`,
    provisionedAccountIds: [],
    outdatedAccountIds: [],
    ...extra,
  };
}

export function liveAssignment(set: LivePermissionSet, principalType: 'USER' | 'GROUP', principal: string, accountId: string): LiveAssignment {
  return {
    permissionSet: set.name,
    principalType,
    principal,
    accountId,
    permissionSetArn: set.arn,
    principalId: principalType === 'USER' ? `uid-${principal}` : `gid-${principal}`,
  };
}

export function makeLive(parts: Partial<Pick<Live, 'users' | 'groups' | 'permissionSets' | 'assignments' | 'caller'>> & { accounts?: string[] } = {}): Live {
  const accounts = parts.accounts ?? [MANAGEMENT, PROD];
  return {
    instance: { instanceArn: INSTANCE_ARN, identityStoreId: 'd-1', region: 'us-east-1' },
    caller: parts.caller ?? { accountId: MANAGEMENT, arn: `arn:aws:sts::${MANAGEMENT}:assumed-role/github-deploy/run-1` },
    organization: {
      managementAccountId: MANAGEMENT,
      rootId: 'r-1',
      accounts: accounts.map((id) => ({ id, name: id === MANAGEMENT ? 'management' : id === PROD ? 'prod' : `acct-${id}`, status: 'ACTIVE' as const })),
    },
    users: parts.users ?? {},
    groups: parts.groups ?? {},
    permissionSets: parts.permissionSets ?? {},
    assignments: parts.assignments ?? [],
    readCalls: {},
  };
}

export function makePlan(changes: Change[], accountNames: Record<string, string> = { [MANAGEMENT]: 'management', [PROD]: 'prod' }): Plan {
  const counts = { create: 0, update: 0, delete: 0 };
  for (const c of changes) counts[c.action]++;
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    configFile: 'access.yaml',
    instanceArn: INSTANCE_ARN,
    changes,
    accessChanges: [],
    warnings: [],
    counts,
    accountNames,
    safety: { safe: true, refusals: [] },
    hash: 'test',
  };
}

export function assignmentChange(
  action: 'create' | 'delete',
  permissionSet: string,
  principalType: 'USER' | 'GROUP',
  principal: string,
  accountId: string,
): AssignmentChange {
  return { kind: 'assignment', action, assignment: { permissionSet, principalType, principal, accountId }, rules: [] };
}

export function makeDesired(
  safety: { maxDeletes?: MaxDeletes; protected?: Omit<ProtectedAssignment, 'pos'>[] } = {},
  accountAliases: Record<string, string> = {},
): Desired {
  return {
    file: 'access.yaml',
    version: 1,
    identityCenter: { identitySource: 'internal' },
    ownership: {
      users: 'managed',
      groups: 'managed',
      permissionSets: 'managed',
      assignments: 'managed',
      ignore: { users: [], groups: [], permissionSets: [] },
    },
    safety: {
      maxDeletes: safety.maxDeletes ?? { kind: 'count', value: 1000 },
      protected: (safety.protected ?? []).map((p, i) => ({ ...p, pos: { file: 'access.yaml', line: 10 + i, col: 5 } })),
    },
    users: {},
    groups: {},
    permissionSets: {},
    accountAliases,
    rules: [],
    positions: {},
  };
}

/** A sleep that takes no time but advances a fake clock. */
export function fakeClock(start = 1_000_000): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}
