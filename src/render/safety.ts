/**
 * The plan's safety verdict, shown first by every renderer: when apply will refuse a plan, that
 * is the one thing a reviewer must not miss. Empty for a safe plan.
 */
import type { Plan, SafetyCode, SafetyRefusal } from '../plan/types.js';
import { escapeMarkdown as e, plainText as t } from './escape.js';

/** What each refusal is about, in the words of access.yaml. */
export const SAFETY_TITLES: Record<SafetyCode, string> = {
  'max-deletes-exceeded': 'too many deletions (safety.max_deletes)',
  'protected-assignment-removed': 'protected assignment deleted (safety.protected)',
  'protected-assignment-missing': 'protected assignment missing (safety.protected)',
  'own-access-removed': 'self-lockout',
};

const where = (r: SafetyRefusal): string => (r.pos ? `${r.pos.file}:${r.pos.line}` : '');

function forceMarkdown(plan: Plan): string {
  const { refusals } = plan.safety;
  const fix = `Fix ${e(plan.configFile)}`;
  const hard = refusals.filter((r) => !r.forceOverrides).length;
  if (hard === 0) return `${fix}. \`force\` on the apply (\`--force\`, or \`force: true\` in the Action) overrides these checks: break-glass only.`;
  if (hard === refusals.length) return `${fix}, or apply with other credentials: \`force\` does not override a self-lockout.`;
  return `${fix}. \`force\` overrides only the \`safety:\` checks, never a self-lockout.`;
}

/** A GitHub CAUTION alert listing why apply refuses the plan; '' when the plan is safe. */
export function safetyMarkdown(plan: Plan): string {
  const { refusals } = plan.safety;
  if (refusals.length === 0) return '';
  const items = refusals.map((r) => {
    const at = r.pos ? ` (${e(where(r))})` : '';
    return `> - **${e(SAFETY_TITLES[r.code])}**${at}: ${e(r.message)}`;
  });
  return [
    '> [!CAUTION]',
    `> **Apply will refuse this plan**: ${refusals.length === 1 ? 'a safety check fails' : `${refusals.length} safety checks fail`}. Merged as it is, the apply changes nothing in AWS IAM Identity Center and fails.`,
    '>',
    ...items,
    '>',
    `> ${forceMarkdown(plan)}`,
  ].join('\n');
}

type Paint = (code: string, s: string) => string;

/** The same for a terminal: lines (no trailing blank line); [] when the plan is safe. */
export function safetyTextLines(plan: Plan, paint: Paint): string[] {
  const { refusals } = plan.safety;
  if (refusals.length === 0) return [];
  const lines = [paint('1;31', 'Apply will refuse this plan (safety checks):')];
  for (const r of refusals) {
    const at = r.pos ? ` (${t(where(r))})` : '';
    lines.push(`  ${paint('31', 'x')} ${t(SAFETY_TITLES[r.code])}${at}${r.forceOverrides ? '' : ' [--force does not override this]'}`);
    lines.push(`      ${t(r.message)}`);
  }
  if (refusals.some((r) => r.forceOverrides)) lines.push(`  Fix ${t(plan.configFile)}; idc apply --force overrides the safety: checks (break-glass only).`);
  return lines;
}
