/**
 * The exact API calls that turn a permission set's `before` into its `after`, computed from the
 * change (pure), and how to send one. Description, session duration and relay state always go
 * together in one UpdatePermissionSet: AWS clears the relay state when it is left out.
 */
import type { IdentityCenterGateway, PermissionSetAttributes } from '../aws/gateway.js';
import { policyRefKey, type CustomerManagedPolicyRef, type PermissionSet, type PermissionsBoundary } from '../model/permission-set.js';
import type { PermissionSetChange } from '../plan/types.js';
import { compareStrings } from '../model/compare.js';

export type PermissionSetCall =
  | { op: 'updatePermissionSet'; attributes: PermissionSetAttributes }
  | { op: 'putInlinePolicy'; policy: string }
  | { op: 'deleteInlinePolicy' }
  | { op: 'detachManagedPolicy'; policyArn: string }
  | { op: 'attachManagedPolicy'; policyArn: string }
  | { op: 'detachCustomerManagedPolicy'; ref: CustomerManagedPolicyRef }
  | { op: 'attachCustomerManagedPolicy'; ref: CustomerManagedPolicyRef }
  | { op: 'putPermissionsBoundary'; boundary: PermissionsBoundary }
  | { op: 'deletePermissionsBoundary' }
  | { op: 'untagPermissionSet'; keys: string[] }
  | { op: 'tagPermissionSet'; tags: Record<string, string> };

/** Description, session duration and relay state of a set, without absent keys. */
export function attributesOf(set: PermissionSet): PermissionSetAttributes {
  return {
    ...(set.description !== undefined ? { description: set.description } : {}),
    sessionDuration: set.sessionDuration,
    ...(set.relayState !== undefined ? { relayState: set.relayState } : {}),
  };
}

const EMPTY: PermissionSet = {
  name: '',
  sessionDuration: 'PT1H',
  managedPolicies: [],
  customerManagedPolicies: [],
  tags: {},
};

/**
 * Calls after CreatePermissionSet (which already sends the attributes and tags) for a create, or
 * every call of an update, in PERMISSION_SET_FIELDS order. Removals come before additions so a
 * set at the 20-policy limit can swap policies. Edits reach accounts only when provisioned.
 */
export function permissionSetCalls(change: PermissionSetChange): PermissionSetCall[] {
  const after = change.after;
  if (change.action === 'delete' || after === undefined) return [];
  const isCreate = change.action === 'create';
  const before = isCreate ? { ...EMPTY, name: after.name } : (change.before ?? { ...EMPTY, name: after.name });
  const touched = (field: PermissionSetChange['fields'][number]): boolean => isCreate || change.fields.includes(field);
  const calls: PermissionSetCall[] = [];

  if (!isCreate && (touched('description') || touched('sessionDuration') || touched('relayState'))) {
    calls.push({ op: 'updatePermissionSet', attributes: attributesOf(after) });
  }
  // The inline policy is compared semantically by the planner: trust `fields`, not the text.
  if (touched('inlinePolicy')) {
    if (after.inlinePolicy !== undefined) calls.push({ op: 'putInlinePolicy', policy: after.inlinePolicy });
    else if (!isCreate) calls.push({ op: 'deleteInlinePolicy' });
  }
  if (touched('managedPolicies')) {
    const old = new Set(before.managedPolicies);
    const wanted = new Set(after.managedPolicies);
    for (const arn of before.managedPolicies) if (!wanted.has(arn)) calls.push({ op: 'detachManagedPolicy', policyArn: arn });
    for (const arn of after.managedPolicies) if (!old.has(arn)) calls.push({ op: 'attachManagedPolicy', policyArn: arn });
  }
  if (touched('customerManagedPolicies')) {
    const key = policyRefKey;
    const old = new Set(before.customerManagedPolicies.map(key));
    const wanted = new Set(after.customerManagedPolicies.map(key));
    for (const ref of before.customerManagedPolicies) {
      if (!wanted.has(key(ref))) calls.push({ op: 'detachCustomerManagedPolicy', ref });
    }
    for (const ref of after.customerManagedPolicies) {
      if (!old.has(key(ref))) calls.push({ op: 'attachCustomerManagedPolicy', ref });
    }
  }
  if (touched('permissionsBoundary')) {
    if (after.permissionsBoundary !== undefined) {
      calls.push({ op: 'putPermissionsBoundary', boundary: after.permissionsBoundary });
    } else if (!isCreate) {
      calls.push({ op: 'deletePermissionsBoundary' });
    }
  }
  if (!isCreate && touched('tags')) {
    const removed = Object.keys(before.tags)
      .filter((k) => !(k in after.tags))
      .sort();
    const changed = Object.entries(after.tags)
      .filter(([k, v]) => before.tags[k] !== v)
      .sort(([a], [b]) => compareStrings(a, b));
    if (removed.length > 0) calls.push({ op: 'untagPermissionSet', keys: removed });
    if (changed.length > 0) calls.push({ op: 'tagPermissionSet', tags: Object.fromEntries(changed) });
  }
  return calls;
}

/** Sends one call. */
export async function sendPermissionSetCall(gateway: IdentityCenterGateway, instanceArn: string, arn: string, call: PermissionSetCall): Promise<void> {
  switch (call.op) {
    case 'updatePermissionSet':
      return gateway.updatePermissionSet(instanceArn, arn, call.attributes);
    case 'putInlinePolicy':
      return gateway.putInlinePolicy(instanceArn, arn, call.policy);
    case 'deleteInlinePolicy':
      return gateway.deleteInlinePolicy(instanceArn, arn);
    case 'detachManagedPolicy':
      return gateway.detachManagedPolicy(instanceArn, arn, call.policyArn);
    case 'attachManagedPolicy':
      return gateway.attachManagedPolicy(instanceArn, arn, call.policyArn);
    case 'detachCustomerManagedPolicy':
      return gateway.detachCustomerManagedPolicy(instanceArn, arn, call.ref);
    case 'attachCustomerManagedPolicy':
      return gateway.attachCustomerManagedPolicy(instanceArn, arn, call.ref);
    case 'putPermissionsBoundary':
      return gateway.putPermissionsBoundary(instanceArn, arn, call.boundary);
    case 'deletePermissionsBoundary':
      return gateway.deletePermissionsBoundary(instanceArn, arn);
    case 'untagPermissionSet':
      return gateway.untagPermissionSet(instanceArn, arn, call.keys);
    case 'tagPermissionSet':
      return gateway.tagPermissionSet(instanceArn, arn, call.tags);
  }
}

/** What a failed call was doing, for messages: `attaching managed policy arn:…`. */
export function describePermissionSetCall(call: PermissionSetCall): string {
  switch (call.op) {
    case 'updatePermissionSet':
      return 'updating description, session duration and relay state';
    case 'putInlinePolicy':
      return 'putting the inline policy';
    case 'deleteInlinePolicy':
      return 'deleting the inline policy';
    case 'detachManagedPolicy':
      return `detaching managed policy ${call.policyArn}`;
    case 'attachManagedPolicy':
      return `attaching managed policy ${call.policyArn}`;
    case 'detachCustomerManagedPolicy':
      return `detaching customer-managed policy ${policyRefKey(call.ref)}`;
    case 'attachCustomerManagedPolicy':
      return `attaching customer-managed policy ${policyRefKey(call.ref)}`;
    case 'putPermissionsBoundary':
      return 'putting the permissions boundary';
    case 'deletePermissionsBoundary':
      return 'deleting the permissions boundary';
    case 'untagPermissionSet':
      return `removing tags ${call.keys.join(', ')}`;
    case 'tagPermissionSet':
      return `tagging ${Object.keys(call.tags).join(', ')}`;
  }
}
