/**
 * The report's rows: every (person, account, permission set) held in the AWS view or the file
 * view (see types.ts for the row model), with each path's source, drift and rules.
 */
import { assignmentKey, type PrincipalType } from '../model/assignment.js';
import { compareTuples, sortedStrings } from '../model/compare.js';
import type { GrantKey } from '../model/assignment.js';
import { effectiveAccess, type AccessState, type EffectiveAccess, type Holding } from '../plan/effective-access.js';
import type { ExpandedAssignment } from '../plan/expand.js';
import type { Plan } from '../plan/types.js';
import type { ReportPath, ReportRow, ReportSource } from './types.js';

export interface RowInputs {
  /** AWS as it is; absent offline. */
  aws?: { state: AccessState; plan: Plan };
  file: { state: AccessState; expanded: Map<string, ExpandedAssignment> };
  accountName(accountId: string): string;
}

/** Every (user, grant) a state gives someone: direct grants and those of each group they are in. */
function heldKeys(state: AccessState, out: Map<string, Set<GrantKey>>): void {
  const add = (user: string, keys: Iterable<GrantKey>): void => {
    const set = out.get(user) ?? new Set<GrantKey>();
    for (const k of keys) set.add(k);
    out.set(user, set);
  };
  for (const [principal, grants] of state.grants) {
    if (principal.startsWith('USER|')) add(principal.slice('USER|'.length), grants.keys());
    else for (const u of state.members.get(principal.slice('GROUP|'.length)) ?? []) add(u, grants.keys());
  }
}

/** What the next apply removes, from the plan: assignments, memberships, users and groups it deletes. */
function removals(plan: Plan): (user: string, group: string | undefined, grant: Pick<Holding, 'permissionSet' | 'accountId'>) => boolean {
  const assignments = new Set<string>();
  const memberships = new Set<string>();
  const users = new Set<string>();
  const groups = new Set<string>();
  for (const c of plan.changes) {
    if (c.action !== 'delete') continue;
    if (c.kind === 'assignment') assignments.add(assignmentKey(c.assignment));
    else if (c.kind === 'membership') memberships.add(`${c.group}|${c.user}`);
    else if (c.kind === 'user') users.add(c.userName);
    else if (c.kind === 'group') groups.add(c.displayName);
  }
  return (user, group, grant) => {
    if (users.has(user) || (group !== undefined && (groups.has(group) || memberships.has(`${group}|${user}`)))) return true;
    const principalType: PrincipalType = group === undefined ? 'USER' : 'GROUP';
    return assignments.has(assignmentKey({ permissionSet: grant.permissionSet, principalType, principal: group ?? user, accountId: grant.accountId }));
  };
}

function sourceOf(inAws: boolean, inFile: boolean, offline: boolean): ReportSource {
  if (offline) return 'file';
  if (inAws && inFile) return 'both';
  return inAws ? 'aws-only' : 'file-only';
}

export function reportRows(inputs: RowInputs): ReportRow[] {
  const offline = inputs.aws === undefined;
  const fileAccess = effectiveAccess(inputs.file.state);
  const awsAccess: EffectiveAccess | undefined = inputs.aws ? effectiveAccess(inputs.aws.state) : undefined;
  const removed = inputs.aws ? removals(inputs.aws.plan) : undefined;
  const keys = new Map<string, Set<GrantKey>>();
  heldKeys(inputs.file.state, keys);
  if (inputs.aws) heldKeys(inputs.aws.state, keys);

  const rows: ReportRow[] = [];
  for (const [user, grants] of keys) {
    for (const key of grants) {
      const inFile = fileAccess.holding(user, key);
      const inAws = awsAccess?.holding(user, key);
      const any = (inFile ?? inAws) as Holding;
      const path = (group: string | undefined, aws: boolean, file: boolean): ReportPath => {
        const principalType: PrincipalType = group === undefined ? 'USER' : 'GROUP';
        const expanded = file
          ? inputs.file.expanded.get(assignmentKey({ permissionSet: any.permissionSet, principalType, principal: group ?? user, accountId: any.accountId }))
          : undefined;
        const source = sourceOf(aws, file, offline);
        return {
          via: group === undefined ? 'direct' : 'group',
          ...(group !== undefined ? { group } : {}),
          source,
          ...(source === 'aws-only' && removed ? { drift: removed(user, group, any) } : {}),
          rules: (expanded?.rules ?? []).map((r) => ({ index: r.index, pos: { ...r.pos }, label: r.label })),
        };
      };
      const paths: ReportPath[] = [];
      if (inFile?.direct === true || inAws?.direct === true) paths.push(path(undefined, inAws?.direct === true, inFile?.direct === true));
      const groups = sortedStrings([...(inFile?.groups ?? []), ...(inAws?.groups ?? [])]);
      for (const g of groups) paths.push(path(g, inAws?.groups.includes(g) === true, inFile?.groups.includes(g) === true));
      rows.push({
        user,
        accountId: any.accountId,
        accountName: inputs.accountName(any.accountId),
        permissionSet: any.permissionSet,
        source: sourceOf(inAws !== undefined, inFile !== undefined, offline),
        paths,
      });
    }
  }
  return rows.sort((a, b) => compareTuples([a.user, a.accountId, a.permissionSet], [b.user, b.accountId, b.permissionSet]));
}
