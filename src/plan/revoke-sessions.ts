/**
 * Session revocations in a plan (`revoke_sessions`, see model/session-revocation.ts):
 *
 * - revoke: a person who loses a permission set on an account (a `lose` access row: no direct or
 *   group path remains) gets a deny statement for that account in the set's inline policy, when a
 *   rule behind a path they lose says `revoke_sessions: true` (or, for a path no rule grants any
 *   more, `safety.revoke_sessions`). A set that is deleted takes its roles with it: nothing to do.
 * - clean up: idc's statements already in a set's inline policy go once their end has passed, or
 *   at once when the person holds the set on that account again after the plan (a statement must
 *   never block access someone has).
 *
 * Every set whose statements change is provisioned to the accounts that have it, and the
 * provisioning names the people whose revocations it carries (apply holds their deletions back
 * until it is done). The statements count against the inline policy's size limit.
 */
import { assignmentKey, grantKey } from '../model/assignment.js';
import { compareStrings, sortedStrings } from '../model/compare.js';
import type { AssignmentRule, Desired } from '../model/desired.js';
import { durationSeconds } from '../model/duration.js';
import type { Live } from '../model/live.js';
import type { PermissionSet } from '../model/permission-set.js';
import { composePolicy, revocationKey, revocationSid, type SessionRevocation } from '../model/session-revocation.js';
import type { Diagnostic } from '../model/source.js';
import { MAX_POLICY_MINIFIED_BYTES } from '../config/rules/inline-policy.js';
import { effectiveAccess, liveAccessState } from './effective-access.js';
import { diagnosticAt, positionOf } from './expand.js';
import { everGranted } from './expiry.js';
import type { AccessChange, Change, ProvisionChange, SessionRevocationChange, UserAccessChange } from './types.js';
import { count } from '../model/plural.js';
import { byName } from '../model/name-record.js';

/**
 * How long after writing a revocation it stays beyond the session duration: the assignment's
 * deletion completes after the statement is provisioned, and a session opened until then may last
 * the full duration from its start.
 */
export const REVOCATION_MARGIN_MS = 15 * 60_000;

/** The end of a revocation written at `at` for a set with this session duration (unknown or unreadable: the longest, 12 hours). */
export function revocationEnd(at: Date, sessionDuration: string | undefined): Date {
  return new Date(at.getTime() + ((sessionDuration === undefined ? undefined : durationSeconds(sessionDuration)) ?? 12 * 3600) * 1000 + REVOCATION_MARGIN_MS);
}

export interface RevocationInputs {
  desired: Desired;
  live: Live;
  now: Date;
  /** The plan's access rows (restricted to its scope). */
  access: readonly AccessChange[];
  /** Each set's configuration after the plan (absent for a set that is deleted). */
  configAfter: ReadonlyMap<string, PermissionSet>;
  /** Sets the plan deletes. */
  deletedSets: ReadonlySet<string>;
  /** Only the removals expiry causes: the file's pending edits of sets are not applied. */
  expiryOnly: boolean;
  /** Whether the file may write into this set (managed, not ignored). */
  writable: (permissionSet: string) => boolean;
  /**
   * Whether the set's definition (its inline policy, with idc's statements) was read: always in a
   * full plan, only for the sets whose definition changes in a scoped one. Cleanups and the size
   * check need it; a revocation does not (apply reads the policy again before it writes).
   */
  definitionRead: (permissionSet: string) => boolean;
}

export interface RevocationPlan {
  changes: SessionRevocationChange[];
  diagnostics: Diagnostic[];
}

/** Whether losing this row's paths revokes sessions: a rule behind a lost path says so, or the default. */
function wantsRevocation(row: UserAccessChange, inputs: RevocationInputs, rulesOf: ReadonlyMap<string, AssignmentRule[]>): boolean {
  const fallback = inputs.desired.safety.revokeSessions === true;
  const rules = new Set<AssignmentRule>();
  for (const p of row.via) {
    const principal = p.group === undefined ? { principalType: 'USER' as const, principal: row.user } : { principalType: 'GROUP' as const, principal: p.group };
    const key = assignmentKey({ ...principal, permissionSet: row.permissionSet, accountId: row.accountId });
    for (const r of rulesOf.get(key) ?? []) rules.add(r);
  }
  if (rules.size === 0) return fallback;
  return [...rules].some((r) => r.revokeSessions ?? fallback);
}

/** The longer of the live and the planned session duration: open sessions got the live one. */
function durationOf(set: string, inputs: RevocationInputs): string {
  const live = byName(inputs.live.permissionSets, set)?.sessionDuration;
  const after = inputs.expiryOnly ? undefined : inputs.configAfter.get(set)?.sessionDuration;
  const seconds = (d: string | undefined): number => (d === undefined ? -1 : (durationSeconds(d) ?? -1));
  return seconds(after) > seconds(live) ? (after as string) : (live ?? after ?? 'PT1H');
}

function revocations(inputs: RevocationInputs): RevocationPlan {
  const { desired, live, now } = inputs;
  const out: RevocationPlan = { changes: [], diagnostics: [] };
  const anyWanted = desired.safety.revokeSessions === true || desired.rules.some((r) => r.revokeSessions === true);
  if (!anyWanted) return out;
  const byIndex = new Map(desired.rules.map((r) => [r.index, r]));
  const rulesOf = new Map(
    [...everGranted(desired, live.organization)].map(([k, e]) => [k, e.rules.flatMap((r) => byIndex.get(r.index) ?? [])] as [string, AssignmentRule[]]),
  );
  const cannotWrite = new Map<string, string[]>();
  for (const row of inputs.access) {
    if (row.kind !== 'user' || row.effect !== 'lose' || inputs.deletedSets.has(row.permissionSet)) continue;
    const userId = byName(live.users, row.user)?.userId;
    if (userId === undefined || !wantsRevocation(row, inputs, rulesOf)) continue;
    if (!inputs.writable(row.permissionSet)) {
      cannotWrite.set(row.permissionSet, [...(cannotWrite.get(row.permissionSet) ?? []), `${row.user} on ${row.accountName || row.accountId}`]);
      continue;
    }
    const sessionDuration = durationOf(row.permissionSet, inputs);
    out.changes.push({
      kind: 'session-revocation',
      action: 'create',
      permissionSet: row.permissionSet,
      accountId: row.accountId,
      user: row.user,
      userId,
      sessionDuration,
      until: revocationEnd(now, sessionDuration).toISOString(),
    });
  }
  // Said, not silently skipped: the file asks for revocations idc may not write.
  for (const [set, who] of cannotWrite) {
    const pos = positionOf(desired, ['permission_sets', set], { file: desired.file, line: 1, col: 1 });
    out.diagnostics.push(
      diagnosticAt(
        pos,
        'warning',
        `revoke_sessions: the open sessions of ${who.join(', ')} through permission set "${set}" are not revoked: idc does not write into "${set}" (ownership.permission_sets: referenced, or an ownership.ignore glob); manage the set in access.yaml to revoke them`,
      ),
    );
  }
  return out;
}

function cleanups(inputs: RevocationInputs, created: readonly SessionRevocationChange[]): SessionRevocationChange[] {
  const { live, now } = inputs;
  if (!Object.values(live.permissionSets).some((p) => (p.sessionRevocations?.length ?? 0) > 0)) return [];
  const nameOf = new Map(Object.values(live.users).map((u) => [u.userId, u.userName]));
  const holdsLive = effectiveAccess(liveAccessState(live));
  const rows = new Map(inputs.access.filter((a) => a.kind === 'user').map((a) => [`${a.user}|${grantKey(a)}`, a.effect]));
  const holdsAfter = (user: string, permissionSet: string, accountId: string): boolean => {
    const effect = rows.get(`${user}|${grantKey({ permissionSet, accountId })}`);
    if (effect !== undefined) return effect === 'gain';
    return holdsLive.holding(user, grantKey({ permissionSet, accountId })) !== undefined;
  };
  const replaced = new Set(created.map((c) => `${c.permissionSet}|${revocationKey(c)}`));
  const out: SessionRevocationChange[] = [];
  for (const set of Object.keys(live.permissionSets).sort(compareStrings)) {
    // A deleted set's statements go with it.
    if (inputs.deletedSets.has(set) || !inputs.writable(set) || !inputs.definitionRead(set)) continue;
    for (const r of byName(live.permissionSets, set)?.sessionRevocations ?? []) {
      const user = nameOf.get(r.userId) ?? r.userId;
      const base = { kind: 'session-revocation' as const, action: 'delete' as const, permissionSet: set, accountId: r.accountId, user, userId: r.userId };
      const until = r.until?.toISOString();
      const withUntil = until === undefined ? base : { ...base, until };
      if (replaced.has(`${set}|${revocationKey(r)}`)) out.push({ ...withUntil, reason: 'replaced' });
      else if (r.until === undefined || now.getTime() >= r.until.getTime()) out.push({ ...withUntil, reason: 'expired' });
      else if (nameOf.has(r.userId) && holdsAfter(user, set, r.accountId)) out.push({ ...withUntil, reason: 'access-regained' });
    }
  }
  return out;
}

/** The statements a set holds after the plan, and its inline policy then (for the size check). */
function policyAfter(set: string, inputs: RevocationInputs, changes: readonly SessionRevocationChange[]): string | undefined {
  const removed = new Set(changes.filter((c) => c.action === 'delete' && c.permissionSet === set).map(revocationKey));
  const kept = (byName(inputs.live.permissionSets, set)?.sessionRevocations ?? []).filter((r) => !removed.has(revocationKey(r)));
  const added: SessionRevocation[] = changes
    .filter((c) => c.action === 'create' && c.permissionSet === set)
    .map((c) => ({ accountId: c.accountId, userId: c.userId, sid: revocationSid(c.accountId, c.userId, new Date(c.until ?? 0)) }));
  const base = inputs.expiryOnly ? byName(inputs.live.permissionSets, set)?.inlinePolicy : inputs.configAfter.get(set)?.inlinePolicy;
  return composePolicy(base, [...kept, ...added]);
}

function sizeProblems(inputs: RevocationInputs, changes: readonly SessionRevocationChange[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const sets = sortedStrings(new Set(changes.filter((c) => c.action === 'create').map((c) => c.permissionSet))).filter(inputs.definitionRead);
  for (const set of sets) {
    const bytes = Buffer.byteLength(policyAfter(set, inputs, changes) ?? '');
    if (bytes <= MAX_POLICY_MINIFIED_BYTES) continue;
    const people = sortedStrings(new Set(changes.filter((c) => c.action === 'create' && c.permissionSet === set).map((c) => c.user)));
    const pos = positionOf(inputs.desired, ['permission_sets', set], { file: inputs.desired.file, line: 1, col: 1 });
    out.push(
      diagnosticAt(
        pos,
        'error',
        `revoking the sessions of ${count(people.length, 'person', 'people')} (${people.join(', ')}) on permission set "${set}" would make its inline policy ${bytes.toLocaleString('en-US')} bytes without whitespace: Identity Center accepts at most ${MAX_POLICY_MINIFIED_BYTES.toLocaleString('en-US')} bytes; make the inline policy of "${set}" smaller (move statements into a customer-managed policy), or set revoke_sessions: false on the rules that grant it`,
      ),
    );
  }
  return out;
}

/** The plan's revocations and cleanups, and any size limit they would break. */
export function planRevocations(inputs: RevocationInputs): RevocationPlan {
  const created = revocations(inputs);
  const changes = [...created.changes, ...cleanups(inputs, created.changes)];
  return { changes, diagnostics: [...created.diagnostics, ...sizeProblems(inputs, changes)] };
}

/**
 * The provisioning of every set whose statements change, to every account that has it, naming the
 * people whose revocations it carries. An existing provision of the set becomes one `edited`
 * provision to all its accounts (the statement changes the set everywhere).
 */
export function withRevocationProvisions(changes: readonly Change[], revocationChanges: readonly SessionRevocationChange[], live: Live): Change[] {
  // Users whose new revocation a set's provisioning carries (a removal holds nothing back).
  const bySet = new Map<string, Set<string>>();
  for (const c of revocationChanges) {
    const users = bySet.get(c.permissionSet) ?? new Set<string>();
    if (c.action === 'create') users.add(c.user);
    bySet.set(c.permissionSet, users);
  }
  const out = changes.filter((c) => !(c.kind === 'provision' && bySet.has(c.permissionSet)));
  for (const [set, users] of bySet) {
    const have = byName(live.permissionSets, set);
    const existing = changes.find((c): c is ProvisionChange => c.kind === 'provision' && c.permissionSet === set);
    // The revoked accounts have the set (the person held it there), also when a scoped read did not list them.
    const revoked = revocationChanges.filter((c) => c.permissionSet === set && c.action === 'create').map((c) => c.accountId);
    const accountIds = sortedStrings(
      new Set([...(have?.provisionedAccountIds ?? []), ...(have?.outdatedAccountIds ?? []), ...(existing?.accountIds ?? []), ...revoked]),
    );
    if (accountIds.length === 0) continue;
    const carries = users.size > 0 ? { revokesSessionsOf: sortedStrings(users) } : {};
    out.push({ kind: 'provision', action: 'update', permissionSet: set, accountIds, reason: 'edited', ...carries });
  }
  return out;
}
