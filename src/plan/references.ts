/** Rules must name users, groups and permission sets that exist after the plan. */
import type { AssignmentRule } from '../model/desired.js';
import type { Diagnostic } from '../model/source.js';
import type { PlanContext } from './context.js';
import { diagnosticAt, positionOf } from './expand.js';
import { didYouMean } from '../model/did-you-mean.js';
import { hasName } from '../model/name-record.js';

export interface Universe {
  usersAfter: Set<string>;
  groupsAfter: Set<string>;
  setsAfter: Set<string>;
}

type Kind = 'user' | 'group' | 'permission set';

function missing(ctx: PlanContext, kind: Kind, name: string, after: Set<string>): string {
  const section = kind === 'user' ? 'users' : kind === 'group' ? 'groups' : 'permission_sets';
  const defined =
    kind === 'user' ? hasName(ctx.desired.users, name) : kind === 'group' ? hasName(ctx.desired.groups, name) : hasName(ctx.desired.permissionSets, name);
  if (defined) return `${kind} "${name}" cannot be assigned: it does not exist and this plan does not create it (see its definition)`;
  const live = kind === 'user' ? hasName(ctx.live.users, name) : kind === 'group' ? hasName(ctx.live.groups, name) : hasName(ctx.live.permissionSets, name);
  if (live) {
    return `${kind} "${name}" is not defined under ${section}:, so this plan deletes it (ownership.${section} is managed): define it, or stop assigning it`;
  }
  const where = kind === 'permission set' ? 'in Identity Center' : 'in the identity store';
  return `${kind} "${name}" is not defined under ${section}: and does not exist ${where}${didYouMean(name, after)}`;
}

/** Positions of a rule's permission set references: `permission_set` (one) or `permission_sets[i]`. */
function setPos(ctx: PlanContext, rule: AssignmentRule, i: number) {
  const d = ctx.desired;
  return (
    d.positions[`assignments[${rule.index}].permission_sets[${i}]`] ??
    (rule.permissionSets.length === 1 ? d.positions[`assignments[${rule.index}].permission_set`] : undefined) ??
    rule.pos
  );
}

/** Errors for rule references that will not resolve, at the position of each reference. */
export function checkRuleReferences(ctx: PlanContext, u: Universe): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of ctx.desired.rules) {
    rule.permissionSets.forEach((name, i) => {
      if (!u.setsAfter.has(name)) out.push(diagnosticAt(setPos(ctx, rule, i), 'error', missing(ctx, 'permission set', name, u.setsAfter)));
    });
    rule.users.forEach((name, i) => {
      if (!u.usersAfter.has(name)) {
        const pos = positionOf(ctx.desired, ['assignments', rule.index, 'users', i], rule.pos);
        out.push(diagnosticAt(pos, 'error', missing(ctx, 'user', name, u.usersAfter)));
      }
    });
    rule.groups.forEach((name, i) => {
      if (!u.groupsAfter.has(name)) {
        const pos = positionOf(ctx.desired, ['assignments', rule.index, 'groups', i], rule.pos);
        out.push(diagnosticAt(pos, 'error', missing(ctx, 'group', name, u.groupsAfter)));
      }
    });
  }
  return out;
}
