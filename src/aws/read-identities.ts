/**
 * Reads users, groups and memberships. Internal identity source: one pass over every user and
 * group, one ListGroupMemberships per group. External source (SCIM, AD): users and groups are
 * references, so only the ones the file names are looked up (GetUserId/GetGroupId + Describe),
 * plus, after assignments are read, the principals of assignments nobody named.
 */
import type { LiveGroup, LiveUser } from '../model/identity.js';
import type { Progress } from '../progress/progress.js';
import type { GroupRecord, IdentityCenterGateway, UserRecord } from './gateway.js';
import pLimit from 'p-limit';
import { compareStrings, sortedStrings } from '../model/compare.js';
import { sortedRecord } from './normalise.js';
import { count } from '../model/plural.js';
import { nameRecord } from '../model/name-record.js';

/** Users and groups read so far, by name and by ID. */
export class IdentityIndex {
  readonly users = new Map<string, LiveUser>();
  readonly groups = new Map<string, LiveGroup>();
  readonly userNameById = new Map<string, string>();
  readonly groupNameById = new Map<string, string>();
  /** Group records waiting for their memberships. */
  private readonly pendingGroups: GroupRecord[] = [];

  addUser(u: UserRecord): void {
    if (u.userName === '' || this.users.has(u.userName)) return;
    const { userId, userName, displayName, givenName, familyName, email } = u;
    this.users.set(userName, { userId, userName, displayName, givenName, familyName, email });
    this.userNameById.set(userId, userName);
  }

  addGroup(g: GroupRecord): void {
    if (g.displayName === '' || this.groupNameById.has(g.groupId)) return;
    this.groupNameById.set(g.groupId, g.displayName);
    this.pendingGroups.push(g);
  }

  /** Reads the members of every group added since the last call. */
  async readMemberships(gateway: IdentityCenterGateway, storeId: string, concurrency: number, onGroup: () => void): Promise<number> {
    const groups = this.pendingGroups.splice(0);
    let memberships = 0;
    await pLimit(concurrency).map(groups, async (g) => {
      const records = await gateway.listGroupMemberships(storeId, g.groupId);
      memberships += records.length;
      const membershipIds = nameRecord<string>();
      const unresolved: string[] = [];
      for (const m of records) {
        const name = this.userNameById.get(m.userId);
        if (name === undefined) unresolved.push(m.userId);
        else membershipIds[name] = m.membershipId;
      }
      const members = Object.keys(membershipIds).sort(compareStrings);
      this.groups.set(g.displayName, {
        groupId: g.groupId,
        displayName: g.displayName,
        ...(g.description !== undefined ? { description: g.description } : {}),
        members,
        membershipIds: sortedRecord(membershipIds),
        unresolvedMemberIds: sortedStrings(unresolved),
      });
      onGroup();
    });
    return memberships;
  }

  sortedUsers(): Record<string, LiveUser> {
    return nameRecord([...this.users.entries()].sort(([a], [b]) => compareStrings(a, b)));
  }

  sortedGroups(): Record<string, LiveGroup> {
    return nameRecord([...this.groups.entries()].sort(([a], [b]) => compareStrings(a, b)));
  }
}

export interface IdentityReadOptions {
  external: boolean;
  namedUsers: readonly string[];
  namedGroups: readonly string[];
  concurrency: number;
}

export async function readIdentities(
  gateway: IdentityCenterGateway,
  storeId: string,
  options: IdentityReadOptions,
  progress: Progress,
): Promise<IdentityIndex> {
  const index = new IdentityIndex();
  const { concurrency } = options;

  if (!options.external) {
    const usersPhase = progress.phase('read users');
    const [users, groups] = await Promise.all([
      gateway.listUsers(storeId).then((u) => {
        usersPhase.end(count(u.length, 'user'));
        return u;
      }),
      gateway.listGroups(storeId),
    ]);
    for (const u of users) index.addUser(u);
    for (const g of groups) index.addGroup(g);
    const groupsPhase = progress.phase('read groups', groups.length);
    const memberships = await index.readMemberships(gateway, storeId, concurrency, () => groupsPhase.tick());
    groupsPhase.end(`${count(index.groups.size, 'group')}, ${count(memberships, 'membership')}`);
    return index;
  }

  const usersPhase = progress.phase('look up users', options.namedUsers.length);
  const groupsPhase = progress.phase('look up groups', options.namedGroups.length);
  await Promise.all([
    pLimit(concurrency).map(options.namedUsers, async (name) => {
      const id = await gateway.getUserId(storeId, name);
      const user = id === undefined ? undefined : await gateway.describeUser(storeId, id);
      if (user) index.addUser(user);
      usersPhase.tick();
    }),
    pLimit(concurrency).map(options.namedGroups, async (name) => {
      const id = await gateway.getGroupId(storeId, name);
      const group = id === undefined ? undefined : await gateway.describeGroup(storeId, id);
      if (group) index.addGroup(group);
    }),
  ]);
  usersPhase.end(`${index.users.size} of ${count(options.namedUsers.length, 'user')} found`);
  // Memberships after the users, so that every named member resolves to a name.
  await index.readMemberships(gateway, storeId, concurrency, () => groupsPhase.tick());
  groupsPhase.end(`${index.groups.size} of ${count(options.namedGroups.length, 'group')} found`);
  return index;
}

/**
 * External source: describes the principals of assignments that no name in the file led to, so
 * the plan shows names instead of IDs (and reads their memberships, for member counts). A
 * principal that no longer exists stays unknown and shows as `id:<principal id>`.
 */
export async function readAssignmentPrincipals(
  gateway: IdentityCenterGateway,
  storeId: string,
  index: IdentityIndex,
  principals: readonly { principalType: 'USER' | 'GROUP'; principalId: string }[],
  progress: Progress,
  concurrency: number,
): Promise<void> {
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const p of principals) {
    if (p.principalType === 'USER' && !index.userNameById.has(p.principalId)) users.add(p.principalId);
    if (p.principalType === 'GROUP' && !index.groupNameById.has(p.principalId)) groups.add(p.principalId);
  }
  if (users.size === 0 && groups.size === 0) return;
  const phase = progress.phase('describe assignment principals', users.size + groups.size);
  await Promise.all([
    pLimit(concurrency).map([...users].sort(compareStrings), async (id) => {
      const user = await gateway.describeUser(storeId, id);
      if (user) index.addUser(user);
      phase.tick();
    }),
    pLimit(concurrency).map([...groups].sort(compareStrings), async (id) => {
      const group = await gateway.describeGroup(storeId, id);
      if (group) index.addGroup(group);
      phase.tick();
    }),
  ]);
  await index.readMemberships(gateway, storeId, concurrency, () => undefined);
  phase.end(`${count(users.size, 'user')}, ${count(groups.size, 'group')}`);
}
