/** Ownership settings that contradict the identity source. */
import type { Diagnostic } from '../../model/source.js';
import type { Rule, RuleContext } from './context.js';
import { errorAt, rawObject } from './context.js';

export const externalIdentitySource: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    if (ctx.desired.identityCenter.identitySource !== 'external') return [];
    const own = rawObject(ctx.data['ownership']);
    return (['users', 'groups'] as const)
      .filter((kind) => own[kind] === 'managed')
      .map((kind) =>
        errorAt(
          ctx,
          ['ownership', kind],
          `ownership.${kind}: managed is not possible with identity_center.identity_source: external (${kind} come from your identity provider): use referenced`,
        ),
      );
  },
};
