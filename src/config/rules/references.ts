/**
 * Names used by assignment rules and `safety.protected` must be defined in this file, unless
 * that kind is `referenced` (it may exist in AWS) or the name is in `ownership.ignore`.
 */
import type { Diagnostic } from '../../model/source.js';
import { matchesAnyGlob } from '../../model/name-glob.js';
import { show } from '../describe.js';
import type { PathSegments } from '../source-map.js';
import { didYouMean } from '../../model/did-you-mean.js';
import type { Rule, RuleContext } from './context.js';
import { errorAt, rawObject } from './context.js';

export interface NameRef {
  name: string;
  segs: PathSegments;
}

/** The names under `singular` (one) and `plural` (a list) of a rule, with their paths. */
export function namesIn(item: Record<string, unknown>, segs: PathSegments, singular: string, plural: string): NameRef[] {
  const out: NameRef[] = [];
  const one = item[singular];
  if (typeof one === 'string') out.push({ name: one, segs: [...segs, singular] });
  const many = item[plural];
  if (Array.isArray(many)) {
    many.forEach((v: unknown, i) => {
      if (typeof v === 'string') out.push({ name: v, segs: [...segs, plural, i] });
    });
  }
  return out;
}

/** Every rule-like item: `assignments[i]` and `safety.protected[i]`. */
export function ruleItems(ctx: RuleContext): { item: Record<string, unknown>; segs: PathSegments }[] {
  const out: { item: Record<string, unknown>; segs: PathSegments }[] = [];
  const assignments = ctx.data['assignments'];
  if (Array.isArray(assignments))
    assignments.forEach((a: unknown, i) => {
      out.push({ item: rawObject(a), segs: ['assignments', i] });
    });
  const prot = rawObject(ctx.data['safety'])['protected'];
  if (Array.isArray(prot))
    prot.forEach((p: unknown, i) => {
      out.push({ item: rawObject(p), segs: ['safety', 'protected', i] });
    });
  return out;
}

export const undefinedReferences: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const { users, groups, permissionSets, ownership } = ctx.desired;
    for (const { item, segs } of ruleItems(ctx)) {
      for (const ref of namesIn(item, segs, 'permission_set', 'permission_sets')) {
        if (permissionSets[ref.name] !== undefined || ownership.permissionSets === 'referenced') continue;
        if (matchesAnyGlob(ref.name, ownership.ignore.permissionSets)) continue;
        const hint = didYouMean(ref.name, Object.keys(permissionSets));
        out.push(
          errorAt(
            ctx,
            ref.segs,
            `permission set ${show(ref.name)} is not defined${hint || ' in permission_sets: define it, or set ownership.permission_sets: referenced to assign sets made outside this file'}`,
          ),
        );
      }
      for (const ref of namesIn(item, segs, 'user', 'users')) {
        if (users[ref.name] !== undefined || ownership.users === 'referenced') continue;
        if (groups[ref.name] !== undefined) {
          out.push(errorAt(ctx, ref.segs, `${show(ref.name)} is a group, not a user: list it under groups`));
          continue;
        }
        const hint = didYouMean(ref.name, Object.keys(users));
        out.push(errorAt(ctx, ref.segs, `user ${show(ref.name)} is not defined${hint || ' in users: define it, or set ownership.users: referenced'}`));
      }
      for (const ref of namesIn(item, segs, 'group', 'groups')) {
        if (groups[ref.name] !== undefined || ownership.groups === 'referenced') continue;
        if (matchesAnyGlob(ref.name, ownership.ignore.groups)) continue;
        if (users[ref.name] !== undefined) {
          out.push(errorAt(ctx, ref.segs, `${show(ref.name)} is a user, not a group: list it under users`));
          continue;
        }
        const hint = didYouMean(ref.name, Object.keys(groups));
        out.push(errorAt(ctx, ref.segs, `group ${show(ref.name)} is not defined${hint || ' in groups: define it, or set ownership.groups: referenced'}`));
      }
    }
    return out;
  },
};
