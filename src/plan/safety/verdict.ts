/**
 * The plan's safety verdict: every reason apply will refuse it, as data. Computed by the planner
 * (so `idc plan` and the pull request comment show it before merge) and read again by apply from
 * its own fresh plan. `safety.max_deletes` and `safety.protected` refusals may be overridden with
 * force; removing the access of the credentials running apply never may.
 */
import type { Desired } from '../../model/desired.js';
import type { Live } from '../../model/live.js';
import { accountNamesOf } from '../../model/organization.js';
import { formatDiagnostic, type Diagnostic } from '../../model/source.js';
import type { AccountIndex } from '../accounts.js';
import type { Universe } from '../references.js';
import { compareStrings } from '../../model/compare.js';
import type { Change, SafetyRefusal, SafetyVerdict } from '../types.js';
import { checkMaxDeletes } from './max-deletes.js';
import { checkProtected } from './protected-assignments.js';
import { checkSelfLockout } from './self-lockout.js';

export { parseSsoCaller } from './self-lockout.js';

export interface VerdictInput {
  desired: Desired;
  live: Live;
  accounts: AccountIndex;
  /** Users, groups and permission sets that exist after the plan. */
  universe: Universe;
  changes: readonly Change[];
  /** Account ID → name of the accounts the plan mentions. */
  accountNames: Record<string, string>;
}

/**
 * The verdict of a plan, and the errors of `safety.protected` entries whose accounts do not
 * resolve or whose names will not exist. A plan without changes is safe: apply has nothing to refuse.
 */
export function safetyVerdict(input: VerdictInput): { verdict: SafetyVerdict; diagnostics: Diagnostic[] } {
  const { desired, live, accounts, universe, changes } = input;
  const names = accountNamesOf(live.organization, input.accountNames);

  const prot = checkProtected(changes, names, desired, live, accounts, universe);
  if (changes.length === 0) return { verdict: { safe: true, refusals: [] }, diagnostics: prot.diagnostics };
  const refusals = sortRefusals([
    ...checkMaxDeletes(changes, desired.safety.maxDeletes, live, desired.positions['safety.max_deletes']),
    ...prot.refusals,
    ...checkSelfLockout(changes, names, live),
  ]);
  return { verdict: { safe: refusals.length === 0, refusals }, diagnostics: prot.diagnostics };
}

function sortRefusals(refusals: SafetyRefusal[]): SafetyRefusal[] {
  return refusals.sort((a, b) => compareStrings(a.code, b.code) || compareStrings(a.message, b.message));
}

/** The refusals apply acts on: all of them, or with force only those force cannot override. */
export function blockingRefusals(verdict: SafetyVerdict, force: boolean): SafetyRefusal[] {
  return force ? verdict.refusals.filter((r) => !r.forceOverrides) : verdict.refusals;
}

/** One line: `access.yaml:12:7: message` when the refusal is about a place in the file. */
export function refusalLine(refusal: SafetyRefusal): string {
  return refusal.pos ? formatDiagnostic({ ...refusal.pos, severity: 'error', message: refusal.message }) : refusal.message;
}
