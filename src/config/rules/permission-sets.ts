/** Permission sets: session duration range, policy counts, duplicate and unknown managed policies. */
import schemaJson from '../../../schema/access.schema.json' with { type: 'json' };
import type { Diagnostic } from '../../model/source.js';
import { isAwsManagedPolicy, managedPolicyKey, suggestManagedPolicy } from '../catalogue/managed-policies.js';
import { describeThing } from '../describe.js';
import { durationMinutes, formatDuration, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES } from '../../model/duration.js';
import { managedPolicyArn } from '../normalise.js';
import type { Rule, RuleContext } from './context.js';
import { errorAt, errorAtKey, rawObject } from './context.js';

/** Most managed + customer-managed policies on one permission set. */
export const MAX_ATTACHED_POLICIES = 20;

export const sessionDurationRange: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const sets = rawObject(ctx.data['permission_sets']);
    for (const name of Object.keys(sets)) {
      const written = rawObject(sets[name])['session_duration'];
      if (typeof written !== 'string') continue;
      const minutes = durationMinutes(written);
      if (minutes === undefined || (minutes >= MIN_SESSION_MINUTES && minutes <= MAX_SESSION_MINUTES)) continue;
      const canonical = formatDuration(minutes);
      out.push(
        errorAt(
          ctx,
          ['permission_sets', name, 'session_duration'],
          `session_duration of ${describeThing(['permission_sets', name])} must be from PT1H to PT12H (got "${written}"${canonical === written ? '' : `, which is ${canonical}`})`,
        ),
      );
    }
    return out;
  },
};

export const attachedPolicyCount: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const set of Object.values(ctx.desired.permissionSets)) {
      const managed = set.managedPolicies.length;
      const customer = set.customerManagedPolicies.length;
      if (managed + customer <= MAX_ATTACHED_POLICIES) continue;
      out.push(
        errorAtKey(
          ctx,
          ['permission_sets', set.name],
          `${describeThing(['permission_sets', set.name])} attaches ${managed + customer} policies (${managed} managed + ${customer} customer-managed): Identity Center allows at most ${MAX_ATTACHED_POLICIES} together; merge policies or split the permission set`,
        ),
      );
    }
    return out;
  },
};

/** `ReadOnlyAccess` and `arn:aws:iam::aws:policy/ReadOnlyAccess` are the same policy. */
export const duplicateManagedPolicies: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const sets = rawObject(ctx.data['permission_sets']);
    for (const name of Object.keys(sets)) {
      const list = rawObject(sets[name])['managed_policies'];
      if (!Array.isArray(list)) continue;
      // Normalising kept each ARN once: as many ARNs as names written means none is named twice
      // (and spares the Map below, costly per entry for a list of 40,000).
      if (ctx.desired.permissionSets[name]?.managedPolicies.length === list.filter((item) => typeof item === 'string').length) continue;
      const seen = new Map<string, string>();
      list.forEach((item: unknown, i) => {
        if (typeof item !== 'string') return;
        const arn = managedPolicyArn(item);
        const first = seen.get(arn);
        if (first === undefined) seen.set(arn, item);
        else if (first !== item) {
          out.push(
            errorAt(
              ctx,
              ['permission_sets', name, 'managed_policies', i],
              `managed_policies of ${describeThing(['permission_sets', name])} lists ${arn} twice ("${first}" and "${item}"): remove one`,
            ),
          );
        }
      });
    }
    return out;
  },
};

/** The schema's shape of an AWS managed policy: values it rejects are reported by the schema. */
const MANAGED_POLICY_SHAPE = managedPolicyShape();

function managedPolicyShape(): RegExp {
  const pattern = schemaJson.definitions.awsManagedPolicy.allOf.map((part) => part.pattern).find((p) => p !== undefined);
  if (pattern === undefined) throw new Error('schema/access.schema.json: definitions.awsManagedPolicy has no pattern');
  return new RegExp(pattern);
}

/** ` (did you mean "…"?)` in the form it was written: a name, a path and name, or an ARN. */
function managedSuggestion(written: string, key: string): string {
  const near = suggestManagedPolicy(key);
  if (near === undefined) return '';
  return ` (did you mean "${written.startsWith('arn:') ? `arn:aws:iam::aws:policy/${near}` : near}"?)`;
}

/**
 * Every AWS managed policy named in `managed_policies` and `permissions_boundary.managed_policy`
 * is in the catalogue of AWS managed policies (AWS refuses an unknown one only at apply).
 */
export const knownManagedPolicies: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const sets = rawObject(ctx.data['permission_sets']);
    const check = (segs: (string | number)[], written: unknown, field: string, setName: string): void => {
      if (typeof written !== 'string' || !MANAGED_POLICY_SHAPE.test(written)) return;
      const key = managedPolicyKey(written);
      if (key === undefined || isAwsManagedPolicy(key)) return;
      out.push(
        errorAt(
          ctx,
          segs,
          `${field} of ${describeThing(['permission_sets', setName])}: "${written}" is not an AWS managed policy${managedSuggestion(written, key)}`,
        ),
      );
    };
    for (const name of Object.keys(sets)) {
      const set = rawObject(sets[name]);
      const list = set['managed_policies'];
      // A list over Identity Center's limit is already an error (max-attached-policies): checking
      // and suggesting for each of its entries would only cost time (a did-you-mean per unknown
      // name against 1,600 policies: 22 s for a hostile 40,000-entry list).
      if (Array.isArray(list) && list.length <= MAX_ATTACHED_POLICIES) {
        list.forEach((item: unknown, i) => {
          check(['permission_sets', name, 'managed_policies', i], item, 'managed_policies', name);
        });
      }
      const boundary = rawObject(set['permissions_boundary'])['managed_policy'];
      check(['permission_sets', name, 'permissions_boundary', 'managed_policy'], boundary, 'permissions_boundary.managed_policy', name);
    }
    return out;
  },
};
