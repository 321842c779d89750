/**
 * The markdown of the sticky comment in each state (the header line is added by comment.ts).
 * Pure functions: everything the Action adds is escaped here; the plan is escaped by the renderer.
 */
import type { ApplyReport } from '../apply/types.js';
import type { Diagnostic } from '../model/source.js';
import type { Plan } from '../plan/types.js';
import { renderSignIn } from '../render/sign-in.js';
import { diagnosticsMarkdown } from './annotations.js';
import { MAX_COMMENT_CHARS } from './comment.js';
import { escapeMarkdown, inlineCode } from '../render/escape.js';
import type { RenderPlanMarkdown } from './render.js';
import { count } from '../model/plural.js';

export interface BodyContext {
  config: string;
  runUrl?: string;
  render: RenderPlanMarkdown;
}

/** Room for the heading, the status lines and the footer around the rendered plan. */
const FRAME_CHARS = 4_000;

function heading(ctx: BodyContext, what: string): string {
  return `### idc-gitops ${what} · ${inlineCode(ctx.config)}`;
}

function runLink(ctx: BodyContext): string {
  return ctx.runUrl ? `[workflow run](${ctx.runUrl})` : 'this workflow run';
}

function renderPlan(ctx: BodyContext, plan: Plan, title: string): string {
  const maxChars = MAX_COMMENT_CHARS - FRAME_CHARS;
  return ctx.render(plan, { maxChars, title, ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) }).trimEnd();
}

/** The title the renderer puts on the plan (it escapes it). */
export function planTitle(config: string): string {
  return `idc-gitops plan · ${config}`;
}

function shortHash(hash: string): string {
  return inlineCode(hash.slice(0, 12) || 'none');
}

function changeCount(plan: Plan): string {
  const { create, update, delete: del } = plan.counts;
  return `${create} to create, ${update} to update, ${del} to delete`;
}

export function plannedBody(ctx: BodyContext, plan: Plan): string {
  return [
    renderPlan(ctx, plan, planTitle(ctx.config)),
    `<sub>Plan ${shortHash(plan.hash)} from ${runLink(ctx)}. On merge this plan is applied only if a fresh plan still has this hash; otherwise the apply is refused.</sub>`,
  ].join('\n\n');
}

export function invalidBody(ctx: BodyContext, diagnostics: readonly Diagnostic[]): string {
  return [
    heading(ctx, 'plan'),
    `❌ **${escapeMarkdown(ctx.config)} is not valid**: nothing was planned. Fix these and push again (they are also annotated on the file):`,
    diagnosticsMarkdown(diagnostics),
    `<sub>From ${runLink(ctx)}.</sub>`,
  ].join('\n\n');
}

export function applyingBody(ctx: BodyContext, reviewedHash: string | undefined): string {
  return [
    heading(ctx, 'apply'),
    `⏳ **Applying** ${reviewedHash ? `the reviewed plan ${shortHash(reviewedHash)}` : 'without a reviewed plan (force)'}… Follow it in ${runLink(ctx)}.`,
  ].join('\n\n');
}

export function appliedBody(ctx: BodyContext, plan: Plan, report: ApplyReport, remaining: Plan, startUrl: string): string {
  const lines = [
    heading(ctx, 'apply'),
    `✅ **Applied** ${report.succeeded} of ${count(plan.changes.length, 'change')}: ${count(report.succeeded, 'change')} made (${plan.counts.create} created, ${plan.counts.update} updated, ${plan.counts.delete} deleted) in ${(report.durationMs / 1000).toFixed(1)} s. See ${runLink(ctx)}.`,
  ];
  if (remaining.changes.length > 0) {
    lines.push(`⚠️ A fresh plan after the apply still shows ${count(remaining.changes.length, 'change')}: run the plan again to see them.`);
  }
  const signIn = renderSignIn(plan, { startUrl, format: 'markdown', remaining });
  if (signIn) lines.push(signIn.trimEnd());
  lines.push('<details><summary>What was applied</summary>\n\n' + renderPlan(ctx, plan, 'Applied plan') + '\n\n</details>');
  lines.push(`<sub>Plan ${shortHash(plan.hash)}.</sub>`);
  return lines.join('\n\n');
}

export function nothingToApplyBody(ctx: BodyContext, plan: Plan): string {
  return [
    heading(ctx, 'apply'),
    `✅ **Applied**: nothing to do, AWS IAM Identity Center already matched the file. See ${runLink(ctx)}.`,
    `<sub>Plan ${shortHash(plan.hash)}.</sub>`,
  ].join('\n\n');
}

export type ApplyFailure =
  | { kind: 'plan-changed'; plan: Plan; expectedHash: string }
  | { kind: 'unsafe'; plan: Plan; reasons: string[] }
  | { kind: 'apply-failed'; plan: Plan; report: ApplyReport }
  | { kind: 'apply-unchecked'; plan: Plan; report: ApplyReport; recheckError: string }
  | { kind: 'invalid'; diagnostics: readonly Diagnostic[] }
  | { kind: 'no-reviewed-plan' }
  | { kind: 'error'; message: string };

/** The failure explained in markdown: used by both the comment and the job summary. */
export function applyFailureMarkdown(ctx: BodyContext, failure: ApplyFailure): string {
  switch (failure.kind) {
    case 'plan-changed':
      return [
        `❌ **Apply refused: the plan changed since it was reviewed.** The reviewed plan was ${shortHash(failure.expectedHash)}; a fresh plan is ${shortHash(failure.plan.hash)} (${changeCount(failure.plan)}). Someone changed AWS IAM Identity Center, or another change was merged first. Open a pull request to review the new plan, or re-run with \`force: true\` to apply it anyway. Nothing was changed.`,
        '<details open><summary>The plan now</summary>\n\n' + renderPlan(ctx, failure.plan, 'The plan now') + '\n\n</details>',
      ].join('\n\n');
    case 'unsafe':
      return [
        `❌ **Apply refused by the safety checks** (\`safety:\` in ${escapeMarkdown(ctx.config)}). Nothing was changed. Re-run with \`force: true\` to override:`,
        failure.reasons.map((r) => `- ${escapeMarkdown(r)}`).join('\n'),
        '<details><summary>The plan</summary>\n\n' + renderPlan(ctx, failure.plan, 'The plan') + '\n\n</details>',
      ].join('\n\n');
    case 'apply-failed':
    case 'apply-unchecked': {
      const { report, plan } = failure;
      const shown = report.failed.slice(0, 30);
      const list = shown.map((f) => `- ${escapeMarkdown(f.subject)}: ${escapeMarkdown(f.message)}`);
      if (report.failed.length > shown.length) list.push(`- … and ${report.failed.length - shown.length} more (see the run)`);
      const head = failure.kind === 'apply-unchecked' && report.failed.length === 0 && !report.stopped ? '⚠️ **Applied, not checked**' : '❌ **Apply failed**';
      const parts = [`${head}: ${appliedSentence(report, plan.changes.length)}`];
      if (report.stopped) parts.push(`Apply stopped ${escapeMarkdown(report.stopped.reason)}.`);
      if (failure.kind === 'apply-unchecked') {
        parts.push(`Reading the state again afterwards failed: ${escapeMarkdown(failure.recheckError)}. Re-run the apply (or the plan) to see what is left.`);
      } else {
        parts.push('Fix the cause and re-run the apply: a fresh plan picks up where this one stopped.');
      }
      return [parts.join(' '), ...(list.length > 0 ? [list.join('\n')] : [])].join('\n\n');
    }
    case 'invalid':
      return [`❌ **${escapeMarkdown(ctx.config)} is not valid on the default branch**: nothing was applied.`, diagnosticsMarkdown(failure.diagnostics)].join(
        '\n\n',
      );
    case 'no-reviewed-plan':
      return '❌ **No reviewed plan**: the pull request has no idc-gitops plan comment with a plan hash, so there is nothing to compare with. Re-run with `force: true` to apply the current plan anyway.';
    case 'error':
      return `❌ **Apply failed**: ${escapeMarkdown(failure.message)}`;
  }
}

/** `Applied 12 of 17 changes; 1 failed, 4 skipped because something they need failed, 0 not attempted.` */
export function appliedSentence(report: ApplyReport, total: number): string {
  const parts = [`${report.failed.length} failed`];
  if (report.skipped > 0) parts.push(`${report.skipped} skipped because something they need failed`);
  if (report.stopped) parts.push(`${report.stopped.notAttempted} not attempted`);
  return `Applied ${report.succeeded} of ${count(total, 'change')}; ${parts.join(', ')}.`;
}

export function applyFailedBody(ctx: BodyContext, failure: ApplyFailure): string {
  return [heading(ctx, 'apply'), applyFailureMarkdown(ctx, failure), `<sub>See ${runLink(ctx)}.</sub>`].join('\n\n');
}
