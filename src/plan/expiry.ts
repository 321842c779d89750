/**
 * Expiry: which live grants end only because their rules' `expires` passed, and the expiry-only
 * plan the `expire` mode applies (those removals and nothing else: no pending edit of the file, no
 * drift fix). Those removals were reviewed when the rule was merged, so they need no new review.
 */
import { assignmentKey } from '../model/assignment.js';
import type { Desired } from '../model/desired.js';
import type { Live } from '../model/live.js';
import type { Organization } from '../model/organization.js';
import { expandRules, type ExpandedAssignment } from './expand.js';
import type { Change } from './types.js';

/** Before every `expires`: nothing has expired yet. */
const BEFORE_ANY_EXPIRY = new Date(-8.64e15);

/** Every assignment some rule grants when expiry is ignored, by `assignmentKey`, with its rules. */
export function everGranted(desired: Desired, org: Organization): Map<string, ExpandedAssignment> {
  return expandRules(desired, org, BEFORE_ANY_EXPIRY).assignments;
}

/**
 * Assignments some rule grants when expiry is ignored but no rule grants at `now`, by
 * `assignmentKey`, each with the labels of the rules that granted it (each ends `until …`).
 */
export function expiredGrants(desired: Desired, org: Organization, now: Date): Map<string, string[]> {
  if (!desired.rules.some((r) => r.expires !== undefined)) return new Map();
  const ever = everGranted(desired, org);
  const current = expandRules(desired, org, now).assignments;
  const out = new Map<string, string[]>();
  for (const [key, e] of ever) {
    if (!current.has(key))
      out.set(
        key,
        e.rules.map((r) => `${r.label} has expired`),
      );
  }
  return out;
}

/** The changes of a full plan that expiry alone causes: deletes of assignments whose rules expired. */
export function expiryOnlyChanges(changes: readonly Change[], expired: ReadonlyMap<string, string[]>): Change[] {
  return changes.filter((c) => c.kind === 'assignment' && c.action === 'delete' && expired.has(assignmentKey(c.assignment)));
}

/** Group members as they are (the expiry-only plan changes no membership). */
export function liveMembers(live: Live): Map<string, Set<string>> {
  return new Map(Object.entries(live.groups).map(([name, g]) => [name, new Set(g.members)]));
}
