/** Short human labels of assignment rules, e.g. `assignments[2]: ReadOnly → group auditors on all accounts`. */
import type { AssignmentRule } from '../model/desired.js';
import { joinList, noun } from '../model/plural.js';
import { expiresLabel } from '../model/expires.js';
import type { SourcePos } from '../model/source.js';

function list(names: readonly string[], max = 3): string {
  if (names.length <= max) return joinList(names);
  return `${joinList(names.slice(0, max))} +${names.length - max} more`;
}

/** What {@link ruleName} needs of a rule: its index and, for a rule of an included file, its file and index there. */
export interface RuleId {
  index: number;
  pos: SourcePos;
  fileIndex?: number;
}

/**
 * How a reviewer finds a rule: `assignments[2]` in the root file, `access.d/data.yaml
 * assignments[0]` in a file it includes (a bare index names a rule of the root file).
 */
export function ruleName(rule: number | RuleId): string {
  if (typeof rule === 'number') return `assignments[${rule}]`;
  return rule.fileIndex === undefined ? `assignments[${rule.index}]` : `${rule.pos.file} assignments[${rule.fileIndex}]`;
}

export function ruleLabel(rule: AssignmentRule): string {
  const who: string[] = [];
  if (rule.users.length > 0) who.push(`${noun(rule.users.length, 'user')} ${list(rule.users)}`);
  if (rule.groups.length > 0) who.push(`${noun(rule.groups.length, 'group')} ${list(rule.groups)}`);
  const t = rule.targets;
  const where: string[] = [];
  if (t.allAccounts) where.push('all accounts');
  if (t.accounts.length > 0) where.push(`${noun(t.accounts.length, 'account')} ${list(t.accounts)}`);
  if (t.organizationalUnits.length > 0) {
    where.push(`${noun(t.organizationalUnits.length, 'OU')} ${list(t.organizationalUnits)}`);
  }
  const tags = Object.entries(t.accountTags).map(([k, v]) => `${k}=${v}`);
  if (tags.length > 0) where.push(`accounts tagged ${list(tags)}`);
  let label = `${ruleName(rule)}: ${list(rule.permissionSets)} → ${who.join(', ') || 'nobody'} on ${where.join(' and ') || 'no accounts'}`;
  if (t.excludeAccounts.length > 0) label += ` except ${list(t.excludeAccounts)}`;
  if (rule.expires !== undefined) label += ` until ${expiresLabel(rule.expires)}`;
  return label;
}
