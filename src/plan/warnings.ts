/** The warnings a reviewer needs, computed from the finished list of changes. */
import { assignmentKey, grantKey, type Assignment } from '../model/assignment.js';
import type { AssignmentRule } from '../model/desired.js';
import type { Live } from '../model/live.js';
import { accountLabel } from '../model/organization.js';
import type { PermissionSet } from '../model/permission-set.js';
import { count, listOf } from '../model/plural.js';
import type { AccountIndex } from './accounts.js';
import { adminReasons } from './admin.js';
import { compareStrings, compareTuples } from '../model/compare.js';
import { isUnresolvedPrincipal } from './diff-assignments.js';
import { isRuleExpired } from './expand.js';
import { sameContents } from './permission-set-fields.js';
import { ruleName } from './rule-label.js';
import type { AccessChange, AssignmentChange, PermissionSetChange, PlanWarning, ProvisionChange, WarningCode } from './types.js';
import { byName } from '../model/name-record.js';

const ORDER: WarningCode[] = [
  // Stryker disable next-line StringLiteral: an unknown code sorts first (index -1), where this one already is.
  'delegated-admin-management',
  'admin-grant',
  'rename',
  'role-recreated',
  'reprovision',
  'expired-rule',
  'unresolved-principal',
];

export function sortWarnings(ws: PlanWarning[]): PlanWarning[] {
  return [...ws].sort((a, b) => compareTuples([ORDER.indexOf(a.code), a.subject, a.message], [ORDER.indexOf(b.code), b.subject, b.message]));
}

export interface WarningInputs {
  live: Live;
  accounts: AccountIndex;
  rules: AssignmentRule[];
  now: Date;
  permissionSets: PermissionSetChange[];
  provisions: ProvisionChange[];
  assignments: AssignmentChange[];
  access: AccessChange[];
  configAfter: Map<string, PermissionSet>;
}

function accountOf(accounts: AccountIndex, id: string): string {
  return accountLabel(id, accounts.nameOf(id));
}

function renames(inputs: WarningInputs): PlanWarning[] {
  const out: PlanWarning[] = [];
  const created = inputs.permissionSets.filter((c) => c.action === 'create');
  const used = new Set<string>();
  for (const del of inputs.permissionSets.filter((c) => c.action === 'delete')) {
    const match = created.find((c) => !used.has(c.name) && c.after && del.before && sameContents(c.after, del.before));
    if (match === undefined) continue;
    used.add(match.name);
    // A created set only gains assignments and a deleted one only loses them.
    const newKeys = new Set(
      inputs.assignments
        .filter((a) => a.assignment.permissionSet === match.name)
        .map((a) => `${a.assignment.principalType}|${a.assignment.principal}|${a.assignment.accountId}`),
    );
    const deleted = inputs.assignments.filter((a) => a.assignment.permissionSet === del.name);
    const moved = deleted.filter((a) => newKeys.has(`${a.assignment.principalType}|${a.assignment.principal}|${a.assignment.accountId}`)).length;
    const dropped = deleted.length - moved;
    out.push({
      code: 'rename',
      subject: del.name,
      message:
        `looks like a rename of ${del.name} to ${match.name}: AWS can't rename a permission set; this plan creates ${match.name}, moves ${count(moved, 'assignment')}, deletes ${del.name}` +
        (dropped > 0 ? ` (and ${count(dropped, 'assignment')} of ${del.name} that no rule gives to ${match.name})` : ''),
    });
  }
  return out;
}

function rolesRecreated(inputs: WarningInputs): PlanWarning[] {
  const remaining = new Map<string, number>();
  for (const a of inputs.live.assignments) remaining.set(grantKey(a), (remaining.get(grantKey(a)) ?? 0) + 1);
  const touched = new Map<string, Set<string>>();
  for (const c of inputs.assignments) {
    const k = grantKey(c.assignment);
    remaining.set(k, (remaining.get(k) ?? 0) + (c.action === 'create' ? 1 : -1));
    // Every changed pair; only a deletion can leave one at 0 (a creation leaves it at 1 or more).
    const s = touched.get(c.assignment.permissionSet) ?? new Set<string>();
    s.add(c.assignment.accountId);
    touched.set(c.assignment.permissionSet, s);
  }
  const out: PlanWarning[] = [];
  for (const [set, ids] of touched) {
    const emptied = [...ids].filter((id) => (remaining.get(`${set}|${id}`) ?? 0) <= 0).sort(compareStrings);
    if (emptied.length === 0) continue;
    const where =
      emptied.length === 1
        ? `in ${accountOf(inputs.accounts, emptied[0] as string)}`
        : `in ${count(emptied.length, 'account')}: ${listOf(emptied.map((id) => accountOf(inputs.accounts, id)))}`;
    out.push({
      code: 'role-recreated',
      subject: set,
      message: `removing the last assignment of ${set} ${where} deletes its IAM role AWSReservedSSO_${set}_…; an assignment made later creates a new role with a new ARN, so anything that refers to the old role ARN stops working`,
    });
  }
  return out;
}

/**
 * Administrator-level sets the plan gives to someone: the people who gain one (through any path;
 * never those who lose it or keep it through another path), and grants to a group that has no
 * members yet, which hand it to whoever joins the group later.
 */
function adminGrants(inputs: WarningInputs): PlanWarning[] {
  const out: PlanWarning[] = [];
  const gains = new Map<string, string[]>();
  for (const a of inputs.access) {
    if (a.effect !== 'gain') continue;
    if (a.kind === 'group' && a.memberCount > 0) continue;
    const who = a.kind === 'user' ? `user ${a.user}` : `group ${a.group}`;
    const list = gains.get(a.permissionSet) ?? [];
    list.push(`${who} on ${accountOf(inputs.accounts, a.accountId)}`);
    gains.set(a.permissionSet, list);
  }
  for (const [set, grants] of gains) {
    const config = inputs.configAfter.get(set);
    const reasons = config ? adminReasons(config) : [];
    if (reasons.length === 0) continue;
    out.push({
      code: 'admin-grant',
      subject: set,
      message: `${set} is administrator-level (${reasons.join(', ')}); this plan grants it to ${listOf(grants)}`,
    });
  }
  for (const c of inputs.permissionSets) {
    if (c.action !== 'update' || !c.before || !c.after) continue;
    const reasons = adminReasons(c.after);
    if (reasons.length === 0 || adminReasons(c.before).length > 0) continue;
    // Stryker disable next-line OptionalChaining: a set the plan updates exists in live.
    const accounts = byName(inputs.live.permissionSets, c.name)?.provisionedAccountIds.length ?? 0;
    out.push({
      code: 'admin-grant',
      subject: c.name,
      message: `${c.name} becomes administrator-level (${reasons.join(', ')}): everyone assigned to it gets administrator access in ${count(accounts, 'account')}`,
    });
  }
  return out;
}

function reprovisions(inputs: WarningInputs): PlanWarning[] {
  return inputs.provisions.map((p) => ({
    code: 'reprovision' as const,
    subject: p.permissionSet,
    message:
      p.reason === 'edited'
        ? `changing ${p.permissionSet} re-provisions it to ${count(p.accountIds.length, 'account')}: everyone using it gets the new version`
        : `${p.permissionSet} is out of date in ${count(p.accountIds.length, 'account')} (${listOf(p.accountIds.map((id) => accountOf(inputs.accounts, id)))}): this plan re-provisions it there`,
  }));
}

function expiredRules(inputs: WarningInputs): PlanWarning[] {
  return inputs.rules
    .filter((r) => isRuleExpired(r, inputs.now))
    .map((r) => ({
      code: 'expired-rule' as const,
      subject: ruleName(r),
      message: `${ruleName(r)} (line ${r.pos.line}) expired on ${r.expires ?? ''} and grants nothing any more: remove it from ${r.pos.file}`,
    }));
}

function unresolvedPrincipals(inputs: WarningInputs): PlanWarning[] {
  const byPrincipal = new Map<string, Assignment[]>();
  const deleted = new Set(inputs.assignments.filter((c) => c.action === 'delete').map((c) => assignmentKey(c.assignment)));
  for (const a of inputs.live.assignments) {
    if (!isUnresolvedPrincipal(a) || deleted.has(assignmentKey(a))) continue;
    const list = byPrincipal.get(a.principal) ?? [];
    list.push(a);
    byPrincipal.set(a.principal, list);
  }
  return [...byPrincipal].map(([principal, list]) => ({
    code: 'unresolved-principal' as const,
    subject: principal,
    message: `${count(list.length, 'assignment')} of a ${list[0]?.principalType === 'GROUP' ? 'group' : 'user'} that could not be found (${principal}): probably deleted outside idc; left unchanged (remove them in the AWS console)`,
  }));
}

export function planWarnings(inputs: WarningInputs): PlanWarning[] {
  return [
    ...adminGrants(inputs),
    ...renames(inputs),
    ...rolesRecreated(inputs),
    ...reprovisions(inputs),
    ...expiredRules(inputs),
    ...unresolvedPrincipals(inputs),
  ];
}
