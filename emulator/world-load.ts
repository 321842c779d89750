import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { Generators } from './prng.js';
import { customerKey, EmulatorState, type BoundaryRec, type CustomerRef } from './state.js';
import type { World, WorldCustomerPolicyRef, WorldPermissionSet } from './world-types.js';

/** Items without a date in the world get this one, so loads are deterministic. */
export const DEFAULT_DATE = Date.parse('2024-01-01T00:00:00Z');

const date = (iso: string | undefined): number => (iso === undefined ? DEFAULT_DATE : Date.parse(iso));
const tagMap = (tags: Record<string, string> | undefined): Map<string, string> => new Map(Object.entries(tags ?? {}));

function fail(message: string): never {
  throw new Error(`emulator world: ${message}`);
}

export function customerRefOf(r: WorldCustomerPolicyRef): CustomerRef {
  return { Name: r.name, Path: r.path ?? '/' };
}

/** `Name` or `/path/Name` as written in a world → the `/path/Name` key. */
export function policyKey(s: string): string {
  return s.startsWith('/') ? s : `/${s}`;
}

function boundaryOf(ps: WorldPermissionSet): BoundaryRec | undefined {
  const b = ps.permissionsBoundary;
  if (!b) return undefined;
  return 'managedPolicyArn' in b ? { ManagedPolicyArn: b.managedPolicyArn } : { CustomerManagedPolicyReference: customerRefOf(b.customerManagedPolicy) };
}

/** Builds the state from a world. Missing IDs (permission set ARNs, membership IDs) come from the seeded generator. */
export function loadWorld(world: World, gen: Generators): EmulatorState {
  const s = new EmulatorState();
  const org = world.organization;
  if (!org || !world.instance) fail('`organization` and `instance` are required');
  s.organizationId = org.id;
  s.managementAccountId = org.managementAccountId;
  s.rootId = org.rootId;
  s.rootTags = tagMap(org.rootTags);
  for (const ou of org.organizationalUnits ?? []) s.addOu({ id: ou.id, name: ou.name, parentId: ou.parent, tags: tagMap(ou.tags) });
  for (const ou of s.ous.values()) if (ou.parentId !== s.rootId && !s.ous.has(ou.parentId)) fail(`OU ${ou.id}: unknown parent ${ou.parentId}`);
  for (const a of org.accounts) {
    if (!/^\d{12}$/.test(a.id)) fail(`account ID ${a.id} is not 12 digits`);
    const parentId = a.parent ?? s.rootId;
    if (parentId !== s.rootId && !s.ous.has(parentId)) fail(`account ${a.id}: unknown parent ${parentId}`);
    s.addAccount({
      id: a.id,
      name: a.name,
      email: a.email ?? `aws+${a.id}@example.com`,
      status: a.status ?? 'ACTIVE',
      parentId,
      tags: tagMap(a.tags),
      customerPolicies: a.customerManagedPolicies ? new Set(a.customerManagedPolicies.map(policyKey)) : undefined,
      joinedAt: date(a.joinedTimestamp),
    });
  }
  if (!s.accounts.has(org.managementAccountId)) fail(`management account ${org.managementAccountId} is not among the accounts`);
  for (const id of org.delegatedAdministrators ?? []) {
    if (!s.accounts.has(id)) fail(`delegated administrator ${id} is not among the accounts`);
    if (id === org.managementAccountId) fail(`the management account ${id} cannot be a delegated administrator`);
    s.delegatedAdministrators.add(id);
  }

  const inst = world.instance;
  s.instanceArn = inst.instanceArn;
  s.identityStoreId = inst.identityStoreId;
  s.instanceOwner = inst.ownerAccountId;
  s.instanceName = inst.name;
  s.instanceCreatedAt = date(inst.createdDate);

  for (const u of world.users ?? []) {
    s.addUser({
      id: u.id,
      userName: u.userName,
      displayName: u.displayName,
      givenName: u.givenName,
      familyName: u.familyName,
      emails: (u.emails ?? []).map((e) => ({
        Value: e.value,
        ...(e.type !== undefined ? { Type: e.type } : {}),
        ...(e.primary !== undefined ? { Primary: e.primary } : {}),
      })),
      createdAt: DEFAULT_DATE,
      updatedAt: DEFAULT_DATE,
    });
  }
  for (const g of world.groups ?? []) {
    s.addGroup({ id: g.id, displayName: g.displayName, description: g.description, createdAt: DEFAULT_DATE, updatedAt: DEFAULT_DATE });
  }
  for (const m of world.memberships ?? []) {
    if (!s.groups.has(m.groupId)) fail(`membership: unknown group ${m.groupId}`);
    if (!s.users.has(m.userId)) fail(`membership: unknown user ${m.userId}`);
    s.addMembership({ id: m.id ?? gen.ids.uuid(), groupId: m.groupId, userId: m.userId, createdAt: DEFAULT_DATE });
  }

  const instanceId = inst.instanceArn.slice(inst.instanceArn.lastIndexOf('/') + 1);
  for (const p of world.permissionSets ?? []) {
    const customer = new Map<string, CustomerRef>();
    for (const r of p.customerManagedPolicies ?? []) {
      const ref = customerRefOf(r);
      customer.set(customerKey(ref), ref);
    }
    s.addPermissionSet({
      arn: p.arn ?? `arn:aws:sso:::permissionSet/${instanceId}/ps-${gen.ids.hex(16)}`,
      name: p.name,
      description: p.description,
      sessionDuration: p.sessionDuration ?? 'PT1H',
      relayState: p.relayState,
      createdAt: date(p.createdDate),
      inlinePolicy: p.inlinePolicy ?? '',
      managed: new Map((p.managedPolicies ?? []).map((arn) => [arn, arn.slice(arn.lastIndexOf('/') + 1)])),
      customer,
      boundary: boundaryOf(p),
      tags: tagMap(p.tags),
    });
  }
  const psArn = (ref: string): string => {
    const arn = s.permissionSets.has(ref) ? ref : s.permissionSetByName.get(ref);
    if (arn === undefined) fail(`unknown permission set ${ref}`);
    return arn;
  };

  for (const a of world.assignments ?? []) {
    const arn = psArn(a.permissionSet);
    if (!s.accounts.has(a.accountId)) fail(`assignment: unknown account ${a.accountId}`);
    const known = a.principalType === 'USER' ? s.users.has(a.principalId) : s.groups.has(a.principalId);
    if (!known) fail(`assignment: unknown ${a.principalType} ${a.principalId}`);
    s.addAssignment({ accountId: a.accountId, permissionSetArn: arn, principalType: a.principalType, principalId: a.principalId });
    s.setProvisioned(arn, a.accountId, 'LATEST_PERMISSION_SET_PROVISIONED');
  }
  for (const p of world.provisioning ?? []) {
    if (!s.accounts.has(p.accountId)) fail(`provisioning: unknown account ${p.accountId}`);
    s.setProvisioned(psArn(p.permissionSet), p.accountId, p.status);
  }
  return s;
}

/** Reads a world file: `.yaml`/`.yml` as YAML, anything else as JSON. */
export async function readWorldFile(path: string): Promise<World> {
  const text = await readFile(path, 'utf8');
  return (/\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text)) as World;
}
