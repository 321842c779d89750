import { DEFAULT_DATE } from './world-load.js';
import type { EmulatorState, PermissionSetRec } from './state.js';
import type { World, WorldAccount, WorldPermissionSet, WorldProvisioning, WorldUser } from './world-types.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const tagsOf = (tags: Map<string, string>): Record<string, string> | undefined => (tags.size ? Object.fromEntries(tags) : undefined);

/** Drops undefined members so dumps stay small and compare equal to the file they came from. */
type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
function compact<T extends object>(o: T): Compact<T> {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o as Compact<T>;
}

function permissionSet(ps: PermissionSetRec): WorldPermissionSet {
  const b = ps.boundary;
  return compact({
    arn: ps.arn,
    name: ps.name,
    description: ps.description,
    sessionDuration: ps.sessionDuration,
    relayState: ps.relayState,
    createdDate: ps.createdAt === DEFAULT_DATE ? undefined : iso(ps.createdAt),
    inlinePolicy: ps.inlinePolicy === '' ? undefined : ps.inlinePolicy,
    managedPolicies: ps.managed.size ? [...ps.managed.keys()] : undefined,
    customerManagedPolicies: ps.customer.size ? [...ps.customer.values()].map((r) => ({ name: r.Name, path: r.Path })) : undefined,
    permissionsBoundary: !b
      ? undefined
      : 'ManagedPolicyArn' in b
        ? { managedPolicyArn: b.ManagedPolicyArn }
        : { customerManagedPolicy: { name: b.CustomerManagedPolicyReference.Name, path: b.CustomerManagedPolicyReference.Path } },
    tags: tagsOf(ps.tags),
  });
}

/** The state as a world; `loadWorld(dumpWorld(s))` gives the same state. */
export function dumpWorld(s: EmulatorState): World {
  const accounts: WorldAccount[] = s.accounts.sortedValues().map((a) =>
    compact({
      id: a.id,
      name: a.name,
      email: a.email,
      status: a.status,
      parent: a.parentId === s.rootId ? undefined : a.parentId,
      tags: tagsOf(a.tags),
      customerManagedPolicies: a.customerPolicies ? [...a.customerPolicies] : undefined,
      joinedTimestamp: a.joinedAt === DEFAULT_DATE ? undefined : iso(a.joinedAt),
    }),
  );
  const users: WorldUser[] = s.users.sortedValues().map((u) =>
    compact({
      id: u.id,
      userName: u.userName,
      displayName: u.displayName,
      givenName: u.givenName,
      familyName: u.familyName,
      emails: u.emails.map((e) => compact({ value: e.Value, type: e.Type, primary: e.Primary })),
    }),
  );
  const provisioning: WorldProvisioning[] = [];
  for (const [psArn, byAccount] of s.provisionedByPs) {
    for (const rec of byAccount.values()) {
      const hasAssignments = (s.assignmentsByPair.get(`${rec.accountId}|${psArn}`)?.size ?? 0) > 0;
      if (!hasAssignments || rec.status !== 'LATEST_PERMISSION_SET_PROVISIONED') {
        provisioning.push({ permissionSet: psArn, accountId: rec.accountId, status: rec.status });
      }
    }
  }
  return compact({
    organization: compact({
      id: s.organizationId,
      managementAccountId: s.managementAccountId,
      delegatedAdministrators: s.delegatedAdministrators.size ? [...s.delegatedAdministrators].sort() : undefined,
      rootId: s.rootId,
      rootTags: tagsOf(s.rootTags),
      organizationalUnits: s.ous.size
        ? s.ous.sortedValues().map((o) => compact({ id: o.id, name: o.name, parent: o.parentId, tags: tagsOf(o.tags) }))
        : undefined,
      accounts,
    }),
    instance: compact({
      instanceArn: s.instanceArn,
      identityStoreId: s.identityStoreId,
      ownerAccountId: s.instanceOwner,
      name: s.instanceName,
      createdDate: s.instanceCreatedAt === DEFAULT_DATE ? undefined : iso(s.instanceCreatedAt),
    }),
    users,
    groups: s.groups.sortedValues().map((g) => compact({ id: g.id, displayName: g.displayName, description: g.description })),
    memberships: [...s.memberships.values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((m) => ({ id: m.id, groupId: m.groupId, userId: m.userId })),
    permissionSets: s.permissionSets.sortedValues().map(permissionSet),
    assignments: [...s.assignmentsByPair.values()].flatMap((b) =>
      b.sortedValues().map((a) => ({ accountId: a.accountId, permissionSet: a.permissionSetArn, principalType: a.principalType, principalId: a.principalId })),
    ),
    provisioning: provisioning.length ? provisioning : undefined,
  });
}
