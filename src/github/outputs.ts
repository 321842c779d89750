/** The Action's outputs (action.yml), always all set, once, at the end of the run. */
import type { Plan } from '../plan/types.js';
import type { ActionIO } from './io.js';

/**
 * Why the run failed, for `failure-reason` (empty when it did not). `unsafe`: the plan's safety
 * verdict refuses it — in plan mode, apply will refuse this plan (the step fails so that branch
 * protection stops the merge); in apply mode, apply refused it and changed nothing.
 */
export type FailureReason =
  | 'invalid-input'
  | 'invalid-config'
  | 'credentials'
  | 'plan-changed'
  | 'no-reviewed-plan'
  | 'unsafe'
  | 'apply-failed'
  | 'drift'
  | 'error';

/** Why the run stopped early, successfully, without reading AWS (`skipped`). */
export type SkipReason = 'no-config-change';

export interface ActionOutputs {
  hasChanges: boolean;
  creates: number;
  updates: number;
  deletes: number;
  planHash: string;
  failureReason: FailureReason | '';
  skipped: SkipReason | '';
  /** The access report's file (`report: true` on a drift run), else ''. */
  reportPath: string;
}

export function emptyOutputs(): ActionOutputs {
  return { hasChanges: false, creates: 0, updates: 0, deletes: 0, planHash: '', failureReason: '', skipped: '', reportPath: '' };
}

export function isEmptyPlanLike(plan: Plan): boolean {
  return plan.changes.length === 0;
}

/** Fills the plan fields of the outputs. */
export function outputsFromPlan(outputs: ActionOutputs, plan: Plan): void {
  outputs.hasChanges = !isEmptyPlanLike(plan);
  outputs.creates = plan.counts.create;
  outputs.updates = plan.counts.update;
  outputs.deletes = plan.counts.delete;
  outputs.planHash = plan.hash;
}

export function writeOutputs(io: ActionIO, outputs: ActionOutputs): void {
  io.setOutput('has-changes', String(outputs.hasChanges));
  io.setOutput('creates', String(outputs.creates));
  io.setOutput('updates', String(outputs.updates));
  io.setOutput('deletes', String(outputs.deletes));
  io.setOutput('plan-hash', outputs.planHash);
  io.setOutput('failure-reason', outputs.failureReason);
  io.setOutput('skipped', outputs.skipped);
  io.setOutput('report-path', outputs.reportPath);
}
