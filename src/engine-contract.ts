/**
 * The engine's calls (validate, read, plan, apply), as every entry point (CLI, Action, demo, benchmarks) sees them.
 * Implemented in `engine.ts`; the Action takes this interface so its tests can pass a fake.
 */
import type { ApplyReport } from './apply/types.js';
import type { Desired } from './model/desired.js';
import type { Live } from './model/live.js';
import type { Organization } from './model/organization.js';
import type { Diagnostic } from './model/source.js';
import type { Plan } from './plan/types.js';
import type { Progress } from './progress/progress.js';

export interface ValidateOutcome {
  ok: boolean;
  /** Every problem found, sorted by position. */
  diagnostics: Diagnostic[];
  /** One line, e.g. `access.yaml: 1 user, 0 groups, 2 permission sets, 2 assignment rules`. */
  summary: string;
  desired?: Desired;
}

export type PlanOutcome = { ok: true; plan: Plan; desired: Desired; live: Live; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

/**
 * A scoped plan's base: the configuration the change is computed against (loaded by the same
 * loader), or why it could not be read (the plan is then full and says why).
 */
export type BaseConfig = { desired: Desired; label: string } | { unavailable: string };

export interface PlanRequest {
  /** Plan only what the change from this base can affect; absent: the full plan. */
  base?: BaseConfig;
}

export interface ApplyRequest extends PlanRequest {
  /** Refuse unless the fresh plan's hash equals this one (the reviewed plan). */
  expectedHash?: string;
  /** Override safety.max_deletes / safety.protected refusals and plan-hash mismatches
   * (never the refusal to remove the caller's own access). */
  force?: boolean;
  /**
   * Asked with the fresh plan once it passed every check, before anything is changed
   * (the CLI prints the plan and asks on a TTY); false cancels.
   */
  confirm?: (plan: Plan) => Promise<boolean>;
  /** Plan and apply only the removals that expiry causes (the `expire` mode; see plan/expiry.ts). */
  expiryOnly?: boolean;
}

export interface PlanRequest {
  /** Only the removals that expiry causes (the `expire` mode). */
  expiryOnly?: boolean;
}

export type ApplyOutcome =
  | { status: 'invalid'; diagnostics: Diagnostic[] }
  | { status: 'nothing-to-do'; plan: Plan }
  | { status: 'plan-changed'; plan: Plan; expectedHash: string }
  | { status: 'unsafe'; plan: Plan; reasons: string[] }
  | { status: 'cancelled'; plan: Plan }
  | {
      status: 'applied';
      plan: Plan;
      report: ApplyReport;
      /** The plan read again after apply: empty when everything converged. */
      remaining: Plan;
      /** The AWS access portal URL new users sign in at. */
      startUrl: string;
    }
  | {
      /** Apply ran (the report says what it did), but reading the state again afterwards failed. */
      status: 'applied-unchecked';
      plan: Plan;
      report: ApplyReport;
      /** Why the read after apply failed (one line, what to do included). */
      recheckError: string;
    };

export interface Engine {
  validate(configPath: string): Promise<ValidateOutcome>;
  /** Reads the live state the way a plan of `desired` would (used by `idc export`). */
  read(desired: Desired, progress: Progress): Promise<Live>;
  /**
   * Reads only the organization (accounts, and the OU tree and tags when the file's rules need
   * them), no Identity Center call: `idc report --offline`.
   */
  readOrganization(desired: Desired, progress: Progress): Promise<Organization>;
  plan(configPath: string, progress: Progress, request?: PlanRequest): Promise<PlanOutcome>;
  apply(configPath: string, request: ApplyRequest, progress: Progress): Promise<ApplyOutcome>;
}
