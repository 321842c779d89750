/**
 * Turns the parsed document into the `Desired` model: short managed policy names become ARNs,
 * singular and plural keys merge, defaults fill in, lists and records are sorted.
 *
 * It runs even when the schema found problems, so that the semantic rules can report theirs in
 * the same run: every value of the wrong type is skipped here (the schema has reported it).
 */
import type { AssignmentRule, Desired, IdentityCenterSettings, MaxDeletes, Ownership, OwnershipMode, ProtectedAssignment } from '../model/desired.js';
import type { Group, User } from '../model/identity.js';
import { DEFAULT_IAM_PATH, type CustomerManagedPolicyRef, type PermissionSet, type PermissionsBoundary } from '../model/permission-set.js';
import type { Diagnostic } from '../model/source.js';
import { nameRecord } from '../model/name-record.js';
import { describeThing } from './describe.js';
import { canonicalDuration } from '../model/duration.js';
import type { InlinePolicyDoc } from './policy-source.js';
import { readInlinePolicy } from './policy-source.js';
import type { PathSegments, SourceMap } from './source-map.js';
import { lazyPositions } from './source-map.js';

export const DEFAULT_SESSION_DURATION = 'PT1H';
export const DEFAULT_MAX_DELETES: MaxDeletes = { kind: 'count', value: 10 };
export const DEFAULT_IGNORE = {
  users: [] as string[],
  groups: ['AWSControlTower*'],
  permissionSets: ['AWSControlTower*', 'AWSReservedSSO*', 'AWSServiceCatalog*'],
} as const;

export interface NormaliseResult {
  desired: Desired;
  policies: InlinePolicyDoc[];
  /** Absolute paths of every `inline_policy_file` named (read or not), sorted. */
  policyFiles: string[];
  diagnostics: Diagnostic[];
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : nameRecord());
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const sortedKeys = (o: Obj): string[] => Object.keys(o).sort();
/**
 * Sorted (by code unit), each once. Sorting first and dropping repeats is linear after the sort;
 * a Set of 40,000 texts before it cost 4 times the sort (a hash table that outgrows the caches).
 */
function sortedUnique(xs: readonly string[]): string[] {
  const sorted = [...xs].sort();
  return sorted.filter((x, i) => i === 0 || x !== sorted[i - 1]);
}

/** `arn:aws:iam::aws:policy/<name>` for a short name (`ReadOnlyAccess`, `job-function/ViewOnlyAccess`). */
export function managedPolicyArn(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? nameOrArn : `arn:aws:iam::aws:policy/${nameOrArn}`;
}

/**
 * The ARNs of `written` (names or ARNs), sorted, each once. When every entry is a name, the ARNs
 * (one prefix and the name) sort as the names do: the names are sorted, the ARNs made last.
 */
function managedPolicyArns(written: readonly string[]): string[] {
  if (written.some((w) => w.startsWith('arn:'))) return sortedUnique(written.map(managedPolicyArn));
  return sortedUnique(written).map(managedPolicyArn);
}

function customerRef(v: unknown): CustomerManagedPolicyRef | undefined {
  if (typeof v === 'string') return { name: v, path: DEFAULT_IAM_PATH };
  if (isObj(v) && typeof v['name'] === 'string') return { name: v['name'], path: str(v['path']) ?? DEFAULT_IAM_PATH };
  return undefined;
}

export function normalise(data: unknown, source: SourceMap, baseDir: string): NormaliseResult {
  const root = obj(data);
  const diagnostics: Diagnostic[] = [];
  const policies: InlinePolicyDoc[] = [];
  const policyFiles: string[] = [];

  /** Singular + plural key (`permission_set` / `permission_sets`): both merge; both at once is an error. */
  const names = (o: Obj, segs: PathSegments, singular: string, pluralKey: string): string[] => {
    const one = str(o[singular]);
    const many = strList(o[pluralKey]);
    if (o[singular] !== undefined && o[pluralKey] !== undefined) {
      diagnostics.push({
        ...source.keyAt([...segs, pluralKey]),
        severity: 'error',
        message: `${describeThing(segs)} has both "${singular}" and "${pluralKey}": use one (${pluralKey}: [${[...new Set([one, ...many])].filter(Boolean).join(', ')}])`,
      });
    }
    return one === undefined || many.includes(one) ? many : [one, ...many];
  };

  const ic = obj(root['identity_center']);
  const identityCenter: IdentityCenterSettings = { identitySource: ic['identity_source'] === 'external' ? 'external' : 'internal' };
  const region = str(ic['region']);
  const instanceArn = str(ic['instance_arn']);
  const identityStoreId = str(ic['identity_store_id']);
  if (region !== undefined) identityCenter.region = region;
  if (instanceArn !== undefined) identityCenter.instanceArn = instanceArn;
  if (identityStoreId !== undefined) identityCenter.identityStoreId = identityStoreId;
  const startUrl = str(ic['start_url']);
  if (startUrl !== undefined) identityCenter.startUrl = startUrl;

  const own = obj(root['ownership']);
  const mode = (v: unknown, dflt: OwnershipMode): OwnershipMode => (v === 'managed' || v === 'referenced' ? v : dflt);
  const identityDefault: OwnershipMode = identityCenter.identitySource === 'external' ? 'referenced' : 'managed';
  const ignore = obj(own['ignore']);
  // With an external identity source users and groups are always references (a rule reports an
  // explicit `managed`).
  const external = identityCenter.identitySource === 'external';
  const ownership: Ownership = {
    users: external ? 'referenced' : mode(own['users'], identityDefault),
    groups: external ? 'referenced' : mode(own['groups'], identityDefault),
    permissionSets: mode(own['permission_sets'], 'managed'),
    assignments: mode(own['assignments'], 'managed'),
    ignore: {
      users: sortedUnique([...DEFAULT_IGNORE.users, ...strList(ignore['users'])]),
      groups: sortedUnique([...DEFAULT_IGNORE.groups, ...strList(ignore['groups'])]),
      permissionSets: sortedUnique([...DEFAULT_IGNORE.permissionSets, ...strList(ignore['permission_sets'])]),
    },
  };

  const safety = obj(root['safety']);
  const protectedList: ProtectedAssignment[] = [];
  (Array.isArray(safety['protected']) ? safety['protected'] : []).forEach((item: unknown, i) => {
    const p = obj(item);
    const segs = ['safety', 'protected', i];
    const users = names(p, segs, 'user', 'users');
    const groups = names(p, segs, 'group', 'groups');
    for (const permissionSet of names(p, segs, 'permission_set', 'permission_sets')) {
      protectedList.push({ pos: source.at(segs), permissionSet, users, groups, accounts: strList(p['accounts']) });
    }
  });

  const users = nameRecord<User>();
  const rawUsers = obj(root['users']);
  for (const name of sortedKeys(rawUsers)) {
    const u = obj(rawUsers[name]);
    users[name] = {
      userName: name,
      displayName: str(u['display_name']) ?? '',
      givenName: str(u['given_name']) ?? '',
      familyName: str(u['family_name']) ?? '',
      email: str(u['email']) ?? '',
    };
  }

  const groups = nameRecord<Group>();
  const rawGroups = obj(root['groups']);
  for (const name of sortedKeys(rawGroups)) {
    const g = obj(rawGroups[name]);
    const group: Group = { displayName: name, members: sortedUnique(strList(g['members'])) };
    const description = str(g['description']);
    if (description !== undefined) group.description = description;
    groups[name] = group;
  }

  const permissionSets = nameRecord<PermissionSet>();
  const rawSets = obj(root['permission_sets']);
  for (const name of sortedKeys(rawSets)) {
    const ps = obj(rawSets[name]);
    const set: PermissionSet = {
      name,
      sessionDuration: canonicalDuration(str(ps['session_duration']) ?? DEFAULT_SESSION_DURATION),
      managedPolicies: managedPolicyArns(strList(ps['managed_policies'])),
      customerManagedPolicies: customerRefs(ps['customer_managed_policies']),
      tags: stringRecord(ps['tags']),
    };
    const description = str(ps['description']);
    const relayState = str(ps['relay_state']);
    if (description !== undefined) set.description = description;
    if (relayState !== undefined) set.relayState = relayState;
    const boundary = permissionsBoundary(ps['permissions_boundary']);
    if (boundary) set.permissionsBoundary = boundary;
    const policy = readInlinePolicy(name, ps, baseDir, source);
    diagnostics.push(...policy.diagnostics);
    if (policy.file !== undefined) policyFiles.push(policy.file);
    if (policy.doc) {
      policies.push(policy.doc);
      set.inlinePolicy = JSON.stringify(policy.doc.document);
    }
    permissionSets[name] = set;
  }

  const rawAliases = obj(root['accounts']);
  const accountAliases = nameRecord<string>();
  for (const alias of sortedKeys(rawAliases)) {
    const id = str(rawAliases[alias]);
    if (id !== undefined) accountAliases[alias] = id;
  }

  const rules: AssignmentRule[] = [];
  (Array.isArray(root['assignments']) ? root['assignments'] : []).forEach((item: unknown, index) => {
    const r = obj(item);
    const segs = ['assignments', index];
    const rule: AssignmentRule = {
      index,
      pos: source.at(segs),
      permissionSets: names(r, segs, 'permission_set', 'permission_sets'),
      users: names(r, segs, 'user', 'users'),
      groups: names(r, segs, 'group', 'groups'),
      targets: {
        accounts: strList(r['accounts']),
        organizationalUnits: strList(r['organizational_units']),
        allAccounts: r['all_accounts'] === true,
        accountTags: stringRecord(r['account_tags']),
        excludeAccounts: strList(r['exclude_accounts']),
      },
    };
    const expires = str(r['expires']);
    if (expires !== undefined) rule.expires = expires;
    if (typeof r['revoke_sessions'] === 'boolean') rule.revokeSessions = r['revoke_sessions'];
    rules.push(rule);
  });

  const desired: Desired = lazyPositions(
    {
      file: source.file,
      version: 1,
      identityCenter,
      ownership,
      safety: {
        maxDeletes: maxDeletes(safety['max_deletes']),
        protected: protectedList,
        ...(typeof safety['revoke_sessions'] === 'boolean' ? { revokeSessions: safety['revoke_sessions'] } : {}),
      },
      users,
      groups,
      permissionSets,
      accountAliases,
      rules,
    },
    source,
  );
  return { desired, policies, policyFiles: sortedUnique(policyFiles), diagnostics };
}

function customerRefs(v: unknown): CustomerManagedPolicyRef[] {
  const refs = (Array.isArray(v) ? v : []).map(customerRef).filter((r): r is CustomerManagedPolicyRef => r !== undefined);
  const seen = new Set<string>();
  return refs
    .filter((r) => {
      const k = `${r.path}\u0000${r.name}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function permissionsBoundary(v: unknown): PermissionsBoundary | undefined {
  if (!isObj(v) || Object.keys(v).length !== 1) return undefined;
  const managed = str(v['managed_policy']);
  if (managed !== undefined) return { kind: 'aws-managed', arn: managedPolicyArn(managed) };
  const ref = customerRef(v['customer_managed']);
  return ref ? { kind: 'customer-managed', name: ref.name, path: ref.path } : undefined;
}

function stringRecord(v: unknown): Record<string, string> {
  const o = obj(v);
  const out = nameRecord<string>();
  for (const k of sortedKeys(o)) {
    const value = o[k];
    if (typeof value === 'string') out[k] = value;
  }
  return out;
}

function maxDeletes(v: unknown): MaxDeletes {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { kind: 'count', value: v };
  if (typeof v === 'string') {
    const m = /^(\d{1,3})%$/.exec(v);
    if (m && Number(m[1]) <= 100) return { kind: 'percent', value: Number(m[1]) };
  }
  return { ...DEFAULT_MAX_DELETES };
}
