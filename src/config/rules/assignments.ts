/** Assignment rules and protected assignments: complete, unambiguous targets, real dates. */
import type { Diagnostic } from '../../model/source.js';
import { describeThing } from '../describe.js';
import type { Rule, RuleContext } from './context.js';
import { errorAt, rawObject } from './context.js';
import { ruleItems } from './references.js';
import { noun } from '../../model/plural.js';
import { EXPIRES_FORMS, parseExpires } from '../../model/expires.js';

/** The shape the schema accepts (its pattern); values of another shape were reported by the schema. */
const EXPIRES_SHAPE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Present: given and not an empty list (a value of the wrong type counts: the schema reported it). */
const given = (v: unknown): boolean => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
const givenTags = (v: unknown): boolean => v !== undefined && v !== null && Object.keys(rawObject(v)).length > 0;

export const ruleCompleteness: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { item, segs } of ruleItems(ctx)) {
      const what = describeThing(segs);
      const isProtected = segs[0] === 'safety';
      if (!given(item['permission_set']) && !given(item['permission_sets'])) {
        out.push(errorAt(ctx, segs, `${what} names no permission set: add permission_set: NAME (or permission_sets: [A, B])`));
      }
      if (!given(item['user']) && !given(item['users']) && !given(item['group']) && !given(item['groups'])) {
        out.push(errorAt(ctx, segs, `${what} names no user or group: add users: [NAME] or groups: [NAME]`));
      }
      if (isProtected) {
        if (!given(item['accounts'])) out.push(errorAt(ctx, segs, `${what} names no account: add accounts: [NAME]`));
        continue;
      }
      const targets = ['accounts', 'organizational_units'].some((k) => given(item[k])) || givenTags(item['account_tags']) || item['all_accounts'] === true;
      if (!targets) {
        out.push(errorAt(ctx, segs, `${what} has no target: add accounts, organizational_units, account_tags or all_accounts: true`));
      }
    }
    return out;
  },
};

/** `all_accounts: true` with other targets is ambiguous (union or intersection?): refused. */
export const allAccountsAlone: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { item, segs } of ruleItems(ctx)) {
      if (segs[0] !== 'assignments' || item['all_accounts'] !== true) continue;
      const others = ['accounts', 'organizational_units', 'account_tags'].filter((k) => (k === 'account_tags' ? givenTags(item[k]) : given(item[k])));
      if (others.length === 0) continue;
      out.push(
        errorAt(
          ctx,
          [...segs, 'all_accounts'],
          `${describeThing(segs)} has all_accounts: true and also ${others.join(', ')}: all_accounts already targets every active account except the management account; remove ${others.join(', ')} or move ${noun(others.length, 'it', 'them')} to a rule of its own`,
        ),
      );
    }
    return out;
  },
};

/** `expires` is a real date or date-time (see model/expires.ts). */
export const expiresDate: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const { item, segs } of ruleItems(ctx)) {
      const v = item['expires'];
      if (typeof v !== 'string' || !EXPIRES_SHAPE.test(v)) continue; // the schema reported the shape
      const parsed = parseExpires(v);
      if (parsed.ok) continue;
      out.push(errorAt(ctx, [...segs, 'expires'], `expires of ${describeThing(segs)} is ${parsed.message} (write ${EXPIRES_FORMS})`));
    }
    return out;
  },
};
