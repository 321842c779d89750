/**
 * mode: plan — on a pull request: validate (annotations), plan, the sticky comment with the plan
 * hash, the full plan in the job summary. Pull requests from forks get no OIDC token: validate only.
 */
import type { Diagnostic } from '../model/source.js';
import type { Plan } from '../plan/types.js';
import { formatDiagnostic } from '../model/source.js';
import { annotate } from './annotations.js';
import { findStickyComment, resolveCommentAuthor, upsertStickyComment, type CommentTarget } from './comment.js';
import { invalidBody, plannedBody, planTitle } from './comment-body.js';
import { HEADER_VERSION, type CommentHeader } from './comment-header.js';
import { inlineCode } from '../render/escape.js';
import { bodyContext, failed, OK, type ModeDeps, type ModeResult } from './mode.js';
import { outputsFromPlan } from './outputs.js';
import { SUMMARY_PLAN_CHARS } from './summary.js';
import { invalidConfig, runValidate } from './run-validate.js';

export const FORK_NOTE =
  '**Plan skipped**: pull requests from forks get no OIDC token, so this run cannot read AWS IAM Identity Center; the file was only validated. A maintainer can push the branch to this repository (or open a pull request from a branch here) to get a plan, and review the change before merging.';
export const NO_TOKEN_NOTE =
  '**Plan skipped**: this job has no OIDC token (`ACTIONS_ID_TOKEN_REQUEST_URL` is not set), so it cannot assume `role-to-assume`; the file was only validated. Give the job `permissions: id-token: write`. Pull requests from forks never get a token: a maintainer can push the branch to this repository to get a plan.';

/** Where the sticky comment goes, or undefined when this run does not comment. */
async function commentTarget(deps: ModeDeps): Promise<CommentTarget | undefined> {
  const pr = deps.ctx.pullRequest;
  if (!pr || deps.inputs.comment === 'false') return undefined;
  return {
    repo: { owner: deps.ctx.owner, repo: deps.ctx.repo },
    issueNumber: pr.number,
    config: deps.inputs.config,
    author: await resolveCommentAuthor(deps.github),
  };
}

function header(deps: ModeDeps, planHash: string, status: CommentHeader['status']): CommentHeader {
  return { version: HEADER_VERSION, planHash, status, config: deps.inputs.config };
}

async function writeComment(deps: ModeDeps, head: CommentHeader, markdown: string, hasChanges: boolean): Promise<void> {
  const target = await commentTarget(deps);
  if (!target) return;
  const existing = await findStickyComment(deps.github, target);
  const create = deps.inputs.comment === 'true' || hasChanges;
  const result = await upsertStickyComment(deps.github, target, head, markdown, { create, existing });
  if (result.action === 'skipped') deps.io.info(`No pull request comment: ${result.reason} (comment: changes-only).`);
  else deps.io.info(`Pull request comment ${result.action}: ${result.comment.url ?? `#${result.comment.id}`}`);
}

/** Annotates the diagnostics not already annotated (plan repeats the file's warnings). */
function annotateNew(deps: ModeDeps, seen: readonly Diagnostic[], diagnostics: readonly Diagnostic[]): void {
  const known = new Set(seen.map(formatDiagnostic));
  annotate(deps.io, diagnostics.filter((d) => !known.has(formatDiagnostic(d))));
}

/**
 * A plan apply will refuse fails the plan step (`failure-reason: unsafe`), so that branch
 * protection requiring this check stops the merge; each refusal about a place in access.yaml is
 * annotated there. The comment and the summary say why, at the top.
 */
function refused(deps: ModeDeps, plan: Plan): ModeResult {
  const { refusals } = plan.safety;
  for (const r of refusals) {
    if (r.pos) deps.io.error(r.message, { file: r.pos.file, startLine: r.pos.line, startColumn: r.pos.col });
  }
  const codes = [...new Set(refusals.map((r) => r.code))].join(', ');
  const n = refusals.length;
  return failed(
    'unsafe',
    `Apply will refuse this plan: ${n} safety ${n === 1 ? 'check fails' : 'checks fail'} (${codes}); see the pull request comment or the job summary. Fix ${deps.inputs.config} before merging.`,
  );
}

export async function runPlan(deps: ModeDeps): Promise<ModeResult> {
  const pr = deps.ctx.pullRequest;
  if (pr?.fromFork) {
    deps.io.notice('Pull request from a fork: no OIDC token, so the plan is skipped and access.yaml is only validated.');
    return runValidate(deps, FORK_NOTE);
  }
  if (pr && deps.inputs.roleToAssume && !deps.ctx.oidcAvailable) {
    deps.io.warning('No OIDC token for this job (add `permissions: id-token: write`): the plan is skipped and access.yaml is only validated.');
    return runValidate(deps, NO_TOKEN_NOTE);
  }

  const validated = await deps.engine.validate(deps.inputs.config);
  annotate(deps.io, validated.diagnostics);
  if (!validated.ok) {
    await writeComment(deps, header(deps, '', 'failed'), invalidBody(bodyContext(deps), validated.diagnostics), true);
    return invalidConfig(deps, validated.diagnostics);
  }

  const outcome = await deps.engine.plan(deps.inputs.config, deps.progress);
  annotateNew(deps, validated.diagnostics, outcome.diagnostics);
  if (!outcome.ok) {
    await writeComment(deps, header(deps, '', 'failed'), invalidBody(bodyContext(deps), outcome.diagnostics), true);
    return invalidConfig(deps, outcome.diagnostics);
  }

  const { plan } = outcome;
  outputsFromPlan(deps.outputs, plan);
  const ctx = bodyContext(deps);
  deps.summary.add(
    [
      deps.render(plan, { maxChars: SUMMARY_PLAN_CHARS, title: planTitle(deps.inputs.config), ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}) }),
      `Plan hash: ${inlineCode(plan.hash)}`,
    ].join('\n\n'),
  );
  deps.io.info(`Plan ${plan.hash}: ${plan.counts.create} to create, ${plan.counts.update} to update, ${plan.counts.delete} to delete.`);
  await writeComment(deps, header(deps, plan.hash, 'planned'), plannedBody(ctx, plan), plan.changes.length > 0);
  return plan.safety.safe ? OK : refused(deps, plan);
}
