/**
 * Plain-language descriptions of plan content, shared by the markdown and text renderers. Returns
 * raw strings: each renderer escapes them for its medium.
 */
import { parseDuration } from '../model/duration.js';
import { policyRefLabel, type PermissionSet, type PermissionSetField, type PermissionsBoundary } from '../model/permission-set.js';
import { compareStrings } from '../model/compare.js';
import { presentFields } from '../plan/permission-set-fields.js';
import { prettyPolicy } from '../plan/policy.js';
import type { AccessPath, Change, GroupAccessChange, Plan, PlanCounts, PermissionSetChange, SessionRevocationChange } from '../plan/types.js';
import { diffLines, withContext, type DiffLine } from './line-diff.js';
import { count, listOf } from '../model/plural.js';
import { accountLabel } from '../model/organization.js';
import type { User } from '../model/identity.js';

export function summaryCounts(counts: PlanCounts): string {
  return `+${counts.create} ~${counts.update} -${counts.delete}`;
}

export function summarySentence(counts: PlanCounts): string {
  return `${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete`;
}

/**
 * The file a change comes from when it is not the root access.yaml (a split configuration's
 * `access.d/data.yaml`), else undefined: the root file's changes keep their short form.
 */
export function changeFile(plan: Plan, c: Change): string | undefined {
  const pos = 'pos' in c ? c.pos : undefined;
  return pos !== undefined && pos.file !== plan.configFile ? pos.file : undefined;
}

export function accountText(plan: Plan, accountId: string): string {
  return accountLabel(accountId, plan.accountNames[accountId]);
}

/** `group ops (2 members)`: members after the plan for a gain, before it for a loss. */
export function groupText(g: Pick<GroupAccessChange, 'group' | 'memberCount'>): string {
  return `group ${g.group} (${count(g.memberCount, 'member')})`;
}

/** `member of group ops (added to group ops)`, `direct assignment (assignments[0]: …)`. */
export function pathText(p: AccessPath): string {
  const path = p.group === undefined ? 'direct assignment' : `member of group ${p.group}`;
  return p.because.length === 0 ? path : `${path} (${p.because.join('; ')})`;
}

/** What a group's grant change does to people, e.g. `no one's access changes: jonathan already has it directly`. */
export function groupEffectText(g: GroupAccessChange): string {
  const changed = g.changesAccessOf.length > 0 || g.unresolvedMembers > 0;
  const who = [...g.changesAccessOf];
  if (g.unresolvedMembers > 0) who.push(`${count(g.unresolvedMembers, 'member')} idc cannot name`);
  const head = changed ? `access changes for ${listOf(who)}` : "no one's access changes";
  const rest = g.unchanged.map((u) => `${u.user} ${u.because}`);
  if (!changed && rest.length === 0) return `${head}: the group has no members`;
  return rest.length === 0 ? head : `${head}${changed ? '; ' : ': '}${listOf(rest)}`;
}

export const FIELD_LABELS: Record<PermissionSetField, string> = {
  description: 'description',
  sessionDuration: 'session duration',
  relayState: 'relay state (start URL)',
  managedPolicies: 'AWS managed policies',
  customerManagedPolicies: 'customer managed policies',
  inlinePolicy: 'inline policy',
  permissionsBoundary: 'permissions boundary',
  tags: 'tags',
};

/** `arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` → `job-function/ViewOnlyAccess`. */
export function managedPolicyName(arn: string): string {
  const m = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn);
  return m?.[1] ?? arn;
}

/** `PT8H` → `8 hours (PT8H)`. */
export function durationText(iso: string): string {
  const d = parseDuration(iso);
  if (!d) return iso;
  const parts: string[] = [];
  const unit = (v: number | undefined, one: string): void => {
    if (v !== undefined && v > 0) parts.push(count(v, one));
  };
  unit(d.hours, 'hour');
  unit(d.minutes, 'minute');
  unit(d.seconds, 'second');
  return parts.length === 0 ? iso : `${parts.join(' ')} (${iso})`;
}

function boundaryText(b: PermissionsBoundary): string {
  return b.kind === 'aws-managed' ? `AWS managed policy ${managedPolicyName(b.arn)}` : `customer managed policy ${policyRefLabel(b)}`;
}

export type FieldDelta =
  | { kind: 'value'; field: PermissionSetField; label: string; before?: string; after?: string }
  | { kind: 'list'; field: PermissionSetField; label: string; added: string[]; removed: string[] }
  | { kind: 'policy'; field: PermissionSetField; label: string; lines: (DiffLine | { op: '…'; text: string })[] };

function listValues(field: PermissionSetField, ps: PermissionSet | undefined): string[] {
  if (ps === undefined) return [];
  switch (field) {
    case 'managedPolicies':
      return ps.managedPolicies.map(managedPolicyName);
    case 'customerManagedPolicies':
      return ps.customerManagedPolicies.map(policyRefLabel);
    case 'tags':
      return Object.entries(ps.tags).map(([k, v]) => `${k}=${v}`);
    default:
      return [];
  }
}

function scalar(field: PermissionSetField, ps: PermissionSet | undefined): string | undefined {
  if (ps === undefined) return undefined;
  switch (field) {
    case 'description':
      return ps.description;
    case 'sessionDuration':
      return durationText(ps.sessionDuration);
    case 'relayState':
      return ps.relayState;
    case 'permissionsBoundary':
      return ps.permissionsBoundary && boundaryText(ps.permissionsBoundary);
    default:
      return undefined;
  }
}

export function policyLines(before: string | undefined, after: string | undefined): (DiffLine | { op: '…'; text: string })[] {
  const b = before === undefined || before.trim() === '' ? [] : prettyPolicy(before).split('\n');
  const a = after === undefined || after.trim() === '' ? [] : prettyPolicy(after).split('\n');
  return withContext(diffLines(b, a), 3);
}

/**
 * UpdatePermissionSet sends description, session duration and relay state together: AWS clears
 * the relay state when the call leaves it out. So an update that changes one of them also sends
 * the others, unchanged, and the plan shows them as such.
 */
const SENT_TOGETHER = ['description', 'sessionDuration', 'relayState'] as const;

/** The attributes an update sends again unchanged alongside the ones it changes. */
function sentAgain(c: PermissionSetChange): FieldDelta[] {
  if (c.action !== 'update' || !SENT_TOGETHER.some((f) => c.fields.includes(f))) return [];
  const out: FieldDelta[] = [];
  for (const field of SENT_TOGETHER) {
    const value = scalar(field, c.after);
    if (c.fields.includes(field) || value === undefined) continue;
    out.push({ kind: 'value', field, label: `${FIELD_LABELS[field]}, sent again unchanged`, before: value, after: value });
  }
  return out;
}

/**
 * What changes in each field of a permission set change (every present field for a create),
 * then what an update sends again unchanged.
 */
export function fieldDeltas(c: PermissionSetChange): FieldDelta[] {
  return [...changedDeltas(c), ...sentAgain(c)];
}

function changedDeltas(c: PermissionSetChange): FieldDelta[] {
  return c.fields.map((field): FieldDelta => {
    const label = FIELD_LABELS[field];
    if (field === 'inlinePolicy') return { kind: 'policy', field, label, lines: policyLines(c.before?.inlinePolicy, c.after?.inlinePolicy) };
    if (field === 'managedPolicies' || field === 'customerManagedPolicies' || field === 'tags') {
      const b = new Set(listValues(field, c.before));
      const a = new Set(listValues(field, c.after));
      return {
        kind: 'list',
        field,
        label,
        added: [...a].filter((x) => !b.has(x)).sort(compareStrings),
        removed: [...b].filter((x) => !a.has(x)).sort(compareStrings),
      };
    }
    const d: FieldDelta = { kind: 'value', field, label };
    const before = scalar(field, c.before);
    const after = scalar(field, c.after);
    if (before !== undefined) d.before = before;
    if (after !== undefined) d.after = after;
    return d;
  });
}

/** What a deleted set had (its present fields, as `before` values). */
export function deletedFields(c: PermissionSetChange): FieldDelta[] {
  return c.before === undefined ? [] : fieldDeltas({ ...c, fields: presentFields(c.before) });
}

/** The user fields a plan shows, as a reader calls them. */
export const USER_LABELS: Record<keyof User, string> = {
  userName: 'user name',
  displayName: 'display name',
  givenName: 'given name',
  familyName: 'family name',
  email: 'email',
};

export const KIND_TITLES = {
  users: 'Users',
  groups: 'Groups and memberships',
  permissionSets: 'Permission sets',
  sessions: 'Session revocations',
  provisions: 'Provisioning',
  assignments: 'Assignments',
} as const;

export function byKind(plan: Plan) {
  return {
    users: plan.changes.filter((c) => c.kind === 'user'),
    groups: plan.changes.filter((c) => c.kind === 'group' || c.kind === 'membership'),
    permissionSets: plan.changes.filter((c) => c.kind === 'permission-set'),
    sessions: plan.changes.filter((c) => c.kind === 'session-revocation'),
    provisions: plan.changes.filter((c) => c.kind === 'provision'),
    assignments: plan.changes.filter((c) => c.kind === 'assignment'),
  };
}

/** `2026-12-31T17:00:00.000Z` → `2026-12-31 17:00 UTC`. */
function instantText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * A session revocation in words, raw (renderers escape it):
 * `revoke sessions of alice on ReadOnly in prod (111122223333) (until 2026-12-31 18:00 UTC: the session duration PT1H after apply)`,
 * `remove expired session revocation of alice on ReadOnly in prod (111122223333) (ended 2026-12-31 18:00 UTC)`.
 */
export function revocationText(c: SessionRevocationChange, accountNames: Record<string, string>): string {
  const what = `of ${c.user} on ${c.permissionSet} in ${accountLabel(c.accountId, accountNames[c.accountId])}`;
  if (c.action === 'create') {
    const until = c.until === undefined ? '' : `until ${instantText(c.until)}: `;
    return `revoke sessions ${what} (${until}the session duration ${c.sessionDuration ?? ''} after apply)`;
  }
  if (c.reason === 'access-regained') return `remove session revocation ${what} (${c.user} holds it again)`;
  if (c.reason === 'replaced') return `remove session revocation ${what} (replaced by the new one)`;
  return `remove expired session revocation ${what} (${c.until === undefined ? 'its end cannot be read' : `ended ${instantText(c.until)}`})`;
}

/** Why a set is provisioned: `edit` of the set, only its session `revocations`, or `drift`. */
export function provisionCause(plan: Plan, c: Extract<Change, { kind: 'provision' }>): 'edit' | 'revocations' | 'drift' {
  if (c.reason === 'drift') return 'drift';
  const edited = plan.changes.some((x) => x.kind === 'permission-set' && x.name === c.permissionSet);
  const revoked = plan.changes.some((x) => x.kind === 'session-revocation' && x.permissionSet === c.permissionSet);
  return revoked && !edited ? 'revocations' : 'edit';
}
