/**
 * `safety.protected`: assignments that must exist after every apply (break-glass access). One is
 * broken when the plan deletes it, or when it neither exists now nor is created by the plan.
 */
import { assignmentKey, type Assignment } from '../model/assignment.js';
import type { Desired } from '../model/desired.js';
import type { Live } from '../model/live.js';
import { formatDiagnostic } from '../model/source.js';
import type { Plan } from '../plan/types.js';
import { assignmentLabel } from '../render/change-line.js';
import { AccountIndex } from '../plan/accounts.js';

const HOW_DELETE = 'keep it in access.yaml, or run with --force';
const HOW_MISSING = 'add a rule that grants it to access.yaml, or run with --force';

export function checkProtected(plan: Plan, desired: Desired, live: Live): string[] {
  const existing = new Set(live.assignments.map(assignmentKey));
  const created = new Set<string>();
  const deleted = new Set<string>();
  for (const change of plan.changes) {
    if (change.kind !== 'assignment') continue;
    (change.action === 'create' ? created : deleted).add(assignmentKey(change.assignment));
  }
  const names: Record<string, string> = {};
  for (const account of live.organization.accounts) names[account.id] = account.name;
  Object.assign(names, plan.accountNames);

  // The planner's resolver: protected accounts mean exactly what rule accounts mean.
  const accounts = new AccountIndex(live.organization, desired.accountAliases);
  const reasons: string[] = [];
  for (const entry of desired.safety.protected) {
    const at = (message: string) => formatDiagnostic({ ...entry.pos, severity: 'error', message });
    const accountIds: string[] = [];
    for (const reference of entry.accounts) {
      const resolved = accounts.resolveAccount(reference);
      if (resolved.ok) accountIds.push(resolved.value.id);
      else reasons.push(at(`safety.protected: ${resolved.message}: fix access.yaml`));
    }
    const principals = [
      ...entry.users.map((name) => ({ principalType: 'USER' as const, principal: name })),
      ...entry.groups.map((name) => ({ principalType: 'GROUP' as const, principal: name })),
    ];
    for (const accountId of accountIds) {
      for (const principal of principals) {
        const assignment: Assignment = { permissionSet: entry.permissionSet, ...principal, accountId };
        const key = assignmentKey(assignment);
        const label = assignmentLabel(assignment, names);
        if (deleted.has(key)) {
          reasons.push(at(`plan deletes protected assignment ${label}: ${HOW_DELETE}`));
        } else if (!existing.has(key) && !created.has(key)) {
          reasons.push(at(`protected assignment ${label} does not exist and the plan does not create it: ${HOW_MISSING}`));
        }
      }
    }
  }
  return reasons;
}
