/** The sections of the markdown plan: each returns markdown with every value escaped. */
import { count } from '../model/plural.js';
import type { Change, GroupAccessChange, Plan, PlanWarning, SessionRevocationChange, UserAccessChange } from '../plan/types.js';
import {
  accountText,
  byKind,
  USER_LABELS,
  changeFile,
  deletedFields,
  fieldDeltas,
  groupEffectText,
  groupText,
  KIND_TITLES,
  provisionCause,
  revocationText,
  pathText,
  type FieldDelta,
} from './describe.js';
import { codeBlock, escapeMarkdown as e } from './escape.js';
import { ruleName } from '../plan/rule-label.js';

/** Sections with more items than this are collapsed in `<details>`. */
export const COLLAPSE_OVER = 15;

const ICON = { create: '➕', update: '✏️', delete: '➖' } as const;
export function details(summary: string, body: string, open = false): string {
  // The summary is built from counts and fixed words only: HTML blocks do not render escapes.
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

export function warningsSection(warnings: PlanWarning[], max = 50): string {
  if (warnings.length === 0) return '';
  const shown = warnings.slice(0, max).map((w) => `> - **${e(w.code)}**: ${e(w.message)}`);
  if (warnings.length > max) shown.push(`> - … and ${count(warnings.length - max, 'more warning')} (see the job summary)`);
  return [`> [!WARNING]`, `> **${count(warnings.length, 'warning')}**`, '>', ...shown].join('\n');
}

const EFFECT = { gain: '🟢 gains', lose: '🔴 loses' } as const;

function userRow(plan: Plan, a: UserAccessChange): string {
  return `| 👤 ${e(a.user)} | ${EFFECT[a.effect]} | ${e(a.permissionSet)} | ${e(accountText(plan, a.accountId))} | ${a.via.map((p) => e(pathText(p))).join('<br>')} |`;
}

function groupRow(plan: Plan, g: GroupAccessChange): string {
  const why = g.because.map(e).join('<br>');
  return `| 👥 ${e(groupText(g))} | ${EFFECT[g.effect]} | ${e(g.permissionSet)} | ${e(accountText(plan, g.accountId))} | ${why} | ${e(groupEffectText(g))} |`;
}

/** A plan's access rows, split by kind, with their table lines. */
interface AccessRows {
  users: UserAccessChange[];
  groups: GroupAccessChange[];
  /** The rows as table lines, escaped once per plan: fitting a comment asks for many cuts. */
  userLines: string[];
  groupLines: string[];
}

const accessRows = new WeakMap<Plan, AccessRows>();

function rowsOf(plan: Plan): AccessRows {
  const known = accessRows.get(plan);
  if (known) return known;
  const users = plan.accessChanges.filter((a) => a.kind === 'user');
  const groups = plan.accessChanges.filter((a) => a.kind === 'group');
  const rows = { users, groups, userLines: users.map((a) => userRow(plan, a)), groupLines: groups.map((g) => groupRow(plan, g)) };
  accessRows.set(plan, rows);
  return rows;
}

/**
 * The access section: people whose effective access changes, then every group grant change and
 * whose access it changes. `maxRows` cuts the rows (people first) with a line saying how many
 * were left out.
 */
export function accessSection(plan: Plan, maxRows = Infinity): string {
  const { users, groups, userLines, groupLines } = rowsOf(plan);
  const people = new Set(users.map((u) => u.user)).size;
  const gains = users.filter((r) => r.effect === 'gain').length;
  const out = ['### Access changes'];
  if (users.length === 0) out.push("Nobody's access changes.");
  else {
    out.push(`${count(people, 'person', 'people')}: ${count(gains, 'grant')} gained, ${count(users.length - gains, 'grant')} lost.`);
    const lines = ['| Who | Access | Permission set | Account | Through |', '| --- | --- | --- | --- | --- |'];
    lines.push(...userLines.slice(0, maxRows));
    out.push(lines.join('\n'));
  }
  const room = Math.max(0, maxRows - users.length);
  if (groups.length > 0 && room > 0) {
    const lines = ['| Group | Grant | Permission set | Account | Why | Whose access changes |', '| --- | --- | --- | --- | --- | --- |'];
    lines.push(...groupLines.slice(0, room));
    out.push('#### Group grants', lines.join('\n'));
  }
  const total = users.length + groups.length;
  if (total > maxRows) out.push(`_… and ${count(total - maxRows, 'more access change')}: see the job summary._`);
  return out.join('\n\n');
}

function userLine(c: Extract<Change, { kind: 'user' }>): string {
  const u = c.after ?? c.before;
  const who = `**${e(c.userName)}**`;
  if (c.action === 'update' && c.before && c.after) {
    const before = c.before;
    const after = c.after;
    const parts = c.fields.map((f) => `${USER_LABELS[f]} ${e(before[f])} → ${e(after[f])}`);
    return `- ${ICON.update} update ${who}: ${parts.join('; ')}`;
  }
  const about = u ? `: ${e(u.displayName)}, ${e(u.email)}` : '';
  return `- ${ICON[c.action]} ${c.action} ${who}${about}`;
}

function groupLine(c: Extract<Change, { kind: 'group' | 'membership' }>): string {
  if (c.kind === 'membership') {
    return c.action === 'create'
      ? `- ${ICON.create} add **${e(c.user)}** to group **${e(c.group)}**`
      : `- ${ICON.delete} remove **${e(c.user)}** from group **${e(c.group)}**`;
  }
  if (c.action === 'update') {
    return `- ${ICON.update} update group **${e(c.displayName)}**: description ${e(c.before?.description ?? '(none)')} → ${e(c.after?.description ?? '(none)')}`;
  }
  const desc = c.action === 'create' && c.after?.description ? `: ${e(c.after.description)}` : '';
  return `- ${ICON[c.action]} ${c.action} group **${e(c.displayName)}**${desc}`;
}

function fieldLine(d: Exclude<FieldDelta, { kind: 'policy' }>, action: 'create' | 'update' | 'delete'): string {
  if (d.kind === 'list') {
    if (action !== 'update') return `- ${d.label}: ${[...d.added, ...d.removed].map(e).join(', ')}`;
    const parts: string[] = [];
    if (d.added.length > 0) parts.push(`add ${d.added.map(e).join(', ')}`);
    if (d.removed.length > 0) parts.push(`remove ${d.removed.map(e).join(', ')}`);
    return `- ${d.label}: ${parts.join('; ')}`;
  }
  if (action === 'create' || d.before === d.after) return `- ${d.label}: ${e(d.after ?? '(none)')}`;
  if (action === 'delete') return `- ${d.label}: ${e(d.before ?? '(none)')}`;
  return `- ${d.label}: ${e(d.before ?? '(none)')} → ${e(d.after ?? '(none)')}`;
}

function policyBlock(d: Extract<FieldDelta, { kind: 'policy' }>): string {
  const body = d.lines.map((l) => (l.op === '…' ? `  … ${l.text}` : `${l.op} ${l.text}`)).join('\n');
  return codeBlock(body, 'diff');
}

function permissionSetBlock(c: Extract<Change, { kind: 'permission-set' }>, file: string | undefined): string {
  const heading = `#### ${ICON[c.action]} ${c.action} permission set ${e(c.name)}${file === undefined ? '' : ` (${e(file)})`}`;
  // A delete lists what goes away, the way a create lists what comes.
  const deltas = c.action === 'delete' ? deletedFields(c) : fieldDeltas(c);
  const out = [heading, '', ...deltas.filter((d) => d.kind !== 'policy').map((d) => fieldLine(d, c.action))];
  for (const d of deltas) if (d.kind === 'policy') out.push('', `${d.label}:`, '', policyBlock(d));
  return out.join('\n');
}

function provisionLine(plan: Plan, c: Extract<Change, { kind: 'provision' }>): string {
  const why = { edit: 'after the edit above', revocations: 'after the session revocations above', drift: 'where it is out of date (drift)' }[
    provisionCause(plan, c)
  ];
  const where = c.accountIds.map((id) => e(accountText(plan, id))).join(', ');
  return `- 🔄 re-provision **${e(c.permissionSet)}** to ${count(c.accountIds.length, 'account')} ${why}: ${where}`;
}

function assignmentTable(plan: Plan, changes: Extract<Change, { kind: 'assignment' }>[]): string {
  const lines = ['| | Permission set | Principal | Account | Rule |', '| --- | --- | --- | --- | --- |'];
  for (const c of changes) {
    const a = c.assignment;
    const rule = c.rules.map((r) => e(`${ruleName(r)} (line ${r.pos.line})`)).join('<br>') || 'not in access.yaml';
    const who = `${a.principalType === 'USER' ? '👤' : '👥'} ${e(a.principal)}`;
    lines.push(`| ${ICON[c.action]} ${c.action} | ${e(a.permissionSet)} | ${who} | ${e(accountText(plan, a.accountId))} | ${rule} |`);
  }
  return lines.join('\n');
}

function countsText(changes: Change[]): string {
  const n = (a: string): number => changes.filter((c) => c.action === a).length;
  return [
    ['create', n('create')],
    ['update', n('update')],
    ['delete', n('delete')],
  ]
    .filter(([, k]) => (k as number) > 0)
    .map(([a, k]) => `${(k as number).toLocaleString('en-US')} to ${a as string}`)
    .join(', ');
}

/** The per-kind detail sections, each with a full and a one-line short form (for truncation). */
export function detailSections(plan: Plan): { full: string; short: string }[] {
  const k = byKind(plan);
  const out: { full: string; short: string }[] = [];
  const add = (title: string, changes: Change[], body: string, collapse: boolean): void => {
    if (changes.length === 0) return;
    const head = `### ${title}`;
    const summary = `${count(changes.length, 'change')}: ${countsText(changes)}`;
    out.push({
      full: `${head}\n\n${collapse ? details(summary, body) : body}`,
      short: `${head}\n\n_${summary}; not shown here: see the job summary._`,
    });
  };
  // A change from an included file (a split configuration) names it: `(access.d/data.yaml)`.
  const from = (c: Change, line: string): string => {
    const file = changeFile(plan, c);
    return file === undefined ? line : `${line} (${e(file)})`;
  };
  add(KIND_TITLES.users, k.users, k.users.map((c) => from(c, userLine(c as Extract<Change, { kind: 'user' }>))).join('\n'), k.users.length > COLLAPSE_OVER);
  add(
    KIND_TITLES.groups,
    k.groups,
    k.groups.map((c) => from(c, groupLine(c as Extract<Change, { kind: 'group' | 'membership' }>))).join('\n'),
    k.groups.length > COLLAPSE_OVER,
  );
  add(
    KIND_TITLES.permissionSets,
    k.permissionSets,
    k.permissionSets.map((c) => permissionSetBlock(c as Extract<Change, { kind: 'permission-set' }>, changeFile(plan, c))).join('\n\n'),
    k.permissionSets.length > COLLAPSE_OVER,
  );
  add(
    KIND_TITLES.sessions,
    k.sessions,
    k.sessions.map((c) => `- ${c.action === 'create' ? '⛔' : ICON.delete} ${e(revocationText(c as SessionRevocationChange, plan.accountNames))}`).join('\n'),
    k.sessions.length > COLLAPSE_OVER,
  );
  add(
    KIND_TITLES.provisions,
    k.provisions,
    k.provisions.map((c) => provisionLine(plan, c as Extract<Change, { kind: 'provision' }>)).join('\n'),
    k.provisions.length > COLLAPSE_OVER,
  );
  add(
    KIND_TITLES.assignments,
    k.assignments,
    assignmentTable(plan, k.assignments as Extract<Change, { kind: 'assignment' }>[]),
    k.assignments.length > COLLAPSE_OVER,
  );
  return out;
}
