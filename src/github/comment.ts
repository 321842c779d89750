/**
 * The sticky pull request comment: one per pull request and config file, found by its hidden
 * header and its author, created once and then edited in place.
 */
import type { GitHubClient, IssueComment, RepoRef } from './client.js';
import { parseHeader, withHeader, type CommentHeader } from './comment-header.js';

/** GitHub refuses bodies over 65,536 characters; stay well below. */
export const MAX_COMMENT_CHARS = 60_000;
/** Who writes comments with the workflow token. */
export const WORKFLOW_TOKEN_AUTHOR = 'github-actions[bot]';

export interface CommentTarget {
  repo: RepoRef;
  issueNumber: number;
  /** Path of access.yaml: the header's `config`. */
  config: string;
  /** Login the comment must be written by (see {@link resolveCommentAuthor}). */
  author: string;
}

export interface StickyComment {
  comment: IssueComment;
  header: CommentHeader;
}

/**
 * The login the token writes comments as (the `comment-author` input, else asked of GitHub), or
 * the workflow bot when GitHub does not say. Only comments by this login are read: anyone can
 * paste our header into a comment of their own.
 */
export async function resolveCommentAuthor(client: GitHubClient): Promise<string> {
  return (await client.authorLogin()) ?? WORKFLOW_TOKEN_AUTHOR;
}

/** The first comment with our header for this config, written by the expected author. */
export async function findStickyComment(client: GitHubClient, target: CommentTarget): Promise<StickyComment | undefined> {
  const comments = await client.listIssueComments(target.repo, target.issueNumber);
  for (const comment of comments) {
    if (comment.author !== target.author) continue;
    const header = parseHeader(comment.body);
    if (header && header.config === target.config) return { comment, header };
  }
  return undefined;
}

/** Cuts a body to GitHub's limit, saying so at the end. */
export function fitComment(body: string, max = MAX_COMMENT_CHARS): string {
  if (body.length <= max) return body;
  const note = '\n\n… (cut to fit a comment: the full plan is in the job summary)\n';
  return body.slice(0, max - note.length) + note;
}

export type UpsertResult = { action: 'created' | 'updated'; comment: IssueComment } | { action: 'skipped'; reason: string };

/**
 * Writes the comment: edits the existing sticky comment, or creates one when `create` is true.
 * Pass `existing` when it was already looked up, even as undefined (none found): no second listing.
 */
export async function upsertStickyComment(
  client: GitHubClient,
  target: CommentTarget,
  header: CommentHeader,
  markdown: string,
  options: { create: boolean; existing?: StickyComment | undefined },
): Promise<UpsertResult> {
  const body = fitComment(withHeader(header, markdown));
  const existing = 'existing' in options ? options.existing : await findStickyComment(client, target);
  if (existing) {
    const comment = await client.updateIssueComment(target.repo, existing.comment.id, body);
    return { action: 'updated', comment };
  }
  if (!options.create) return { action: 'skipped', reason: 'no existing comment and nothing to report' };
  const comment = await client.createIssueComment(target.repo, target.issueNumber, body);
  return { action: 'created', comment };
}
