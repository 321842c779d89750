/**
 * A delegated administrator cannot manage permission sets provisioned to the management account,
 * nor assignments in it: refuse plans that would change them (an error), and explain (a warning).
 */
import type { Diagnostic, SourcePos } from '../model/source.js';
import { compareStrings } from '../model/compare.js';
import type { PlanContext } from './context.js';
import { diagnosticAt } from './expand.js';
import type { AssignmentChange, PermissionSetChange, PlanWarning, ProvisionChange } from './types.js';
import { count } from '../model/plural.js';
import { accountLabel } from '../model/organization.js';
import { byName } from '../model/name-record.js';

export function delegatedAdminProblems(
  ctx: PlanContext,
  permissionSets: PermissionSetChange[],
  provisions: ProvisionChange[],
  assignments: AssignmentChange[],
): { diagnostics: Diagnostic[]; warnings: PlanWarning[] } {
  const { live, desired } = ctx;
  const mgmt = live.organization.managementAccountId;
  const caller = live.caller.accountId;
  const out = { diagnostics: [] as Diagnostic[], warnings: [] as PlanWarning[] };
  if (caller === mgmt) return out;
  const mgmtLabel = `the management account ${accountLabel(mgmt, ctx.accounts.nameOf(mgmt))}`;
  const filePos: SourcePos = { file: desired.file, line: 1, col: 1 };

  const sets = new Map<string, SourcePos>();
  for (const c of permissionSets) {
    // A created set has no live counterpart, so is never provisioned to the management account yet.
    if (byName(live.permissionSets, c.name)?.provisionedAccountIds.includes(mgmt)) {
      sets.set(c.name, c.pos ?? filePos);
    }
  }
  for (const p of provisions) {
    // Stryker disable next-line OptionalChaining: a provision is only planned for a set that exists in AWS.
    if (byName(live.permissionSets, p.permissionSet)?.provisionedAccountIds.includes(mgmt) && !sets.has(p.permissionSet)) {
      sets.set(p.permissionSet, desired.positions[`permission_sets.${p.permissionSet}`] ?? filePos);
    }
  }
  // Stryker disable next-line MethodExpression,ArrowFunction: buildPlan sorts diagnostics and warnings again.
  for (const [name, pos] of [...sets].sort(([a], [b]) => compareStrings(a, b))) {
    const message = `permission set "${name}" is provisioned to ${mgmtLabel}, and this plan runs in delegated administrator account ${caller}: AWS refuses to change it from there. Run idc with credentials of the management account, or leave "${name}" unchanged`;
    out.diagnostics.push(diagnosticAt(pos, 'error', message));
    out.warnings.push({ code: 'delegated-admin-management', subject: name, message });
  }

  const inMgmt = assignments.filter((c) => c.assignment.accountId === mgmt);
  const bySet = new Map<string, AssignmentChange[]>();
  for (const c of inMgmt) bySet.set(c.assignment.permissionSet, [...(bySet.get(c.assignment.permissionSet) ?? []), c]);
  // Stryker disable next-line MethodExpression,ArrowFunction: buildPlan sorts diagnostics and warnings again.
  for (const [name, changes] of [...bySet].sort(([a], [b]) => compareStrings(a, b))) {
    const pos = changes.flatMap((c) => c.rules)[0]?.pos ?? filePos;
    const message = `${count(changes.length, 'assignment change')} of ${name} in ${mgmtLabel} cannot be made by delegated administrator account ${caller}: run idc with credentials of the management account, or stop assigning in the management account`;
    out.diagnostics.push(diagnosticAt(pos, 'error', message));
    out.warnings.push({ code: 'delegated-admin-management', subject: name, message });
  }
  return out;
}
