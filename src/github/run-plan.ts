/**
 * mode: plan — on a pull request: validate (annotations), plan, the sticky comment with the plan
 * hash, the full plan in the job summary. Pull requests from forks get no OIDC token: validate only.
 */
import { scopeRequest } from './base.js';
import type { Diagnostic } from '../model/source.js';
import type { Plan } from '../plan/types.js';
import { formatDiagnostic } from '../model/source.js';
import { annotate } from './annotations.js';
import { filesReadPhrase, pullRequestChanges } from './changed-files.js';
import { findStickyComment, fitComment, resolveCommentAuthor, upsertStickyComment, type CommentTarget } from './comment.js';
import { invalidBody, plannedBody, planTitle } from './comment-body.js';
import { HEADER_VERSION, withHeader, type CommentHeader } from './comment-header.js';
import { inlineCode, shortText } from '../render/escape.js';
import { bodyContext, failed, OK, type ModeDeps, type ModeResult } from './mode.js';
import { outputsFromPlan } from './outputs.js';
import { SUMMARY_PLAN_CHARS } from './summary.js';
import { invalidConfig, runValidate } from './run-validate.js';
import { count, noun } from '../model/plural.js';

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
  annotate(
    deps.io,
    diagnostics.filter((d) => !known.has(formatDiagnostic(d))),
  );
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
    `Apply will refuse this plan: ${count(n, 'safety check')} ${noun(n, 'fails', 'fail')} (${codes}); see the pull request comment or the job summary. Fix ${deps.inputs.config} before merging.`,
  );
}

export function noConfigChangeBody(config: string, read: readonly string[]): string {
  return [
    `### idc-gitops plan · ${inlineCode(config)}`,
    `⏭️ **Nothing to plan**: this pull request no longer changes ${inlineCode(config)} or any file it reads (${filesReadPhrase(read)}), so AWS was not read and merging it changes no access. An earlier plan shown here no longer applies.`,
  ].join('\n\n');
}

/**
 * No file the configuration reads changed: succeed without reading AWS (a required check still
 * reports). No comment is posted; an existing one (from an earlier push that did change the
 * configuration) is replaced, so no stale plan stays on the pull request, and it holds no plan
 * hash, so a merge is not applied against it.
 */
async function nothingToPlan(deps: ModeDeps, read: readonly string[]): Promise<ModeResult> {
  const { config } = deps.inputs;
  deps.outputs.skipped = 'no-config-change';
  deps.summary.add(
    `### idc-gitops plan · ${inlineCode(config)}\n\n⏭️ Nothing to plan: this pull request changes neither ${inlineCode(config)} nor any file it reads (${filesReadPhrase(read)}), so AWS was not read.`,
  );
  deps.io.info(
    `Nothing to plan: the pull request changes none of the ${read.length} files ${config} reads (${read.map((f) => shortText(f)).join(', ')}); AWS not read.`,
  );
  const target = await commentTarget(deps);
  if (!target) return OK;
  const existing = await findStickyComment(deps.github, target);
  if (!existing) return OK;
  const head = header(deps, '', 'planned');
  const markdown = noConfigChangeBody(config, read);
  if (existing.comment.body === fitComment(withHeader(head, markdown))) return OK;
  const result = await upsertStickyComment(deps.github, target, head, markdown, { create: false, existing });
  if (result.action !== 'skipped') deps.io.info(`Pull request comment ${result.action}: no longer changes the configuration.`);
  return OK;
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
  if (pr) {
    const check = await pullRequestChanges({ github: deps.github, ctx: deps.ctx, config: deps.inputs.config, filesRead: deps.filesRead });
    if (check.kind === 'unchanged') return nothingToPlan(deps, check.read);
    if (check.kind === 'unknown') deps.io.info(`Planning: could not tell which files the pull request changes (${shortText(check.why, 300)}).`);
    else deps.io.info(`The pull request changes ${check.files.map((f) => shortText(f)).join(', ')}: planning.`);
  }

  const validated = await deps.engine.validate(deps.inputs.config);
  annotate(deps.io, validated.diagnostics);
  if (!validated.ok) {
    await writeComment(deps, header(deps, '', 'failed'), invalidBody(bodyContext(deps), validated.diagnostics), true);
    return invalidConfig(deps, validated.diagnostics);
  }

  const outcome = await deps.engine.plan(deps.inputs.config, deps.progress, await scopeRequest(deps, deps.ctx.payload.pull_request?.base?.sha));
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
