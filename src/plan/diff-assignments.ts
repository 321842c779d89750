/** Account assignments: the rules' expansion against the assignments AWS has. */
import { assignmentKey, type Assignment, type LiveAssignment } from '../model/assignment.js';
import type { PlanContext } from './context.js';
import type { ExpandedAssignment } from './expand.js';
import type { Universe } from './references.js';
import type { AssignmentChange } from './types.js';

export function isUnresolvedPrincipal(a: Assignment): boolean {
  return a.principal.startsWith('id:');
}

/**
 * Creates every expanded triple AWS lacks (when its principal and set will exist). Deletes a live
 * assignment no rule produces when assignments are managed, unless its permission set, group or
 * user is ignored or its principal could not be resolved; every assignment of a permission set
 * this plan deletes goes too (AWS refuses to delete a set that still has assignments).
 */
export function diffAssignments(ctx: PlanContext, expanded: Map<string, ExpandedAssignment>, universe: Universe, deletedSets: Set<string>): AssignmentChange[] {
  const out: AssignmentChange[] = [];
  const live = new Map<string, LiveAssignment>();
  for (const a of ctx.live.assignments) live.set(assignmentKey(a), a);

  for (const [key, e] of expanded) {
    if (live.has(key)) continue;
    const a = e.assignment;
    const principalExists = a.principalType === 'USER' ? universe.usersAfter.has(a.principal) : universe.groupsAfter.has(a.principal);
    if (!principalExists || !universe.setsAfter.has(a.permissionSet)) continue;
    out.push({ kind: 'assignment', action: 'create', assignment: { ...a }, rules: e.rules.map((r) => ({ ...r })) });
  }

  for (const [key, a] of live) {
    if (expanded.has(key)) continue;
    const assignment: Assignment = {
      permissionSet: a.permissionSet,
      principalType: a.principalType,
      principal: a.principal,
      accountId: a.accountId,
    };
    if (deletedSets.has(a.permissionSet)) {
      out.push({ kind: 'assignment', action: 'delete', assignment, rules: [] });
      continue;
    }
    if (!ctx.assignmentsManaged || isUnresolvedPrincipal(a) || ctx.ignoredPermissionSet(a.permissionSet)) continue;
    if (a.principalType === 'GROUP' ? ctx.ignoredGroup(a.principal) : ctx.ignoredUser(a.principal)) continue;
    out.push({ kind: 'assignment', action: 'delete', assignment, rules: [] });
  }
  return out;
}
