/**
 * `safety.protected`: assignments that must exist after every apply (break-glass access). One is
 * broken when the plan deletes it, or when it neither exists now nor is created by the plan.
 * Its accounts are resolved the way rule accounts are (the planner's AccountIndex); one that does
 * not resolve is an error at its line and column, like a rule's, not a refusal. So is a name that
 * will not exist after the plan: validate already rejects names the file must define, this
 * catches those only AWS can answer for (`ownership: referenced`, an external identity source).
 */
import { assignmentKey, type Assignment } from '../../model/assignment.js';
import type { Desired, ProtectedAssignment } from '../../model/desired.js';
import type { Live } from '../../model/live.js';
import { didYouMean } from '../../model/did-you-mean.js';
import { pathKey, type Diagnostic, type SourcePos } from '../../model/source.js';
import { assignmentLabel } from '../../render/change-line.js';
import type { AccountIndex } from '../accounts.js';
import type { Universe } from '../references.js';
import type { Change, SafetyRefusal } from '../types.js';

const HOW_DELETE = 'keep the rule that grants it in access.yaml, or apply with force';
const HOW_MISSING = 'add a rule that grants it to access.yaml, or apply with force';

// Every position in `safety.protected` is in the one access.yaml, so line and column tell them apart.
const samePos = (a: SourcePos, b: SourcePos): boolean => a.line === b.line && a.col === b.col;

/**
 * Index of the entry in `safety.protected` (entries with several permission sets share it), or -1
 * when the positions do not record it (then no `safety.protected[-1]…` position exists either).
 */
function entryIndex(desired: Desired, entry: ProtectedAssignment): number {
  for (let i = 0; ; i++) {
    const pos = desired.positions[pathKey(['safety', 'protected', i])];
    if (pos === undefined) return -1;
    if (samePos(pos, entry.pos)) return i;
  }
}

export interface ProtectedCheck {
  refusals: SafetyRefusal[];
  /** Accounts that do not resolve and names that will not exist, at their position in access.yaml. */
  diagnostics: Diagnostic[];
}

/** Position of the `name` in the list `field` (or its singular form) of entry `index`. */
function namePos(desired: Desired, index: number, field: 'user' | 'group' | 'permission_set', names: readonly string[], name: string): SourcePos | undefined {
  const one = desired.positions[pathKey(['safety', 'protected', index, field])];
  if (one !== undefined && names.length === 1) return one;
  return desired.positions[pathKey(['safety', 'protected', index, `${field}s`, names.indexOf(name)])];
}

export function checkProtected(
  changes: readonly Change[],
  accountNames: Record<string, string>,
  desired: Desired,
  live: Live,
  accounts: AccountIndex,
  universe: Universe,
): ProtectedCheck {
  const existing = new Set(live.assignments.map(assignmentKey));
  const created = new Set<string>();
  const deleted = new Set<string>();
  for (const change of changes) {
    if (change.kind !== 'assignment') continue;
    (change.action === 'create' ? created : deleted).add(assignmentKey(change.assignment));
  }

  const refusals: SafetyRefusal[] = [];
  const diagnostics = new Map<string, Diagnostic>();
  const report = (at: SourcePos | undefined, entry: ProtectedAssignment, message: string): void => {
    const d: Diagnostic = { ...(at ?? entry.pos), severity: 'error', message: `safety.protected: ${message}` };
    diagnostics.set(`${d.file}:${d.line}:${d.col}:${d.message}`, d);
  };
  for (const entry of desired.safety.protected) {
    const index = entryIndex(desired, entry);
    // One entry per permission set of the item (`permission_sets: [A, B]`), in order.
    const setsOfItem = desired.safety.protected.filter((e) => samePos(e.pos, entry.pos)).map((e) => e.permissionSet);
    const unknown = (
      field: 'user' | 'group' | 'permission_set',
      listed: readonly string[],
      names: readonly string[],
      after: Set<string>,
      where: string,
    ): void => {
      for (const name of names) {
        if (after.has(name)) continue;
        const what = field === 'permission_set' ? 'permission set' : field;
        report(namePos(desired, index, field, listed, name), entry, `${what} "${name}" does not exist ${where}${didYouMean(name, after)}`);
      }
    };
    unknown('user', entry.users, entry.users, universe.usersAfter, 'in the identity store');
    unknown('group', entry.groups, entry.groups, universe.groupsAfter, 'in the identity store');
    unknown('permission_set', setsOfItem, [entry.permissionSet], universe.setsAfter, 'in Identity Center');
    const accountIds: string[] = [];
    entry.accounts.forEach((reference, j) => {
      const resolved = accounts.resolveAccount(reference);
      if (resolved.ok) {
        accountIds.push(resolved.value.id);
        return;
      }
      report(desired.positions[pathKey(['safety', 'protected', index, 'accounts', j])], entry, resolved.message);
    });
    const principals = [
      ...entry.users.map((name) => ({ principalType: 'USER' as const, principal: name })),
      ...entry.groups.map((name) => ({ principalType: 'GROUP' as const, principal: name })),
    ];
    const refuse = (code: SafetyRefusal['code'], message: string): void => {
      refusals.push({ code, message, forceOverrides: true, pos: entry.pos });
    };
    for (const accountId of accountIds) {
      for (const principal of principals) {
        const assignment: Assignment = { permissionSet: entry.permissionSet, ...principal, accountId };
        const key = assignmentKey(assignment);
        const label = assignmentLabel(assignment, accountNames);
        if (deleted.has(key)) {
          refuse('protected-assignment-removed', `plan deletes protected assignment ${label}: ${HOW_DELETE}`);
        } else if (!existing.has(key) && !created.has(key)) {
          refuse('protected-assignment-missing', `protected assignment ${label} does not exist and the plan does not create it: ${HOW_MISSING}`);
        }
      }
    }
  }
  return { refusals, diagnostics: [...diagnostics.values()] };
}
