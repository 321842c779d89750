/**
 * A local fake of the GitHub REST API (127.0.0.1, random port) for the Action's tests and the
 * end-to-end test that runs dist/index.js: it records and serves issue comments (paginated, with
 * Link headers like GitHub), answers pull request lookup by commit, the files a pull request
 * changes (paginated, at most 3,000) and comparisons of two commits (at most 300 files, 404 for
 * unknown refs), and who a token is the way
 * GitHub does: GET /user answers a personal token's user and 403 "Resource not accessible by
 * integration" for installation tokens (the workflow token, a GitHub App's token); GraphQL
 * `query { viewer { login } }` answers all three (`github-actions[bot]`, `SLUG[bot]`, the user).
 * Point GITHUB_API_URL at `url`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  issueNumber: number;
  owner: string;
  repo: string;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  created_at: string;
  updated_at: string;
}

export interface FakePull {
  owner: string;
  repo: string;
  number: number;
  state: 'open' | 'closed';
  merged_at: string | null;
  merge_commit_sha: string | null;
  /** Commits that GET /repos/{o}/{r}/commits/{sha}/pulls associates with this pull request. */
  commits: string[];
  /** What GET /repos/{o}/{r}/pulls/{n}/files lists (default: access.yaml modified). */
  files: FakeFile[];
}

/** A changed file as GitHub lists it (`previous_filename` for a rename). */
export interface FakeFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  previous_filename?: string;
}

export interface FakeComparison {
  status: 'ahead' | 'behind' | 'diverged' | 'identical';
  files: FakeFile[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeGitHubOptions {
  /** Tokens for which GET /user answers a login (a PAT); others get 403 like the workflow token. */
  users?: Record<string, string>;
  /** GitHub App installation tokens: token → App slug. Comments are by `SLUG[bot]`; GET /user 403. */
  apps?: Record<string, string>;
  /** Author of comments made with tokens not in `users`. Default `github-actions[bot]`. */
  botLogin?: string;
}

export interface FakeGitHub {
  /** Base URL, for GITHUB_API_URL (no trailing slash). */
  url: string;
  /** Every comment, in creation order (live: mutated by the server). */
  comments: FakeComment[];
  pulls: FakePull[];
  requests: RecordedRequest[];
  /** Comments on one issue or pull request. */
  commentsOn(issueNumber: number): FakeComment[];
  /** Adds a comment as if someone wrote it (e.g. a person, or another bot). */
  addComment(comment: { issueNumber: number; body: string; login?: string; owner?: string; repo?: string }): FakeComment;
  /** Registers a pull request (open, or merged with its merge commit). */
  addPull(pull: Partial<FakePull> & { number: number }): FakePull;
  /** Registers what GET /repos/{o}/{r}/compare/{base}...{head} answers (other refs: 404). */
  addComparison(base: string, head: string, comparison: FakeComparison): void;
  /** Marks a pull request merged with `sha` as its merge commit. */
  mergePull(number: number, sha: string): void;
  /** Requests with this method whose path matches. */
  requestsMatching(method: string, path: RegExp): RecordedRequest[];
  close(): Promise<void>;
}

/** GitHub's limits: pull request files list at most 3,000, a comparison at most 300 (see src/github/client.ts). */
const MAX_PULL_FILES = 3000;
const MAX_COMPARE_FILES = 300;

const DEFAULT_OWNER = 'acme';
const DEFAULT_REPO = 'access';

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const botLogin = options.botLogin ?? 'github-actions[bot]';
  const users = options.users ?? {};
  const apps = options.apps ?? {};
  /** Who a token writes as: the user of a personal token, `SLUG[bot]` for an App's, else the workflow bot. */
  const identity = (token: string): string => {
    const app = apps[token];
    return users[token] ?? (app ? `${app}[bot]` : botLogin);
  };
  const comments: FakeComment[] = [];
  const pulls: FakePull[] = [];
  const requests: RecordedRequest[] = [];
  const comparisons = new Map<string, FakeComparison>();
  let nextId = 1000;
  let url = '';
  const now = () => new Date().toISOString();

  function commentJson(c: FakeComment): Record<string, unknown> {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      body: c.body,
      user: { login: c.user.login, type: c.user.type, id: 1 },
      html_url: `https://github.example/${c.owner}/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
      url: `${url}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
      created_at: c.created_at,
      updated_at: c.updated_at,
    };
  }

  function fileJson(f: FakeFile): Record<string, unknown> {
    const sha = Buffer.from(f.filename).toString('hex').padEnd(40, '0').slice(0, 40);
    return {
      sha,
      filename: f.filename,
      status: f.status,
      additions: 1,
      deletions: f.status === 'added' ? 0 : 1,
      changes: f.status === 'added' ? 1 : 2,
      blob_url: `https://github.example/blob/${sha}/${f.filename}`,
      raw_url: `https://github.example/raw/${sha}/${f.filename}`,
      contents_url: `${url}/repos/contents/${f.filename}`,
      ...(f.previous_filename ? { previous_filename: f.previous_filename } : {}),
    };
  }

  /** One page of `all` (per_page default 30, at most 100), with GitHub's `Link: <…>; rel="next"`. */
  function sendPage(res: ServerResponse, path: string, query: Record<string, string>, all: unknown[]): void {
    const perPage = Math.min(Number(query['per_page'] ?? 30), 100);
    const page = Number(query['page'] ?? 1);
    const slice = all.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = {};
    if (page * perPage < all.length) {
      const next = new URL(`${url}${path}`);
      next.searchParams.set('per_page', String(perPage));
      next.searchParams.set('page', String(page + 1));
      headers['link'] = `<${next.toString()}>; rel="next"`;
    }
    send(res, 200, slice, headers);
  }

  function pullJson(p: FakePull): Record<string, unknown> {
    return {
      number: p.number,
      state: p.state,
      merged_at: p.merged_at,
      merge_commit_sha: p.merge_commit_sha,
      html_url: `https://github.example/${p.owner}/${p.repo}/pull/${p.number}`,
    };
  }

  function tokenOf(req: IncomingMessage): string | undefined {
    const auth = req.headers.authorization;
    return auth?.replace(/^(token|bearer)\s+/i, '');
  }

  function addComment(input: { issueNumber: number; body: string; login?: string; owner?: string; repo?: string }): FakeComment {
    const login = input.login ?? botLogin;
    const comment: FakeComment = {
      id: nextId++,
      issueNumber: input.issueNumber,
      owner: input.owner ?? DEFAULT_OWNER,
      repo: input.repo ?? DEFAULT_REPO,
      body: input.body,
      user: { login, type: login.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: now(),
      updated_at: now(),
    };
    comments.push(comment);
    return comment;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = parsed.pathname;
    const query = Object.fromEntries(parsed.searchParams);
    const body = await readBody(req);
    requests.push({ method: req.method ?? 'GET', path, query, authorization: req.headers.authorization, body });
    const token = tokenOf(req);
    if (!token) return send(res, 401, { message: 'Requires authentication' });
    const author = identity(token);
    let m: RegExpExecArray | null;

    if (req.method === 'GET' && path === '/user') {
      const login = users[token];
      // GitHub's answer to an installation token (seen in actions/create-github-app-token#258).
      return login
        ? send(res, 200, { login, type: 'User' })
        : send(res, 403, {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
            status: '403',
          });
    }

    if (req.method === 'POST' && path === '/graphql') {
      const query = (body as { query?: unknown } | undefined)?.query;
      if (typeof query === 'string' && /^\s*(query\s*)?\{\s*viewer\s*\{\s*login\s*\}\s*\}\s*$/.test(query)) {
        return send(res, 200, { data: { viewer: { login: author } } });
      }
      // GitHub answers an unknown query with 200 and `errors`.
      return send(res, 200, { errors: [{ message: `fake GitHub only answers query { viewer { login } }, not: ${String(query)}` }] });
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      const [, owner = '', repo = '', n = '0'] = m;
      const issueNumber = Number(n);
      if (req.method === 'GET') {
        const all = comments.filter((c) => c.owner === owner && c.repo === repo && c.issueNumber === issueNumber);
        return sendPage(res, path, query, all.map(commentJson));
      }
      if (req.method === 'POST') {
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string') return send(res, 422, { message: 'body is required' });
        if (text.length > 65_536) return send(res, 422, { message: 'Body is too long (maximum is 65536 characters)' });
        const comment = addComment({ issueNumber, body: text, login: author, owner, repo });
        return send(res, 201, commentJson(comment));
      }
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path))) {
      const [, owner, repo, id] = m;
      const comment = comments.find((c) => c.owner === owner && c.repo === repo && c.id === Number(id));
      if (!comment) return send(res, 404, { message: 'Not Found' });
      if (req.method === 'GET') return send(res, 200, commentJson(comment));
      if (req.method === 'PATCH') {
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string') return send(res, 422, { message: 'body is required' });
        if (text.length > 65_536) return send(res, 422, { message: 'Body is too long (maximum is 65536 characters)' });
        if (comment.user.login !== author) return send(res, 403, { message: 'Must have admin rights to Repository.' });
        comment.body = text;
        comment.updated_at = now();
        return send(res, 200, commentJson(comment));
      }
    }

    if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/pulls$/.exec(path))) {
      const [, owner, repo, sha] = m;
      const found = pulls.filter((p) => p.owner === owner && p.repo === repo && (p.commits.includes(sha ?? '') || p.merge_commit_sha === sha));
      return send(res, 200, found.map(pullJson));
    }

    if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/files$/.exec(path))) {
      const [, owner, repo, n] = m;
      const pull = pulls.find((p) => p.owner === owner && p.repo === repo && p.number === Number(n));
      if (!pull) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files' });
      // "Responses include a maximum of 3000 files": the rest are not listed.
      return sendPage(res, path, query, pull.files.slice(0, MAX_PULL_FILES).map(fileJson));
    }

    if (req.method === 'GET' && (m = /^\/repos\/([^/]+)\/([^/]+)\/compare\/(.+)$/.exec(path))) {
      const [, owner, repo, basehead = ''] = m;
      const comparison = owner === DEFAULT_OWNER && repo === DEFAULT_REPO ? comparisons.get(decodeURIComponent(basehead)) : undefined;
      // GitHub answers 404 "Not Found" when either ref is unknown.
      if (!comparison) return send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits' });
      const [base = '', head = ''] = decodeURIComponent(basehead).split('...');
      return send(res, 200, {
        url: `${url}${path}`,
        status: comparison.status,
        ahead_by: comparison.status === 'identical' ? 0 : 1,
        behind_by: 0,
        total_commits: comparison.status === 'identical' ? 0 : 1,
        base_commit: { sha: base },
        merge_base_commit: { sha: base },
        commits: [{ sha: head }],
        // The files are on the first page only, at most 300.
        files: Number(query['page'] ?? 1) === 1 ? comparison.files.slice(0, MAX_COMPARE_FILES).map(fileJson) : [],
      });
    }

    return send(res, 404, { message: `Not Found (fake GitHub has no ${req.method} ${path})` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    comments,
    pulls,
    requests,
    commentsOn: (n) => comments.filter((c) => c.issueNumber === n),
    addComment,
    addPull(pull) {
      const full: FakePull = {
        owner: DEFAULT_OWNER,
        repo: DEFAULT_REPO,
        state: 'open',
        merged_at: null,
        merge_commit_sha: null,
        commits: [],
        files: [{ filename: 'access.yaml', status: 'modified' }],
        ...pull,
      };
      pulls.push(full);
      return full;
    },
    addComparison(base, head, comparison) {
      comparisons.set(`${base}...${head}`, comparison);
    },
    mergePull(number, sha) {
      const pull = pulls.find((p) => p.number === number);
      if (!pull) throw new Error(`fake GitHub: no pull request #${number}`);
      pull.state = 'closed';
      pull.merged_at = now();
      pull.merge_commit_sha = sha;
      pull.commits.push(sha);
    },
    requestsMatching: (method, re) => requests.filter((r) => r.method === method && re.test(r.path)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
