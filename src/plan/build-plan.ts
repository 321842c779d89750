/** The planner: Desired against Live → a Plan of typed changes. Pure: no I/O. */
import type { Desired } from '../model/desired.js';
import type { Live } from '../model/live.js';
import { sortDiagnostics, type Diagnostic } from '../model/source.js';
import { accessChanges } from './access.js';
import { compareStrings } from '../model/compare.js';
import { planContext } from './context.js';
import { delegatedAdminProblems } from './delegated-admin.js';
import { diffAssignments } from './diff-assignments.js';
import { diffIdentities } from './diff-identities.js';
import { diffPermissionSets } from './diff-permission-sets.js';
import { expandRules } from './expand.js';
import { expiredGrants, expiryOnlyChanges, liveMembers } from './expiry.js';
import { planHash } from './hash.js';
import { planRevocations, withRevocationProvisions } from './revoke-sessions.js';
import { sortChanges } from './order.js';
import { checkRuleReferences } from './references.js';
import { safetyVerdict } from './safety/verdict.js';
import { PLAN_FORMAT_VERSION, type Change, type Plan, type PlanCounts } from './types.js';
import { planWarnings, sortWarnings } from './warnings.js';
import { restrictAccess, restrictChanges, restrictLive, restrictMembersAfter, restrictMemberships, restrictUniverse } from './scope/restrict.js';
import { scopeFilter, type PlanScope } from './scope/types.js';

export interface PlanOptions {
  /** "Today" for rules with `expires` (default: the current time). */
  now?: Date;
  /** Only the removals that expiry causes (the `expire` mode); see expiry.ts. */
  expiryOnly?: boolean;
  /**
   * What was read. A scoped plan changes only what the scope covers and shows the access rows of
   * its pairs: the full plan restricted to the scope. Carried by the plan (and in its hash).
   */
  scope?: PlanScope;
}

function countChanges(changes: readonly Change[]): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, delete: 0 };
  for (const c of changes) counts[c.action] += 1;
  return counts;
}

function mentionedAccounts(plan: Pick<Plan, 'changes' | 'accessChanges'>): string[] {
  const ids = new Set<string>();
  for (const c of plan.changes) {
    if (c.kind === 'assignment') ids.add(c.assignment.accountId);
    if (c.kind === 'provision') for (const id of c.accountIds) ids.add(id);
    if (c.kind === 'session-revocation') ids.add(c.accountId);
  }
  for (const a of plan.accessChanges) ids.add(a.accountId);
  return [...ids].sort(compareStrings);
}

/**
 * Builds the plan. Diagnostics (sorted by position) include errors that make the plan unsafe to
 * apply: callers must refuse to apply when any has severity `error`.
 */
export function buildPlan(desired: Desired, live: Live, options: PlanOptions = {}): { plan: Plan; diagnostics: Diagnostic[] } {
  const now = options.now ?? new Date();
  const ctx = planContext(desired, live);
  const diagnostics: Diagnostic[] = [];

  const scope = options.scope?.kind === 'scoped' ? scopeFilter(options.scope) : undefined;
  const identities = diffIdentities(ctx);
  const sets = diffPermissionSets(ctx);
  const expanded = expandRules(desired, live.organization, now);
  diagnostics.push(...identities.diagnostics, ...sets.diagnostics, ...expanded.diagnostics);

  const universe = { usersAfter: identities.usersAfter, groupsAfter: identities.groupsAfter, setsAfter: sets.setsAfter };
  diagnostics.push(...checkRuleReferences(ctx, universe));

  const users = restrictChanges(identities.users, scope);
  const groups = restrictChanges(identities.groups, scope);
  const after = restrictUniverse(universe, live, scope);
  const memberships = restrictMemberships(identities.memberships, scope, after);
  const setChanges = restrictChanges(sets.permissionSets, scope);
  const provisions = restrictChanges(sets.provisions, scope);
  const deletedSets = new Set(setChanges.filter((c) => c.action === 'delete').map((c) => c.name));
  const assignments = restrictChanges(diffAssignments(ctx, expanded.assignments, after, deletedSets), scope);
  const delegated = delegatedAdminProblems(ctx, setChanges, provisions, assignments);
  diagnostics.push(...delegated.diagnostics);

  const allChanges = sortChanges([...users, ...groups, ...memberships, ...setChanges, ...provisions, ...assignments]);
  const expired = expiredGrants(desired, live.organization, now);
  const only = options.expiryOnly === true;
  const chosen = only ? expiryOnlyChanges(allChanges, expired) : allChanges;
  const sortedAssignments = chosen.filter((c) => c.kind === 'assignment');
  const access = restrictAccess(
    accessChanges({
      live,
      accounts: ctx.accounts,
      assignments: sortedAssignments,
      membersAfter: only ? liveMembers(live) : restrictMembersAfter(identities.membersAfter, live, scope, memberships),
      deletedUsers: new Set(only ? [] : users.filter((c) => c.action === 'delete').map((c) => c.userName)),
      deletedGroups: new Set(only ? [] : groups.filter((c) => c.action === 'delete').map((c) => c.displayName)),
      deletedSets: only ? new Set() : deletedSets,
      expired,
    }),
    scope,
  );
  const revoked = planRevocations({
    desired,
    live,
    now,
    access,
    configAfter: sets.configAfter,
    deletedSets: only ? new Set() : deletedSets,
    expiryOnly: only,
    // A statement is written into the set: only into sets this file may change.
    writable: (set) => ctx.permissionSetsWritable && !ctx.ignoredPermissionSet(set),
    definitionRead: (set) => scope === undefined || scope.permissionSets.has(set),
  });
  diagnostics.push(...revoked.diagnostics);
  const changes = revoked.changes.length === 0 ? chosen : sortChanges([...withRevocationProvisions(chosen, revoked.changes, live), ...revoked.changes]);
  const allWarnings = sortWarnings([
    ...delegated.warnings,
    ...planWarnings({
      live: restrictLive(live, scope),
      accounts: ctx.accounts,
      rules: desired.rules,
      now,
      permissionSets: setChanges,
      provisions,
      assignments: sortedAssignments,
      access,
      configAfter: sets.configAfter,
    }),
  ]);
  const warnings = only ? allWarnings.filter((w) => w.code === 'expired-rule') : allWarnings;

  const accountNames: Record<string, string> = {};
  for (const id of mentionedAccounts({ changes, accessChanges: access })) accountNames[id] = ctx.accounts.nameOf(id);
  const safety = safetyVerdict({ desired, live, accounts: ctx.accounts, universe, changes, accountNames });
  diagnostics.push(...safety.diagnostics);
  const unhashed: Omit<Plan, 'hash'> = {
    formatVersion: PLAN_FORMAT_VERSION,
    configFile: desired.file,
    instanceArn: live.instance.instanceArn,
    changes,
    accessChanges: access,
    warnings,
    counts: countChanges(changes),
    accountNames,
    safety: safety.verdict,
    ...(options.scope ? { scope: options.scope } : {}),
  };
  return { plan: { ...unhashed, hash: planHash(unhashed) }, diagnostics: sortDiagnostics(diagnostics) };
}
