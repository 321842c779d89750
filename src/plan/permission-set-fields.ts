/** Comparing permission sets field by field, the way AWS sees them. */
import { PERMISSION_SET_FIELDS, policyRefKey, type PermissionSet, type PermissionSetField, type PermissionsBoundary } from '../model/permission-set.js';
import { durationSeconds } from '../model/duration.js';
import { sortedStrings } from '../model/compare.js';
import { samePolicy } from './policy.js';

/** Same length of time (`PT1H` = `PT60M` = `PT3600S`); text that is not a duration is compared as text. */
function sameDuration(a: string, b: string): boolean {
  const x = durationSeconds(a);
  const y = durationSeconds(b);
  return x === undefined || y === undefined ? a === b : x === y;
}

export function sameStringSet(a: readonly string[], b: readonly string[]): boolean {
  const x = sortedStrings(a);
  const y = sortedStrings(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function sameBoundary(a: PermissionsBoundary | undefined, b: PermissionsBoundary | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: with kinds mixed, an ARN is compared with a missing ARN (or a name with a missing name): unequal either way.
  if (a.kind === 'aws-managed' && b.kind === 'aws-managed') return a.arn === b.arn;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: as above.
  if (a.kind === 'customer-managed' && b.kind === 'customer-managed') {
    return policyRefKey(a) === policyRefKey(b);
  }
  return false;
}

export function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && b[k] === a[k]);
}

export function sameField(field: PermissionSetField, a: PermissionSet, b: PermissionSet): boolean {
  switch (field) {
    case 'description':
      return (a.description ?? '') === (b.description ?? '');
    case 'sessionDuration':
      return sameDuration(a.sessionDuration, b.sessionDuration);
    case 'relayState':
      return (a.relayState ?? '') === (b.relayState ?? '');
    case 'managedPolicies':
      return sameStringSet(a.managedPolicies, b.managedPolicies);
    case 'customerManagedPolicies':
      return sameStringSet(a.customerManagedPolicies.map(policyRefKey), b.customerManagedPolicies.map(policyRefKey));
    case 'inlinePolicy':
      return samePolicy(a.inlinePolicy, b.inlinePolicy);
    case 'permissionsBoundary':
      return sameBoundary(a.permissionsBoundary, b.permissionsBoundary);
    case 'tags':
      return sameTags(a.tags, b.tags);
  }
}

/** Fields that differ, in PERMISSION_SET_FIELDS order. */
export function changedFields(want: PermissionSet, have: PermissionSet): PermissionSetField[] {
  return PERMISSION_SET_FIELDS.filter((f) => !sameField(f, want, have));
}

/** Fields a new set has (non-empty), in PERMISSION_SET_FIELDS order. */
export function presentFields(ps: PermissionSet): PermissionSetField[] {
  return PERMISSION_SET_FIELDS.filter((f) => {
    const v = ps[f];
    if (v === undefined || v === '') return false;
    if (Array.isArray(v)) return v.length > 0;
    if (f === 'tags') return Object.keys(ps.tags).length > 0;
    return true;
  });
}

/** Everything except the name is equal: the signature of a rename. */
export function sameContents(a: PermissionSet, b: PermissionSet): boolean {
  return PERMISSION_SET_FIELDS.every((f) => sameField(f, a, b));
}

/** Only the permission set's own fields (a LivePermissionSet also carries ARN and accounts). */
export function permissionSetOf(ps: PermissionSet): PermissionSet {
  const out: PermissionSet = {
    name: ps.name,
    sessionDuration: ps.sessionDuration,
    managedPolicies: [...ps.managedPolicies],
    customerManagedPolicies: ps.customerManagedPolicies.map((p) => ({ name: p.name, path: p.path })),
    // A spread copies a tag key `__proto__` as data (CopyDataProperties); tags are compared with Object.hasOwn.
    tags: { ...ps.tags },
  };
  if (ps.description !== undefined) out.description = ps.description;
  if (ps.relayState !== undefined) out.relayState = ps.relayState;
  if (ps.inlinePolicy !== undefined) out.inlinePolicy = ps.inlinePolicy;
  if (ps.permissionsBoundary !== undefined) out.permissionsBoundary = { ...ps.permissionsBoundary };
  return out;
}
