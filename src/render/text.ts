/** The plan for a terminal, like `terraform plan`: `+`/`~`/`-` lines, colour only when asked. */
import { isEmptyPlan } from '../plan/hash.js';
import type { Change, Plan } from '../plan/types.js';
import {
  accountText,
  byKind,
  USER_LABELS,
  changeFile,
  fieldDeltas,
  groupEffectText,
  groupText,
  KIND_TITLES,
  pathText,
  provisionCause,
  revocationText,
  summarySentence,
} from './describe.js';
import { plainText as t } from './escape.js';
import { safetyTextLines } from './safety.js';
import { scopeWords } from './scope.js';
import { count } from '../model/plural.js';
import { ruleName } from '../plan/rule-label.js';

export interface TextOptions {
  /** ANSI colours (when writing to a TTY). */
  color?: boolean;
}

type Paint = (code: string, s: string) => string;
const SIGN = { create: '+', update: '~', delete: '-' } as const;
const COLOUR = { create: '32', update: '33', delete: '31' } as const;

const q = (s: string | undefined): string => (s === undefined ? '(none)' : JSON.stringify(t(s)));

function changeLines(plan: Plan, c: Change, paint: Paint): string[] {
  const lines = kindLines(plan, c, paint);
  const file = changeFile(plan, c);
  if (file !== undefined && lines[0] !== undefined) lines[0] += `  (${t(file)})`;
  return lines;
}

function kindLines(plan: Plan, c: Change, paint: Paint): string[] {
  const sign = paint(COLOUR[c.action], SIGN[c.action]);
  switch (c.kind) {
    case 'user': {
      const u = c.after ?? c.before;
      const lines = [`  ${sign} ${t(c.userName)}${u && c.action !== 'update' ? ` (${t(u.displayName)}, ${t(u.email)})` : ''}`];
      if (c.action === 'update' && c.before && c.after) {
        for (const f of c.fields) lines.push(`      ${USER_LABELS[f]}: ${q(c.before[f])} -> ${q(c.after[f])}`);
      }
      return lines;
    }
    case 'group': {
      const lines = [`  ${sign} group ${t(c.displayName)}`];
      if (c.action === 'update') lines.push(`      description: ${q(c.before?.description)} -> ${q(c.after?.description)}`);
      return lines;
    }
    case 'membership':
      return [`  ${sign} member ${t(c.user)} ${c.action === 'create' ? 'added to' : 'removed from'} group ${t(c.group)}`];
    case 'permission-set': {
      const lines = [`  ${sign} ${t(c.name)}`];
      for (const d of fieldDeltas(c)) {
        if (d.kind === 'value') {
          // Free text is quoted (it may have spaces at the ends); computed text is not.
          const v = d.field === 'description' || d.field === 'relayState' ? q : (s?: string): string => (s === undefined ? '(none)' : t(s));
          lines.push(c.action === 'create' || d.before === d.after ? `      ${d.label}: ${v(d.after)}` : `      ${d.label}: ${v(d.before)} -> ${v(d.after)}`);
        } else if (d.kind === 'list') {
          const parts = [...d.added.map((x) => `${paint('32', '+')} ${t(x)}`), ...d.removed.map((x) => `${paint('31', '-')} ${t(x)}`)];
          lines.push(`      ${d.label}: ${parts.join(', ')}`);
        } else {
          lines.push(`      ${d.label}:`);
          for (const l of d.lines) {
            if (l.op === '…') lines.push(`          … ${l.text}`);
            else lines.push(`        ${l.op === ' ' ? ' ' : paint(l.op === '+' ? '32' : '31', l.op)} ${t(l.text)}`);
          }
        }
      }
      return lines;
    }
    case 'provision': {
      const why = { edit: 'after the edit', revocations: 'after the session revocations', drift: 'drift: out of date there' }[provisionCause(plan, c)];
      return [
        `  ${sign} re-provision ${t(c.permissionSet)} to ${count(c.accountIds.length, 'account')} (${why})`,
        ...c.accountIds.map((id) => `      ${t(accountText(plan, id))}`),
      ];
    }
    case 'session-revocation':
      return [`  ${sign} ${t(revocationText(c, plan.accountNames))}`];
    case 'assignment': {
      const a = c.assignment;
      const rules = c.rules.map((r) => t(ruleName(r))).join(', ');
      return [
        `  ${sign} ${t(a.permissionSet)} -> ${a.principalType === 'USER' ? 'user' : 'group'} ${t(a.principal)} on ${t(accountText(plan, a.accountId))}${rules ? `  (${rules})` : ''}`,
      ];
    }
  }
}

/** People whose effective access changes, then every group grant change and whose access it changes. */
function accessLines(plan: Plan, paint: Paint, bold: (s: string) => string): string[] {
  const out = [bold('Access changes:')];
  const sign = (effect: 'gain' | 'lose'): string => (effect === 'gain' ? paint('32', '+') : paint('31', '-'));
  const verb = (effect: 'gain' | 'lose'): string => (effect === 'gain' ? 'gains' : 'loses');
  const users = plan.accessChanges.filter((a) => a.kind === 'user');
  const groups = plan.accessChanges.filter((a) => a.kind === 'group');
  if (users.length === 0) out.push("  nobody's access changes");
  for (const a of users) {
    out.push(`  ${sign(a.effect)} user ${t(a.user)} ${verb(a.effect)} ${t(a.permissionSet)} on ${t(accountText(plan, a.accountId))}`);
    for (const p of a.via) out.push(`      via ${t(pathText(p))}`);
  }
  if (groups.length > 0) out.push('', bold('Group grants:'));
  for (const g of groups) {
    out.push(`  ${sign(g.effect)} ${t(groupText(g))} ${verb(g.effect)} ${t(g.permissionSet)} on ${t(accountText(plan, g.accountId))}`);
    for (const why of g.because) out.push(`      via ${t(why)}`);
    out.push(`      ${t(groupEffectText(g))}`);
  }
  return out;
}

export function renderText(plan: Plan, options: TextOptions = {}): string {
  const paint: Paint = options.color ? (code, s) => `\u001b[${code}m${s}\u001b[0m` : (_code, s) => s;
  const bold = (s: string): string => paint('1', s);
  const out: string[] = [bold(`idc plan: ${t(plan.configFile)}`), ''];
  const refusal = safetyTextLines(plan, paint);
  if (refusal.length > 0) out.push(...refusal, '');
  const scope = scopeWords(plan);
  if (scope) {
    out.push(bold(`${t(scope.headline)}${scope.covers.length > 0 ? ':' : '.'}`));
    for (const c of scope.covers) out.push(`  ${t(c)}`);
    if (scope.rest !== '') out.push(t(scope.rest));
    out.push('');
  }

  if (plan.warnings.length > 0) {
    out.push(bold('Warnings:'));
    for (const w of plan.warnings) out.push(`  ${paint('33', '!')} ${t(w.code)}: ${t(w.message)}`);
    out.push('');
  }
  if (isEmptyPlan(plan)) {
    out.push(`${paint('32', 'No changes.')} Identity Center already matches ${t(plan.configFile)}.`);
    return `${out.join('\n')}\n`;
  }

  out.push(...accessLines(plan, paint, bold), '');

  const k = byKind(plan);
  for (const [key, changes] of Object.entries(k) as [keyof typeof k, Change[]][]) {
    if (changes.length === 0) continue;
    out.push(bold(`${KIND_TITLES[key]}:`));
    for (const c of changes) out.push(...changeLines(plan, c, paint));
    out.push('');
  }
  out.push(`${bold('Plan:')} ${summarySentence(plan.counts)}.`);
  out.push(`Plan hash: ${plan.hash}`);
  return `${out.join('\n')}\n`;
}
