/**
 * mode: expire — on a schedule (hourly): apply only the removals that expired rules cause, and
 * nothing else (a pending change of the file, drift: left for a reviewed apply and the drift
 * check). Those removals were reviewed when the rule merged, so no new review is needed; the hash
 * applied and printed is that of the expiry-only plan. Never comments on a pull request.
 */
import type { ApplyOutcome } from '../engine-contract.js';
import { annotate } from './annotations.js';
import { escapeMarkdown, inlineCode } from '../render/escape.js';
import { bodyContext, failed, OK, type ModeDeps, type ModeResult } from './mode.js';
import { outputsFromPlan } from './outputs.js';
import { SUMMARY_PLAN_CHARS } from './summary.js';
import { invalidConfig } from './run-validate.js';
import { count } from '../model/plural.js';

/**
 * The file must be the reviewed one: a pull request's file is untrusted (a rule that "expired"
 * yesterday, added by the pull request, would remove anyone's access without review).
 */
function untrustedRef(deps: ModeDeps): string | undefined {
  const { eventName, ref, defaultBranch } = deps.ctx;
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return `a ${eventName} event (the pull request's file is not reviewed yet)`;
  if (defaultBranch && ref && ref !== `refs/heads/${defaultBranch}`) return `${ref}, not the default branch ${defaultBranch}`;
  return undefined;
}

export async function runExpire(deps: ModeDeps): Promise<ModeResult> {
  const untrusted = untrustedRef(deps);
  if (untrusted) {
    return failed(
      'invalid-input',
      `mode: expire applies the file of the default branch only; this run is on ${untrusted}. Run it on schedule or workflow_dispatch from the default branch.`,
    );
  }
  const outcome: ApplyOutcome = await deps.engine.apply(deps.inputs.config, { expiryOnly: true }, deps.progress);
  const title = `### idc-gitops expire · ${inlineCode(deps.inputs.config)}`;
  if (outcome.status === 'invalid') {
    annotate(deps.io, outcome.diagnostics);
    return invalidConfig(deps, outcome.diagnostics);
  }
  outputsFromPlan(deps.outputs, outcome.plan);
  const { plan } = outcome;
  deps.io.info(`Expiry-only plan hash: ${plan.hash}`);
  const hashLine = `Expiry-only plan hash: ${inlineCode(plan.hash)}`;
  const ctx = bodyContext(deps);
  const rendered = (title2: string): string =>
    deps.render(plan, { maxChars: SUMMARY_PLAN_CHARS, title: title2, ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) });
  switch (outcome.status) {
    case 'nothing-to-do':
      deps.summary.add(`${title}\n\n✅ No expired access left to remove.\n\n${hashLine}`);
      return OK;
    case 'unsafe':
      deps.summary.add(
        [
          title,
          '❌ The safety checks refused the expiry-only plan. Nothing was changed.',
          ...outcome.reasons.map((r) => `- ${escapeMarkdown(r)}`),
          rendered('Refused plan'),
          hashLine,
        ].join('\n\n'),
      );
      return failed('unsafe', 'Expire refused by the safety checks (see the job summary).');
    case 'plan-changed':
    case 'cancelled':
      return failed('error', `Expire stopped unexpectedly (${outcome.status}); nothing was changed.`);
    case 'applied-unchecked':
      deps.summary.add(
        [title, `⚠️ Applied, but reading the state again failed: ${escapeMarkdown(outcome.recheckError)}`, rendered('Applied plan'), hashLine].join('\n\n'),
      );
      return failed('apply-failed', 'Expire ran, but reading the state again afterwards failed (see the job summary). Re-run it.');
    case 'applied': {
      const { report, remaining } = outcome;
      const ok = report.failed.length === 0 && remaining.changes.length === 0;
      deps.summary.add(
        [
          title,
          `${ok ? '✅' : '❌'} Removed ${report.succeeded} of ${count(plan.changes.length, 'change')} that expiry causes (reviewed when the rules merged).`,
          rendered('Applied expiry-only plan'),
          hashLine,
          ...(remaining.changes.length > 0 ? [`⚠️ A fresh expiry-only plan still shows ${count(remaining.changes.length, 'change')}.`] : []),
        ].join('\n\n'),
      );
      return ok ? OK : failed('apply-failed', 'Expire failed: some expired access could not be removed (see the job summary).');
    }
  }
}
