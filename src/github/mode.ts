/** What each mode (validate, plan, apply, drift) is given, and what it returns. */
import type { BaseConfig } from '../engine-contract.js';
import type { Engine } from '../engine-contract.js';
import type { Progress } from '../progress/progress.js';
import type { ConfigReads } from './changed-files.js';
import type { GitHubClient } from './client.js';
import type { BodyContext } from './comment-body.js';
import type { RunContext } from './event.js';
import type { ActionInputs } from './inputs.js';
import type { ActionIO } from './io.js';
import type { ActionOutputs, FailureReason } from './outputs.js';
import type { RenderPlanMarkdown } from './render.js';
import type { SummaryBuilder } from './summary.js';

export interface ModeDeps {
  engine: Engine;
  github: GitHubClient;
  io: ActionIO;
  inputs: ActionInputs;
  ctx: RunContext;
  render: RenderPlanMarkdown;
  progress: Progress;
  summary: SummaryBuilder;
  /** The files the config reads and its include globs, relative to the repository root (see changed-files.ts). */
  filesRead: (config: string) => Promise<ConfigReads>;
  /** Where the run may write files for later steps (RUNNER_TEMP), e.g. the access report. */
  tempDir: string;
  /** Reads the configuration at a commit, for scoped plans (absent: plans are full). */
  baseConfig?: (sha: string | undefined) => Promise<BaseConfig>;
  /** Filled in by the mode; written once at the end. */
  outputs: ActionOutputs;
}

export type ModeResult = { ok: true } | { ok: false; reason: FailureReason; message: string };

export const OK: ModeResult = { ok: true };

export function failed(reason: FailureReason, message: string): ModeResult {
  return { ok: false, reason, message };
}

export function bodyContext(deps: ModeDeps): BodyContext {
  return {
    config: deps.inputs.config,
    render: deps.render,
    ...(deps.ctx.runUrl ? { runUrl: deps.ctx.runUrl } : {}),
  };
}
