/** One permission set as it is written in access.yaml: short policy names, YAML inline policy. */
import { policyRefLabel, type CustomerManagedPolicyRef, type LivePermissionSet, type PermissionsBoundary } from '../model/permission-set.js';
import { compareStrings } from '../model/compare.js';
import { durationSeconds, formatDuration } from '../model/duration.js';
import type { Entry } from './entry.js';
import { count } from '../model/plural.js';

const AWS_MANAGED_PREFIX = 'arn:aws:iam::aws:policy/';
/** What `managed_policies` accepts as a short name (see the schema's awsManagedPolicy). */
const SHORT_NAME = /^([\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/** `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → `job-function/ViewOnlyAccess`; other ARNs unchanged. */
export function shortManagedPolicy(arn: string): string {
  if (!arn.startsWith(AWS_MANAGED_PREFIX)) return arn;
  const short = arn.slice(AWS_MANAGED_PREFIX.length);
  return SHORT_NAME.test(short) ? short : arn;
}

/** `PT28800S` → `PT8H`, `PT90M` → `PT1H30M`; anything else unchanged. */
export function exportDuration(iso: string): string {
  const seconds = durationSeconds(iso);
  return seconds !== undefined && seconds > 0 && seconds % 60 === 0 ? formatDuration(seconds / 60) : iso;
}

/** A policy at path `/` is written as its name, else as `{ name, path }`. */
function customerRef(ref: CustomerManagedPolicyRef): string | { name: string; path: string } {
  const label = policyRefLabel(ref);
  return label === ref.name ? ref.name : { name: ref.name, path: ref.path };
}

function boundaryValue(b: PermissionsBoundary): Record<string, unknown> {
  return b.kind === 'aws-managed' ? { managed_policy: shortManagedPolicy(b.arn) } : { customer_managed: customerRef(b) };
}

/** The inline policy as a YAML mapping; the JSON text itself when it is not a JSON object. */
function inlinePolicyValue(text: string): unknown {
  try {
    const doc: unknown = JSON.parse(text);
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) return doc;
  } catch {
    // not JSON: written as the text AWS returned, the loader reports it
  }
  return text;
}

export function permissionSetEntry(ps: LivePermissionSet): Entry {
  const value: Record<string, unknown> = {};
  const comments: string[] = [];
  const warnings: string[] = [];
  if (ps.description !== undefined && ps.description !== '') value['description'] = ps.description;
  value['session_duration'] = exportDuration(ps.sessionDuration);
  if (ps.managedPolicies.length > 0) {
    value['managed_policies'] = ps.managedPolicies.map(shortManagedPolicy).sort(compareStrings);
  }
  if (ps.customerManagedPolicies.length > 0) value['customer_managed_policies'] = ps.customerManagedPolicies.map(customerRef);
  if (ps.permissionsBoundary !== undefined) value['permissions_boundary'] = boundaryValue(ps.permissionsBoundary);
  if (ps.inlinePolicy !== undefined && ps.inlinePolicy.trim() !== '') value['inline_policy'] = inlinePolicyValue(ps.inlinePolicy);
  if (ps.relayState !== undefined && ps.relayState !== '') value['relay_state'] = ps.relayState;
  const tagKeys = Object.keys(ps.tags).sort(compareStrings);
  if (tagKeys.length > 0) value['tags'] = Object.fromEntries(tagKeys.map((k) => [k, ps.tags[k] as string]));

  if (ps.outdatedAccountIds.length > 0) {
    const n = ps.outdatedAccountIds.length;
    const note = `permission set "${ps.name}" is out of date in ${count(n, 'account')} (${ps.outdatedAccountIds.join(', ')}): the next apply re-provisions it there`;
    comments.push(`Note: ${note.replace(/^permission set "[^"]+" is/, 'it is')}.`);
    warnings.push(note);
  }
  return { value, comments, warnings };
}
