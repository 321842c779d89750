/**
 * The GitHub REST calls the Action makes, as a narrow interface, and its implementation over
 * the Octokit from `@actions/github` (which honours GITHUB_API_URL for GitHub Enterprise and for
 * the tests' fake server).
 */
import { getOctokit } from '@actions/github';

export interface IssueComment {
  id: number;
  body: string;
  /** Login of the author, e.g. `github-actions[bot]`. */
  author: string;
  url?: string;
}

export interface PullRequestRef {
  number: number;
  state: string;
  mergedAt: string | null;
  mergeCommitSha: string | null;
}

/** A file a pull request or a comparison changes (`filename`, and `previous_filename` for a rename). */
export interface ChangedFile {
  filename: string;
  /** added, removed, modified, renamed, copied, changed, unchanged. */
  status: string;
  previousFilename?: string;
}

export interface Comparison {
  /** ahead, behind, diverged or identical: how `head` relates to `base`. */
  status: string;
  files: ChangedFile[];
}

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface GitHubClient {
  /**
   * Login the token writes comments as: the `comment-author` input when given, else asked of
   * GitHub; undefined when GitHub does not say.
   */
  authorLogin(): Promise<string | undefined>;
  /** Every comment of an issue or pull request, all pages. */
  listIssueComments(repo: RepoRef, issueNumber: number): Promise<IssueComment[]>;
  createIssueComment(repo: RepoRef, issueNumber: number, body: string): Promise<IssueComment>;
  updateIssueComment(repo: RepoRef, commentId: number, body: string): Promise<IssueComment>;
  /** Pull requests associated with a commit (GET /repos/{owner}/{repo}/commits/{sha}/pulls). */
  listPullRequestsForCommit(repo: RepoRef, sha: string): Promise<PullRequestRef[]>;
  /**
   * The files a pull request changes, all pages (GET /repos/{owner}/{repo}/pulls/{number}/files).
   * GitHub lists at most {@link MAX_PULL_REQUEST_FILES}.
   */
  listPullRequestFiles(repo: RepoRef, pullNumber: number): Promise<ChangedFile[]>;
  /**
   * `base...head` (GET /repos/{owner}/{repo}/compare/{base}...{head}): the files changed between
   * their merge base and `head`, at most {@link MAX_COMPARE_FILES}.
   */
  compareCommits(repo: RepoRef, base: string, head: string): Promise<Comparison>;
}

/**
 * "Responses include a maximum of 3000 files" — GitHub REST, List pull requests files
 * (https://docs.github.com/rest/pulls/pulls#list-pull-requests-files). A list this long may be cut.
 */
export const MAX_PULL_REQUEST_FILES = 3000;
/**
 * Compare two commits lists at most 300 changed files, on the first page only
 * (https://docs.github.com/rest/commits/commits#compare-two-commits; seen in
 * jitterbit/get-changed-files#49). A list this long may be cut.
 */
export const MAX_COMPARE_FILES = 300;

type Octokit = ReturnType<typeof getOctokit>;

interface RawComment {
  id: number;
  body?: string | null;
  user?: { login?: string } | null;
  html_url?: string;
}

function toComment(raw: RawComment): IssueComment {
  return {
    id: raw.id,
    body: raw.body ?? '',
    author: raw.user?.login ?? '',
    ...(raw.html_url ? { url: raw.html_url } : {}),
  };
}

function toChangedFile(raw: { filename: string; status: string; previous_filename?: string | undefined }): ChangedFile {
  return { filename: raw.filename, status: raw.status, ...(raw.previous_filename ? { previousFilename: raw.previous_filename } : {}) };
}

function status(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}

/** 401/403/404: the token may not ask (not a failure of GitHub). */
function isRefused(error: unknown): boolean {
  const code = status(error);
  return code === 401 || code === 403 || code === 404;
}

/** Wraps an error with what was being done, keeping GitHub's message and status. */
function wrap(doing: string, error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const code = status(error);
  const hint =
    code === 403 || code === 404
      ? ' Check the workflow grants `permissions: pull-requests: write` (and `contents: read`), and that the github-token input can see this repository.'
      : '';
  return new Error(`${doing}: GitHub answered ${code ?? 'with an error'}: ${message}.${hint}`, { cause: error });
}

export function octokitClient(octokit: Octokit): GitHubClient {
  return {
    async authorLogin() {
      // GraphQL `viewer` answers for every kind of token: the user for a personal token,
      // `APP-SLUG[bot]` for a GitHub App installation token, `github-actions[bot]` for the
      // workflow token. REST `GET /user` answers 403 "Resource not accessible by integration"
      // for installation tokens (the workflow token is one), and `GET /app` needs the App's JWT.
      // Sources: https://docs.github.com/en/graphql/reference/queries#viewer,
      // https://github.com/joshjohanning/bulk-github-repo-settings-sync-action/pull/194,
      // https://github.com/fullsend-ai/fullsend/pull/1953 (viewer returns `…[bot]` for App tokens).
      try {
        const data = await octokit.graphql<{ viewer?: { login?: string } | null }>('query { viewer { login } }');
        const login = data.viewer?.login;
        if (login) return login;
      } catch (error) {
        if (status(error) !== undefined && !isRefused(error)) throw wrap('Finding who the github-token belongs to (GraphQL viewer)', error);
        // Refused, or a GraphQL error (GitHub answers those with 200 and `errors`): try REST.
      }
      try {
        const { data } = await octokit.rest.users.getAuthenticated();
        return data.login;
      } catch (error) {
        if (isRefused(error)) return undefined;
        throw wrap('Finding who the github-token belongs to (GET /user)', error);
      }
    },
    async listIssueComments({ owner, repo }, issueNumber) {
      try {
        const all = await octokit.paginate(octokit.rest.issues.listComments, {
          owner,
          repo,
          issue_number: issueNumber,
          per_page: 100,
        });
        return all.map((c) => toComment(c));
      } catch (error) {
        throw wrap(`Listing the comments of ${owner}/${repo}#${issueNumber}`, error);
      }
    },
    async createIssueComment({ owner, repo }, issueNumber, body) {
      try {
        const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body });
        return toComment(data);
      } catch (error) {
        throw wrap(`Commenting on ${owner}/${repo}#${issueNumber}`, error);
      }
    },
    async updateIssueComment({ owner, repo }, commentId, body) {
      try {
        const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: commentId, body });
        return toComment(data);
      } catch (error) {
        throw wrap(`Updating comment ${commentId} in ${owner}/${repo}`, error);
      }
    },
    async listPullRequestsForCommit({ owner, repo }, sha) {
      try {
        const all = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
          owner,
          repo,
          commit_sha: sha,
          per_page: 100,
        });
        return all.map((p) => ({
          number: p.number,
          state: p.state,
          mergedAt: p.merged_at ?? null,
          mergeCommitSha: p.merge_commit_sha ?? null,
        }));
      } catch (error) {
        throw wrap(`Finding the pull request merged as ${sha.slice(0, 12)} in ${owner}/${repo}`, error);
      }
    },
    async listPullRequestFiles({ owner, repo }, pullNumber) {
      try {
        const all = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
        return all.map(toChangedFile);
      } catch (error) {
        throw wrap(`Listing the files ${owner}/${repo}#${pullNumber} changes`, error);
      }
    },
    async compareCommits({ owner, repo }, base, head) {
      try {
        // One page: the files are listed on the first page only.
        const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1 });
        return { status: data.status, files: (data.files ?? []).map(toChangedFile) };
      } catch (error) {
        throw wrap(`Comparing ${base.slice(0, 12)}...${head.slice(0, 12)} in ${owner}/${repo}`, error);
      }
    },
  };
}

/** The real client: token from the github-token input, API URL from GITHUB_API_URL. */
export function createGitHubClient(token: string, apiUrl: string | undefined, options: { commentAuthor?: string | undefined } = {}): GitHubClient {
  if (!token) {
    const missing = async (): Promise<never> => {
      throw new Error('Calling the GitHub API: the github-token input is empty. Leave it at its default (${{ github.token }}) or pass a token.');
    };
    return {
      authorLogin: missing,
      listIssueComments: missing,
      createIssueComment: missing,
      updateIssueComment: missing,
      listPullRequestsForCommit: missing,
      listPullRequestFiles: missing,
      compareCommits: missing,
    };
  }
  const client = octokitClient(getOctokit(token, { baseUrl: apiUrl || 'https://api.github.com' }));
  const configured = options.commentAuthor;
  return configured ? { ...client, authorLogin: async () => configured } : client;
}
