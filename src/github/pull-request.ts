/** Finds the pull request a push to the default branch came from. */
import type { GitHubClient, PullRequestRef, RepoRef } from './client.js';

/**
 * The merged pull request whose merge commit is `sha` (merge, squash or rebase merge all set
 * merge_commit_sha to the commit on the base branch). Undefined for a direct push.
 */
export async function findMergedPullRequest(client: GitHubClient, repo: RepoRef, sha: string): Promise<PullRequestRef | undefined> {
  if (!sha) return undefined;
  const pulls = await client.listPullRequestsForCommit(repo, sha);
  return pulls.find((p) => p.mergedAt !== null && p.mergeCommitSha === sha);
}
