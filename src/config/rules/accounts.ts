/** Account references: names are resolved by the planner, but digits must be a 12-digit ID. */
import type { Diagnostic } from '../../model/source.js';
import type { Rule, RuleContext } from './context.js';
import { errorAt } from './context.js';
import { ruleItems } from './references.js';
import { count } from '../../model/plural.js';

/**
 * A reference that is all digits but not 12 of them is a mistyped account ID (Organizations
 * account names are never only digits in practice). Other names are left to the planner.
 */
export const accountIdDigits: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    const aliases = ctx.desired.accountAliases;
    for (const { item, segs } of ruleItems(ctx)) {
      for (const key of ['accounts', 'exclude_accounts']) {
        const list = item[key];
        if (!Array.isArray(list)) continue;
        list.forEach((v: unknown, i) => {
          if (typeof v !== 'string' || !/^\d+$/.test(v) || v.length === 12 || aliases[v] !== undefined) return;
          out.push(
            errorAt(ctx, [...segs, key, i], `account "${v}" has ${count(v.length, 'digit')}: an account ID has exactly 12 (check for a missing leading zero)`),
          );
        });
      }
    }
    return out;
  },
};
