/**
 * Expanding assignment rules into (principal, permission set, account) triples against the
 * organization as it is now.
 */
import { assignmentKey, type Assignment } from '../model/assignment.js';
import type { AssignmentRule, Desired } from '../model/desired.js';
import type { Account, Organization } from '../model/organization.js';
import { pathKey, type Diagnostic, type SourcePos } from '../model/source.js';
import { AccountIndex } from './accounts.js';
import { compareStrings } from '../model/compare.js';
import { ruleLabel } from './rule-label.js';
import { hasExpired } from '../model/expires.js';
import type { RuleRef } from './types.js';
import { byName } from '../model/name-record.js';

export interface ExpandedAssignment {
  assignment: Assignment;
  /** Every rule that produces it, sorted by index. */
  rules: RuleRef[];
}

/** A rule with `expires` grants nothing from the instant it ends (the day after a date, UTC). */
export function isRuleExpired(rule: AssignmentRule, now: Date): boolean {
  return hasExpired(rule.expires, now);
}

export function ruleRef(rule: AssignmentRule): RuleRef {
  const ref: RuleRef = { index: rule.index, pos: rule.pos, label: ruleLabel(rule) };
  if (rule.fileIndex !== undefined) ref.fileIndex = rule.fileIndex;
  return ref;
}

/** Position of a node, falling back to the nearest known one. */
export function positionOf(desired: Desired, segments: readonly (string | number)[], fallback: SourcePos): SourcePos {
  return desired.positions[pathKey(segments)] ?? fallback;
}

export function diagnosticAt(pos: SourcePos, severity: Diagnostic['severity'], message: string): Diagnostic {
  return { file: pos.file, line: pos.line, col: pos.col, severity, message };
}

function targetAccounts(desired: Desired, rule: AssignmentRule, index: AccountIndex, diagnostics: Diagnostic[]): Account[] {
  const at = (field: string, i: number): SourcePos => positionOf(desired, ['assignments', rule.index, field, i], rule.pos);
  const mgmt = index.org.managementAccountId;
  const chosen = new Map<string, Account>();
  const t = rule.targets;

  t.accounts.forEach((ref, i) => {
    const r = index.resolveAccount(ref);
    if (!r.ok) diagnostics.push(diagnosticAt(at('accounts', i), 'error', r.message));
    else if (r.value.status !== 'ACTIVE') {
      diagnostics.push(
        diagnosticAt(at('accounts', i), 'warning', `account ${r.value.name} (${r.value.id}) is ${r.value.status}: this rule grants nothing there`),
      );
    } else chosen.set(r.value.id, r.value);
  });

  // OU, tag and all-accounts targets never include the management account.
  const addBroad = (a: Account): void => {
    if (a.status === 'ACTIVE' && a.id !== mgmt) chosen.set(a.id, a);
  };
  t.organizationalUnits.forEach((ref, i) => {
    const r = index.resolveOu(ref);
    if (!r.ok) diagnostics.push(diagnosticAt(at('organizational_units', i), 'error', r.message));
    else r.value.forEach(addBroad);
  });
  if (t.allAccounts) index.org.accounts.forEach(addBroad);
  const tags = Object.entries(t.accountTags);
  if (tags.length > 0) {
    for (const a of index.org.accounts) {
      if (tags.every(([k, v]) => a.tags !== undefined && byName(a.tags, k) === v)) addBroad(a);
    }
  }

  t.excludeAccounts.forEach((ref, i) => {
    const r = index.resolveAccount(ref);
    if (!r.ok) diagnostics.push(diagnosticAt(at('exclude_accounts', i), 'error', r.message));
    else chosen.delete(r.value.id);
  });
  return [...chosen.values()];
}

/**
 * Expands every rule. Expired rules are still checked (so a typo is reported) but grant nothing.
 * Map keys are `assignmentKey`s.
 */
export function expandRules(desired: Desired, org: Organization, now: Date): { assignments: Map<string, ExpandedAssignment>; diagnostics: Diagnostic[] } {
  const index = new AccountIndex(org, desired.accountAliases);
  const diagnostics: Diagnostic[] = [];
  const assignments = new Map<string, ExpandedAssignment>();
  for (const rule of [...desired.rules].sort((a, b) => a.index - b.index)) {
    const accounts = targetAccounts(desired, rule, index, diagnostics);
    if (isRuleExpired(rule, now)) continue;
    const ref = ruleRef(rule);
    const principals = [
      ...rule.users.map((name) => ({ principalType: 'USER' as const, principal: name })),
      ...rule.groups.map((name) => ({ principalType: 'GROUP' as const, principal: name })),
    ];
    for (const permissionSet of rule.permissionSets) {
      for (const p of principals) {
        for (const account of accounts) {
          const assignment: Assignment = { permissionSet, ...p, accountId: account.id };
          const key = assignmentKey(assignment);
          const existing = assignments.get(key);
          if (existing === undefined) assignments.set(key, { assignment, rules: [ref] });
          else if (!existing.rules.some((r) => r.index === ref.index)) existing.rules.push(ref);
        }
      }
    }
  }
  for (const e of assignments.values()) e.rules.sort((a, b) => a.index - b.index || compareStrings(a.label, b.label));
  return { assignments, diagnostics };
}
