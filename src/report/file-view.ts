/**
 * What access.yaml grants, as an access state: its rules expanded against the organization, and
 * the group members it gives. Groups the file does not own keep the members AWS has (the file
 * relies on them); offline, a group the file does not define has no known members.
 */
import type { Assignment } from '../model/assignment.js';
import type { Desired } from '../model/desired.js';
import type { Live } from '../model/live.js';
import type { Organization } from '../model/organization.js';
import type { Diagnostic } from '../model/source.js';
import { count } from '../model/plural.js';
import { planContext } from '../plan/context.js';
import { accessStateOf, type AccessState } from '../plan/effective-access.js';
import { expandRules, type ExpandedAssignment } from '../plan/expand.js';
import { ruleName } from '../plan/rule-label.js';
import { organizationFromFile, organizationNeed } from './offline-targets.js';
import { byName } from '../model/name-record.js';

export interface FileView {
  state: AccessState;
  /** The expanded assignments, by `assignmentKey`, with the rules that produce each. */
  expanded: Map<string, ExpandedAssignment>;
  diagnostics: Diagnostic[];
  /** What could not be expanded or attributed to people, one sentence each. */
  notes: string[];
}

/** Where the organization comes from: AWS (`aws` reports, or read offline), or nowhere (`error` says why). */
export type OrganizationSource = { organization: Organization } | { error: string };

/** `access.yaml:12` */
const at = (desired: Desired, index: number): string => {
  const rule = desired.rules.find((r) => r.index === index);
  return rule ? `${ruleName(index)} (${rule.pos.file}:${rule.pos.line})` : ruleName(index);
};

function expand(desired: Desired, org: OrganizationSource, now: Date): Pick<FileView, 'expanded' | 'diagnostics' | 'notes'> {
  if ('organization' in org) {
    const { assignments, diagnostics } = expandRules(desired, org.organization, now);
    return { expanded: assignments, diagnostics, notes: [] };
  }
  const skipped = desired.rules.filter((r) => organizationNeed(r, desired.accountAliases) !== undefined);
  const kept = desired.rules.filter((r) => !skipped.includes(r));
  const { assignments, diagnostics } = expandRules({ ...desired, rules: kept }, organizationFromFile(desired), now);
  const notes = skipped.map(
    (r) =>
      `${at(desired, r.index)} was not expanded: ${organizationNeed(r, desired.accountAliases) ?? ''}, and the organization could not be read (${org.error})`,
  );
  return { expanded: assignments, diagnostics, notes };
}

/** The members the file gives each group (see the module comment), and notes on groups it cannot. */
function fileMembers(desired: Desired, live: Live | undefined, granted: Set<string>): { members: Map<string, Set<string>>; notes: string[] } {
  const members = new Map<string, Set<string>>();
  const notes: string[] = [];
  const ctx = live ? planContext(desired, live) : undefined;
  const names = new Set([...Object.keys(desired.groups), ...Object.keys(live?.groups ?? {}), ...granted]);
  for (const g of names) {
    const own = byName(desired.groups, g);
    const owned = own !== undefined && (ctx === undefined || (ctx.groupsWritable && !ctx.ignoredGroup(g)));
    const fromAws = live ? byName(live.groups, g) : undefined;
    if (owned) members.set(g, new Set(own.members));
    else if (fromAws) members.set(g, new Set(fromAws.members));
    else if (own) members.set(g, new Set(own.members));
    else if (granted.has(g)) {
      notes.push(
        live
          ? `group ${g} does not exist in AWS and the file does not define it: nobody gets its access`
          : `group ${g} is not defined in the file: its members are not known offline, so nobody is listed for its access (run without --offline)`,
      );
    }
  }
  return { members, notes };
}

export function fileView(desired: Desired, org: OrganizationSource, live: Live | undefined, now: Date): FileView {
  const { expanded, diagnostics, notes } = expand(desired, org, now);
  const assignments: Assignment[] = [...expanded.values()].map((e) => e.assignment);
  const grantedGroups = new Set(assignments.filter((a) => a.principalType === 'GROUP').map((a) => a.principal));
  const m = fileMembers(desired, live, grantedGroups);
  const unresolved = live ? unresolvedMemberNotes(live) : [];
  return { state: accessStateOf(assignments, m.members), expanded, diagnostics, notes: [...notes, ...m.notes, ...unresolved] };
}

/** Members AWS could not name (e.g. not read with an external identity source) are not listed. */
function unresolvedMemberNotes(live: Live): string[] {
  const granted = new Set(live.assignments.filter((a) => a.principalType === 'GROUP').map((a) => a.principal));
  return Object.values(live.groups)
    .filter((g) => g.unresolvedMemberIds.length > 0 && granted.has(g.displayName))
    .map(
      (g) => `group ${g.displayName} has ${count(g.unresolvedMemberIds.length, 'member')} whose user name was not read: their access through it is not listed`,
    );
}
