/**
 * The Action, with every dependency injected: read inputs and the event, route to a mode, run
 * it, then write outputs and the job summary and fail the step when the mode failed.
 * `src/main.ts` passes the real engine, Octokit and @actions/core; tests pass fakes.
 */
import { baseFromGit } from './base.js';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Engine } from '../engine-contract.js';
import { capAnnotations } from './annotation-cap.js';
import { configFilesRead } from './changed-files.js';
import type { GitHubClient } from './client.js';
import { CredentialsError } from './credentials.js';
import { escapeMarkdown } from '../render/escape.js';
import { EventError, readRunContext, routeMode, type Env, type EventPayload, type RunContext } from './event.js';
import { InputError, readInputs, type ActionInputs, type Mode } from './inputs.js';
import type { ActionIO } from './io.js';
import type { ModeDeps, ModeResult } from './mode.js';
import { emptyOutputs, writeOutputs, type ActionOutputs, type FailureReason } from './outputs.js';
import { logProgress } from './progress-log.js';
import type { RenderPlanMarkdown } from './render.js';
import { runApply } from './run-apply.js';
import { runDrift } from './run-drift.js';
import { runExpire } from './run-expire.js';
import { runPlan } from './run-plan.js';
import { runValidate } from './run-validate.js';
import { SummaryBuilder } from './summary.js';

/** A dependency, or how to build it once the inputs and the event are known. */
export type Provide<T> = T | ((inputs: ActionInputs, ctx: RunContext) => T);

export interface ActionDeps {
  engine: Provide<Engine>;
  github: Provide<GitHubClient>;
  io: ActionIO;
  env: Env;
  renderPlanMarkdown: RenderPlanMarkdown;
  /** Where the config input is read from (the checkout); default: the working directory. */
  workspace?: string;
  /** Reads the event payload file (GITHUB_EVENT_PATH); defaults to the file system. */
  readEventFile?: (path: string) => Promise<string>;
}

export interface ActionResult {
  /** The mode that ran (undefined when the run failed before routing). */
  mode?: Mode;
  ok: boolean;
  failureReason: FailureReason | '';
  /** The failure message given to setFailed. */
  message?: string;
  outputs: ActionOutputs;
}

const MODES: Record<Mode, (deps: ModeDeps) => Promise<ModeResult>> = {
  validate: (deps) => runValidate(deps),
  plan: runPlan,
  apply: runApply,
  drift: runDrift,
  expire: runExpire,
};

function provide<T>(value: Provide<T>, inputs: ActionInputs, ctx: RunContext): T {
  return typeof value === 'function' ? (value as (inputs: ActionInputs, ctx: RunContext) => T)(inputs, ctx) : value;
}

async function readPayload(deps: ActionDeps): Promise<EventPayload> {
  const path = deps.env['GITHUB_EVENT_PATH'];
  if (!path) return {};
  let text: string;
  try {
    text = await (deps.readEventFile ?? ((p: string) => readFile(p, 'utf8')))(path);
  } catch (error) {
    throw new EventError(`Reading the event payload ${path} (GITHUB_EVENT_PATH): ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text) as EventPayload;
  } catch (error) {
    throw new EventError(`Parsing the event payload ${path} (GITHUB_EVENT_PATH) as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Why a thrown error failed the run, looking through `cause` (the SDK may wrap ours). */
function reasonOf(error: unknown): FailureReason {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof CredentialsError || (e instanceof Error && e.name === 'CredentialsError')) return 'credentials';
    if (e instanceof InputError || e instanceof EventError) return 'invalid-input';
  }
  return 'error';
}

export async function runAction(deps: ActionDeps): Promise<ActionResult> {
  // GitHub shows 10 error and 10 warning annotations per step: the rest go to the summary.
  const cap = capAnnotations(deps.io);
  const { io } = cap;
  const outputs = emptyOutputs();
  const summary = new SummaryBuilder();
  let mode: Mode | undefined;
  let result: ModeResult;
  try {
    const inputs = readInputs(io);
    const ctx = readRunContext(deps.env, await readPayload(deps));
    const route = routeMode(inputs.mode, ctx);
    mode = route.mode;
    io.info(`idc-gitops: ${route.mode} ${inputs.config} (${route.reason}).`);
    result = await MODES[route.mode]({
      engine: provide(deps.engine, inputs, ctx),
      github: provide(deps.github, inputs, ctx),
      io,
      inputs,
      ctx,
      render: deps.renderPlanMarkdown,
      progress: logProgress((line) => io.info(line)),
      summary,
      filesRead: (config) => configFilesRead(config, deps.workspace ?? process.cwd()),
      tempDir: deps.env['RUNNER_TEMP'] || tmpdir(),
      baseConfig: (sha) => baseFromGit(inputs.config, deps.workspace ?? process.cwd(), sha),
      outputs,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = { ok: false, reason: reasonOf(error), message };
    summary.add(`### ❌ idc-gitops failed\n\n${escapeMarkdown(message)}`);
  }

  outputs.failureReason = result.ok ? '' : result.reason;
  writeOutputs(io, outputs);
  cap.finish(summary, { failing: !result.ok });
  try {
    await summary.write(io);
  } catch (error) {
    io.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!result.ok) io.setFailed(result.message);
  return {
    ...(mode ? { mode } : {}),
    ok: result.ok,
    failureReason: outputs.failureReason,
    ...(result.ok ? {} : { message: result.message }),
    outputs,
  };
}
