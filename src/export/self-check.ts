/**
 * Checks an export before it is handed over: the text loads without errors, and planning it
 * against the state it was exported from finds nothing to change. Pure: the same Live is used,
 * no second read.
 */
import { describeChange } from '../render/change-line.js';
import type { ConfigText } from '../config/include.js';
import { loadConfigText } from '../config/load.js';
import type { Live } from '../model/live.js';
import { formatDiagnostic } from '../model/source.js';
import { buildPlan } from '../plan/build-plan.js';

export interface SelfCheck {
  /** Errors of the loader or the planner, as `file:line:col: message`. */
  errors: string[];
  /** What a plan with the file would change (one line each). */
  changes: string[];
}

/** `included`: the files of a split export (named as the loader names them), checked with the root. */
export function selfCheck(yaml: string, live: Live, file: string, baseDir: string, now: Date = new Date(), included?: readonly ConfigText[]): SelfCheck {
  const loaded = loadConfigText(yaml, file, baseDir, included);
  const loadErrors = loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  if (!loaded.desired) return { errors: loadErrors, changes: [] };
  const { plan, diagnostics } = buildPlan(loaded.desired, live, { now });
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic),
    changes: plan.changes.map((c) => describeChange(c, plan.accountNames)),
  };
}
