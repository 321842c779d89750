/**
 * mode: drift — on schedule or workflow_dispatch: plan against the file on the default branch.
 * Any change means AWS drifted from the file (or a merge was never applied): report it in the
 * summary and fail the job so that it notifies. Never applies.
 */
import { annotate } from './annotations.js';
import { attachDriftReport } from './drift-report.js';
import { inlineCode } from '../render/escape.js';
import { bodyContext, failed, OK, type ModeDeps, type ModeResult } from './mode.js';
import { outputsFromPlan } from './outputs.js';
import { SUMMARY_PLAN_CHARS } from './summary.js';
import { invalidConfig } from './run-validate.js';
import { count } from '../model/plural.js';

export async function runDrift(deps: ModeDeps): Promise<ModeResult> {
  const outcome = await deps.engine.plan(deps.inputs.config, deps.progress);
  annotate(deps.io, outcome.diagnostics);
  if (!outcome.ok) return invalidConfig(deps, outcome.diagnostics);
  const { plan } = outcome;
  outputsFromPlan(deps.outputs, plan);
  const title = `### idc-gitops drift check · ${inlineCode(deps.inputs.config)}`;
  if (plan.changes.length === 0) {
    deps.summary.add(`${title}\n\n✅ No drift: AWS IAM Identity Center matches the file.`);
    deps.io.info('No drift.');
    if (deps.inputs.report) await attachDriftReport(deps, outcome);
    return OK;
  }
  const ctx = bodyContext(deps);
  const { create, update, delete: del } = plan.counts;
  deps.summary.add(
    [
      title,
      `❌ **Drift detected**: AWS IAM Identity Center differs from the file (${create} to create, ${update} to update, ${del} to delete to bring it back). Someone changed it outside this repository, or a merge was not applied. Either put the change into ${inlineCode(deps.inputs.config)} through a pull request, or let the next apply revert it. Nothing was changed.`,
      deps.render(plan, { maxChars: SUMMARY_PLAN_CHARS, title: 'What the next apply would change', ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) }),
      `Plan hash: ${inlineCode(plan.hash)}`,
    ].join('\n\n'),
  );
  if (deps.inputs.report) await attachDriftReport(deps, outcome);
  return failed(
    'drift',
    `Drift detected: ${count(plan.changes.length, 'change')} between ${deps.inputs.config} and AWS IAM Identity Center (see the job summary).`,
  );
}
