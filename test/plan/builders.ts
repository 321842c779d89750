/** Small builders of Desired and Live for planner and renderer tests. */
import type { LiveAssignment, PrincipalType } from '../../src/model/assignment.js';
import type { AssignmentRule, Desired, Ownership } from '../../src/model/desired.js';
import type { Group, LiveGroup, LiveUser, User } from '../../src/model/identity.js';
import type { Live } from '../../src/model/live.js';
import type { Account, Organization, OrganizationalUnit } from '../../src/model/organization.js';
import type { LivePermissionSet, PermissionSet } from '../../src/model/permission-set.js';
import type { SourcePos } from '../../src/model/source.js';

export const FILE = 'access.yaml';
export const NOW = new Date('2026-03-15T12:00:00Z');

export const pos = (line: number, col = 3): SourcePos => ({ file: FILE, line, col });

export function user(userName: string, over: Partial<User> = {}): User {
  const cap = userName.charAt(0).toUpperCase() + userName.slice(1);
  return { userName, displayName: `${cap} Example`, givenName: cap, familyName: 'Example', email: `${userName}@example.com`, ...over };
}

export function liveUser(userName: string, over: Partial<User> = {}): LiveUser {
  return { ...user(userName, over), userId: `u-${userName}` };
}

export function group(displayName: string, members: string[] = [], description?: string): Group {
  return description === undefined ? { displayName, members: [...members].sort() } : { displayName, description, members: [...members].sort() };
}

export function liveGroup(displayName: string, members: string[] = [], description?: string): LiveGroup {
  const membershipIds: Record<string, string> = {};
  for (const m of members) membershipIds[m] = `m-${displayName}-${m}`;
  return { ...group(displayName, members, description), groupId: `g-${displayName}`, membershipIds, unresolvedMemberIds: [] };
}

export function permissionSet(name: string, over: Partial<PermissionSet> = {}): PermissionSet {
  return { name, sessionDuration: 'PT1H', managedPolicies: [], customerManagedPolicies: [], tags: {}, ...over };
}

export function livePermissionSet(name: string, over: Partial<PermissionSet> & { provisioned?: string[]; outdated?: string[] } = {}): LivePermissionSet {
  const { provisioned = [], outdated = [], ...rest } = over;
  return {
    ...permissionSet(name, rest),
    arn: `arn:aws:sso:::permissionSet/ssoins-1/ps-${name}`,
    provisionedAccountIds: provisioned,
    outdatedAccountIds: outdated,
  };
}

export const managedPolicy = (name: string): string => `arn:aws:iam::aws:policy/${name}`;

export interface RuleSpec {
  sets: string[];
  users?: string[];
  groups?: string[];
  accounts?: string[];
  ous?: string[];
  all?: boolean;
  tags?: Record<string, string>;
  exclude?: string[];
  expires?: string;
}

/** Rule `index` sits at line 100 + 10 × index; its references on the lines after it. */
export function rule(index: number, spec: RuleSpec): AssignmentRule {
  const r: AssignmentRule = {
    index,
    pos: pos(100 + 10 * index, 5),
    permissionSets: spec.sets,
    users: spec.users ?? [],
    groups: spec.groups ?? [],
    targets: {
      accounts: spec.accounts ?? [],
      organizationalUnits: spec.ous ?? [],
      allAccounts: spec.all ?? false,
      accountTags: spec.tags ?? {},
      excludeAccounts: spec.exclude ?? [],
    },
  };
  if (spec.expires !== undefined) r.expires = spec.expires;
  return r;
}

/** Positions the loader would record for a rule's references, at predictable lines. */
function rulePositions(r: AssignmentRule): Record<string, SourcePos> {
  const base = r.pos.line;
  const out: Record<string, SourcePos> = {};
  const fields: [string, string[], number][] = [
    ['permission_sets', r.permissionSets, 1],
    ['users', r.users, 2],
    ['groups', r.groups, 3],
    ['accounts', r.targets.accounts, 4],
    ['organizational_units', r.targets.organizationalUnits, 5],
    ['exclude_accounts', r.targets.excludeAccounts, 6],
  ];
  for (const [field, values, offset] of fields) {
    values.forEach((_, i) => (out[`assignments[${r.index}].${field}[${i}]`] = pos(base + offset, 20 + 10 * i)));
  }
  return out;
}

export const defaultOwnership = (): Ownership => ({
  users: 'managed',
  groups: 'managed',
  permissionSets: 'managed',
  assignments: 'managed',
  ignore: { users: [], groups: ['AWSControlTower*'], permissionSets: ['AWSControlTower*', 'AWSServiceCatalog*'] },
});

export interface DesiredSpec {
  users?: User[];
  groups?: Group[];
  permissionSets?: PermissionSet[];
  rules?: AssignmentRule[];
  aliases?: Record<string, string>;
  ownership?: Partial<Ownership>;
  identitySource?: 'internal' | 'external';
}

export function desired(spec: DesiredSpec = {}): Desired {
  const positions: Record<string, SourcePos> = {};
  let line = 10;
  const users: Record<string, User> = {};
  for (const u of spec.users ?? []) {
    users[u.userName] = u;
    positions[`users.${u.userName}`] = pos(line++);
  }
  const groups: Record<string, Group> = {};
  for (const g of spec.groups ?? []) {
    groups[g.displayName] = g;
    positions[`groups.${g.displayName}`] = pos(line++);
    g.members.forEach((_, i) => (positions[`groups.${g.displayName}.members[${i}]`] = pos(line++, 7)));
  }
  const permissionSets: Record<string, PermissionSet> = {};
  for (const p of spec.permissionSets ?? []) {
    permissionSets[p.name] = p;
    positions[`permission_sets.${p.name}`] = pos(line++);
  }
  for (const r of spec.rules ?? []) Object.assign(positions, rulePositions(r));
  return {
    file: FILE,
    version: 1,
    identityCenter: { identitySource: spec.identitySource ?? 'internal' },
    ownership: { ...defaultOwnership(), ...spec.ownership },
    safety: { maxDeletes: { kind: 'count', value: 10 }, protected: [] },
    users,
    groups,
    permissionSets,
    accountAliases: spec.aliases ?? {},
    rules: spec.rules ?? [],
    positions,
  };
}

export const MGMT = '111111111111';
export const PROD_APP = '222222222222';
export const PROD_DATA = '333333333333';
export const STAGING = '444444444444';
export const LEGACY = '555555555555';
export const SUSPENDED = '666666666666';

export function account(id: string, name: string, parentId: string, over: Partial<Account> = {}): Account {
  return { id, name, status: 'ACTIVE', parentId, tags: {}, ...over };
}

const ou = (id: string, path: string, parentId: string): OrganizationalUnit => ({
  id,
  name: path.slice(path.lastIndexOf('/') + 1),
  path,
  parentId,
});

/** management (root), /Workloads/Prod: prod-app, legacy-prod; /Workloads/Prod/Data: prod-data;
 * /Workloads/Staging: staging; /Sandbox: old-sandbox (suspended). */
export function organization(): Organization {
  return {
    managementAccountId: MGMT,
    rootId: 'r-root',
    accounts: [
      account(MGMT, 'management', 'r-root', { tags: { env: 'prod' } }),
      account(PROD_APP, 'prod-app', 'ou-prod', { tags: { env: 'prod', team: 'app' } }),
      account(PROD_DATA, 'prod-data', 'ou-data', { tags: { env: 'prod', team: 'data' } }),
      account(STAGING, 'staging', 'ou-stg', { tags: { env: 'staging', team: 'app' } }),
      account(LEGACY, 'legacy-prod', 'ou-prod', { tags: { env: 'prod' } }),
      account(SUSPENDED, 'old-sandbox', 'ou-sbx', { status: 'SUSPENDED', tags: { env: 'prod' } }),
    ],
    organizationalUnits: [
      ou('ou-sbx', '/Sandbox', 'r-root'),
      ou('ou-work', '/Workloads', 'r-root'),
      ou('ou-prod', '/Workloads/Prod', 'ou-work'),
      ou('ou-data', '/Workloads/Prod/Data', 'ou-prod'),
      ou('ou-stg', '/Workloads/Staging', 'ou-work'),
    ],
  };
}

export function liveAssignment(permissionSet: string, principalType: PrincipalType, principal: string, accountId: string): LiveAssignment {
  return {
    permissionSet,
    principalType,
    principal,
    accountId,
    principalId: principal.startsWith('id:') ? principal.slice(3) : `${principalType === 'USER' ? 'u' : 'g'}-${principal}`,
    permissionSetArn: `arn:aws:sso:::permissionSet/ssoins-1/ps-${permissionSet}`,
  };
}

export interface LiveSpec {
  users?: LiveUser[];
  groups?: LiveGroup[];
  permissionSets?: LivePermissionSet[];
  assignments?: LiveAssignment[];
  organization?: Organization;
  callerAccountId?: string;
}

export function live(spec: LiveSpec = {}): Live {
  const org = spec.organization ?? organization();
  return {
    instance: { instanceArn: 'arn:aws:sso:::instance/ssoins-1', identityStoreId: 'd-1', region: 'us-east-1' },
    caller: { accountId: spec.callerAccountId ?? org.managementAccountId, arn: 'arn:aws:sts::111111111111:assumed-role/Admin/ci' },
    organization: org,
    users: Object.fromEntries((spec.users ?? []).map((u) => [u.userName, u])),
    groups: Object.fromEntries((spec.groups ?? []).map((g) => [g.displayName, g])),
    permissionSets: Object.fromEntries((spec.permissionSets ?? []).map((p) => [p.name, p])),
    assignments: spec.assignments ?? [],
    readCalls: {},
  };
}
