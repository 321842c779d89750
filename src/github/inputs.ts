/** Reads and checks the Action's inputs (action.yml), with errors that say how to fix them. */
import type { ActionIO } from './io.js';

export const MODES = ['auto', 'plan', 'apply', 'validate', 'drift', 'expire'] as const;
export type ModeInput = (typeof MODES)[number];
export type Mode = Exclude<ModeInput, 'auto'>;

export const COMMENT_MODES = ['true', 'changes-only', 'false'] as const;
export type CommentMode = (typeof COMMENT_MODES)[number];
export const SCOPES = ['auto', 'full'] as const;
export type ScopeInput = (typeof SCOPES)[number];

export interface ActionInputs {
  mode: ModeInput;
  /** Path of access.yaml, relative to the workspace. */
  config: string;
  roleToAssume?: string;
  awsRegion?: string;
  comment: CommentMode;
  force: boolean;
  /** `auto`: plans on pull requests and applies on merge read only what the change affects; `full`: everything. */
  scope: ScopeInput;
  githubToken: string;
  /** Login the github-token writes comments as, when given (else asked of GitHub). */
  commentAuthor?: string;
  /** Drift runs also write the access report (file, summary, `report-path` output). */
  report: boolean;
  /** Directory of the permission set name cache, as given (absent: the default, see src/github/name-cache.ts). */
  cacheDir?: string;
}

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
  }
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
/** A GitHub login (alphanumerics and single hyphens, at most 39), or an App's bot login `slug[bot]`. */
const LOGIN = /^[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}(\[bot\])?$/;

function oneOf<T extends string>(io: ActionIO, name: string, allowed: readonly T[], fallback: T): T {
  const raw = io.getInput(name).toLowerCase();
  if (raw === '') return fallback;
  const found = allowed.find((a) => a === raw);
  if (!found) {
    throw new InputError(name, `Input "${name}" is "${raw}": expected one of ${allowed.join(', ')}.`);
  }
  return found;
}

function bool(io: ActionIO, name: string, fallback: boolean): boolean {
  const raw = io.getInput(name).toLowerCase();
  if (raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new InputError(name, `Input "${name}" is "${raw}": expected true or false.`);
}

/** Reads every input; throws {@link InputError} naming the first bad one. */
export function readInputs(io: ActionIO): ActionInputs {
  const mode = oneOf(io, 'mode', MODES, 'auto');
  const comment = oneOf(io, 'comment', COMMENT_MODES, 'true');
  const force = bool(io, 'force', false);
  const report = bool(io, 'report', false);
  const scope = oneOf(io, 'scope', SCOPES, 'auto');
  const config = io.getInput('config') || 'access.yaml';
  const roleToAssume = io.getInput('role-to-assume');
  if (roleToAssume && !ROLE_ARN.test(roleToAssume)) {
    throw new InputError(
      'role-to-assume',
      `Input "role-to-assume" is "${roleToAssume}": expected a role ARN such as arn:aws:iam::111122223333:role/idc-gitops-plan.`,
    );
  }
  const awsRegion = io.getInput('aws-region');
  if (awsRegion && !REGION.test(awsRegion)) {
    throw new InputError('aws-region', `Input "aws-region" is "${awsRegion}": expected a region such as eu-west-1.`);
  }
  const githubToken = io.getInput('github-token');
  if (githubToken) io.setSecret(githubToken);
  const commentAuthor = io.getInput('comment-author');
  const cacheDir = io.getInput('cache-dir');
  if (commentAuthor && !LOGIN.test(commentAuthor)) {
    throw new InputError(
      'comment-author',
      `Input "comment-author" is "${commentAuthor}": expected a GitHub login such as my-app[bot] (a GitHub App) or octocat (a personal token), or leave it empty to ask GitHub.`,
    );
  }
  return {
    mode,
    config,
    ...(roleToAssume ? { roleToAssume } : {}),
    ...(awsRegion ? { awsRegion } : {}),
    comment,
    force,
    report,
    scope,
    githubToken,
    ...(commentAuthor ? { commentAuthor } : {}),
    ...(cacheDir ? { cacheDir } : {}),
  };
}
