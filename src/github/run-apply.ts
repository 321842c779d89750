/**
 * mode: apply — on a push to the default branch: find the merged pull request, read the reviewed
 * plan hash from its comment, and apply only if a fresh plan has that hash (or with `force`).
 * The comment follows: applying → applied or failed, with a link to the run.
 */
import { scopeRequest } from './base.js';
import type { ApplyOutcome } from '../engine-contract.js';
import { annotate } from './annotations.js';
import { findStickyComment, resolveCommentAuthor, upsertStickyComment, type CommentTarget, type StickyComment } from './comment.js';
import { applyFailedBody, applyFailureMarkdown, appliedBody, applyingBody, nothingToApplyBody, type ApplyFailure } from './comment-body.js';
import { HEADER_VERSION, type CommentStatus } from './comment-header.js';
import { escapeMarkdown, inlineCode, shortText } from '../render/escape.js';
import { filesReadPhrase, pushChanges } from './changed-files.js';
import { bodyContext, failed, OK, type ModeDeps, type ModeResult } from './mode.js';
import { outputsFromPlan, type FailureReason } from './outputs.js';
import { findMergedPullRequest } from './pull-request.js';
import { renderSignIn } from '../render/sign-in.js';
import { SUMMARY_PLAN_CHARS } from './summary.js';
import { invalidConfig } from './run-validate.js';
import { count } from '../model/plural.js';

interface Review {
  target?: CommentTarget;
  sticky?: StickyComment;
  /** The hash in the comment header, when the pull request has a reviewed plan. */
  reviewedHash?: string;
}

async function findReview(deps: ModeDeps): Promise<Review> {
  const repo = { owner: deps.ctx.owner, repo: deps.ctx.repo };
  const pr = await findMergedPullRequest(deps.github, repo, deps.ctx.sha);
  if (!pr) {
    deps.io.info(`No merged pull request has ${deps.ctx.sha.slice(0, 12) || 'this commit'} as its merge commit: a direct push.`);
    return {};
  }
  const target: CommentTarget = {
    repo,
    issueNumber: pr.number,
    config: deps.inputs.config,
    author: await resolveCommentAuthor(deps.github),
  };
  const sticky = await findStickyComment(deps.github, target);
  const reviewedHash = sticky?.header.planHash || undefined;
  deps.io.info(`Merged pull request #${pr.number}; reviewed plan: ${reviewedHash ?? 'none'}.`);
  return { target, ...(sticky ? { sticky } : {}), ...(reviewedHash ? { reviewedHash } : {}) };
}

async function updateComment(deps: ModeDeps, review: Review, status: CommentStatus, planHash: string, markdown: string): Promise<void> {
  if (!review.target || deps.inputs.comment === 'false') return;
  const head = { version: HEADER_VERSION, planHash, status, config: deps.inputs.config };
  const result = await upsertStickyComment(deps.github, review.target, head, markdown, {
    create: deps.inputs.comment === 'true',
    existing: review.sticky,
  });
  if (result.action !== 'skipped') {
    review.sticky = { comment: result.comment, header: head };
    deps.io.info(`Pull request comment ${result.action}: ${status}.`);
  }
}

/**
 * The comment update that ends a run: when it fails, the run's result stands (an apply that
 * succeeded is not failed by GitHub) and the failure is reported, as a warning and in the job
 * summary, so a comment left at "applying" is explained.
 */
async function lastComment(deps: ModeDeps, review: Review, status: CommentStatus, planHash: string, markdown: string, after: string): Promise<void> {
  try {
    await updateComment(deps, review, status, planHash, markdown);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const warning = `Could not update the pull request comment ${after} (it may still say "applying"): ${why}`;
    deps.io.warning(warning);
    deps.summary.add(`⚠️ ${escapeMarkdown(warning)}`);
  }
}

const REASON: Record<ApplyFailure['kind'], FailureReason> = {
  'plan-changed': 'plan-changed',
  unsafe: 'unsafe',
  'apply-failed': 'apply-failed',
  'apply-unchecked': 'apply-failed',
  invalid: 'invalid-config',
  'no-reviewed-plan': 'no-reviewed-plan',
  error: 'error',
};

const MESSAGE: Record<ApplyFailure['kind'], string> = {
  'plan-changed':
    'Apply refused: the plan changed since it was reviewed (see the job summary). Review the new plan in a pull request, or re-run with force: true.',
  unsafe: 'Apply refused by the safety checks (see the job summary). Re-run with force: true to override.',
  'apply-failed': 'Apply failed: some changes could not be made (see the job summary).',
  'apply-unchecked':
    'Apply ran, but reading the state again afterwards failed, so whether everything converged is unknown (see the job summary). Re-run the apply.',
  invalid: 'Apply refused: the file is not valid.',
  'no-reviewed-plan':
    'Apply refused: no reviewed plan (direct push, or no idc-gitops comment on the pull request). Merge through a pull request, or re-run with force: true.',
  error: 'Apply failed.',
};

async function fail(deps: ModeDeps, review: Review, failure: ApplyFailure): Promise<ModeResult> {
  const ctx = bodyContext(deps);
  if (failure.kind === 'invalid') {
    annotate(deps.io, failure.diagnostics);
    await updateComment(deps, review, 'failed', review.reviewedHash ?? '', applyFailedBody(ctx, failure));
    return invalidConfig(deps, failure.diagnostics);
  }
  deps.summary.add(
    `### idc-gitops apply · ${inlineCode(deps.inputs.config)}\n\n${applyFailureMarkdown({ ...ctx, render: (p, o) => deps.render(p, { ...o, maxChars: SUMMARY_PLAN_CHARS }) }, failure)}`,
  );
  await updateComment(deps, review, 'failed', review.reviewedHash ?? '', applyFailedBody(ctx, failure));
  return failed(REASON[failure.kind], MESSAGE[failure.kind]);
}

/** A re-run after a successful apply: fine when nothing is left to do. */
async function checkAlreadyApplied(deps: ModeDeps, review: Review): Promise<ModeResult> {
  const outcome = await deps.engine.plan(deps.inputs.config, deps.progress, await scopeRequest(deps, deps.ctx.payload.before));
  if (!outcome.ok) return fail(deps, review, { kind: 'invalid', diagnostics: outcome.diagnostics });
  outputsFromPlan(deps.outputs, outcome.plan);
  if (outcome.plan.changes.length === 0) {
    deps.summary.add(`### idc-gitops apply · ${inlineCode(deps.inputs.config)}\n\n✅ Already applied: nothing to do.`);
    return OK;
  }
  return fail(deps, review, { kind: 'plan-changed', plan: outcome.plan, expectedHash: review.reviewedHash ?? '' });
}

async function report(deps: ModeDeps, review: Review, outcome: ApplyOutcome): Promise<ModeResult> {
  const ctx = bodyContext(deps);
  if ('plan' in outcome) outputsFromPlan(deps.outputs, outcome.plan);
  switch (outcome.status) {
    case 'invalid':
      return fail(deps, review, { kind: 'invalid', diagnostics: outcome.diagnostics });
    case 'plan-changed':
      return fail(deps, review, { kind: 'plan-changed', plan: outcome.plan, expectedHash: outcome.expectedHash });
    case 'unsafe':
      return fail(deps, review, { kind: 'unsafe', plan: outcome.plan, reasons: outcome.reasons });
    case 'cancelled':
      // The Action never asks for confirmation; an engine that cancels anyway is an error.
      return fail(deps, review, { kind: 'error', message: 'the apply was cancelled before any change was made' });
    case 'nothing-to-do':
      deps.summary.add(`### idc-gitops apply · ${inlineCode(deps.inputs.config)}\n\n✅ Nothing to do: AWS IAM Identity Center already matches the file.`);
      await lastComment(deps, review, 'applied', outcome.plan.hash, nothingToApplyBody(ctx, outcome.plan), 'after the apply');
      return OK;
    case 'applied-unchecked':
      return fail(deps, review, { kind: 'apply-unchecked', plan: outcome.plan, report: outcome.report, recheckError: outcome.recheckError });
    case 'applied': {
      if (outcome.report.failed.length > 0) {
        return fail(deps, review, { kind: 'apply-failed', plan: outcome.plan, report: outcome.report });
      }
      const { plan, report: done, remaining } = outcome;
      const lines = [
        `### idc-gitops apply · ${inlineCode(deps.inputs.config)}`,
        `✅ Applied ${done.succeeded} of ${count(plan.changes.length, 'change')} (${plan.counts.create} created, ${plan.counts.update} updated, ${plan.counts.delete} deleted).`,
        ...[renderSignIn(plan, { startUrl: outcome.startUrl, format: 'markdown', remaining }).trimEnd()].filter((s) => s !== ''),
        deps.render(plan, { maxChars: SUMMARY_PLAN_CHARS, title: 'Applied plan', ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) }),
      ];
      if (remaining.changes.length > 0) {
        const warning = `A fresh plan after the apply still shows ${count(remaining.changes.length, 'change')}.`;
        deps.io.warning(warning);
        lines.push(`⚠️ ${escapeMarkdown(warning)}`);
      }
      deps.summary.add(lines.join('\n\n'));
      await lastComment(deps, review, 'applied', plan.hash, appliedBody(ctx, plan, done, remaining, outcome.startUrl), 'after the apply');
      return OK;
    }
  }
}

/**
 * No reviewed plan (a direct push, or a pull request that got no plan: from a fork, or from
 * Dependabot, which get no OIDC token). The workflow runs on every push to main, so a merge that
 * changed no access must not fail: with nothing to apply there is nothing to review. Anything
 * else is refused, and nothing is changed.
 */
async function withoutReview(deps: ModeDeps, review: Review): Promise<ModeResult> {
  const outcome = await deps.engine.plan(deps.inputs.config, deps.progress, await scopeRequest(deps, deps.ctx.payload.before));
  if (!outcome.ok) return fail(deps, review, { kind: 'invalid', diagnostics: outcome.diagnostics });
  if (outcome.plan.changes.length > 0) return fail(deps, review, { kind: 'no-reviewed-plan' });
  outputsFromPlan(deps.outputs, outcome.plan);
  deps.summary.add(
    `### idc-gitops apply · ${inlineCode(deps.inputs.config)}\n\n✅ Nothing to apply: AWS IAM Identity Center already matches the file, so this push needs no reviewed plan.`,
  );
  return OK;
}

/**
 * A push that changes no file the configuration reads has nothing to apply: succeed without
 * reading AWS (drift is the drift check's business, and a merge unrelated to access must not
 * fail as "no reviewed plan"). Undefined when the push did change one, or GitHub cannot tell.
 */
async function nothingChanged(deps: ModeDeps): Promise<ModeResult | undefined> {
  const { config } = deps.inputs;
  const check = await pushChanges({ github: deps.github, ctx: deps.ctx, config, filesRead: deps.filesRead });
  if (check.kind === 'unknown') {
    deps.io.info(`Applying as usual: could not tell which files the push changes (${shortText(check.why, 300)}).`);
    return undefined;
  }
  if (check.kind === 'changed') {
    deps.io.info(`The push changes ${check.files.map((f) => shortText(f)).join(', ')}: applying.`);
    return undefined;
  }
  deps.outputs.skipped = 'no-config-change';
  deps.summary.add(
    `### idc-gitops apply · ${inlineCode(config)}\n\n⏭️ Nothing to apply: this push changes neither ${inlineCode(config)} nor any file it reads (${filesReadPhrase(check.read)}), so AWS was not read.`,
  );
  deps.io.info(`Nothing to apply: the push changes none of the ${check.read.length} files ${config} reads; AWS not read.`);
  return OK;
}

export async function runApply(deps: ModeDeps): Promise<ModeResult> {
  const { force } = deps.inputs;
  const skipped = force ? undefined : await nothingChanged(deps);
  if (skipped) return skipped;
  const review = await findReview(deps);
  if (review.sticky?.header.status === 'applied' && !force) return checkAlreadyApplied(deps, review);
  if (!review.reviewedHash && !force) return withoutReview(deps, review);
  if (force) deps.io.warning('force: true — applying without requiring the reviewed plan, and overriding the safety checks.');

  await updateComment(deps, review, 'applying', review.reviewedHash ?? '', applyingBody(bodyContext(deps), review.reviewedHash));
  let outcome: ApplyOutcome;
  try {
    outcome = await deps.engine.apply(
      deps.inputs.config,
      { ...(await scopeRequest(deps, deps.ctx.payload.before)), ...(review.reviewedHash ? { expectedHash: review.reviewedHash } : {}), force },
      deps.progress,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The caller reports the error; the comment must not stay at "applying". If that update fails
    // too, say so (a warning) rather than leave a stale "applying" comment unexplained.
    await lastComment(
      deps,
      review,
      'failed',
      review.reviewedHash ?? '',
      applyFailedBody(bodyContext(deps), { kind: 'error', message }),
      'after the apply failed',
    );
    throw error;
  }
  return report(deps, review, outcome);
}
