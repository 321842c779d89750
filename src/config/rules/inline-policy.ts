/** Inline policies: IAM shape and Identity Center's size limits. */
import type { Diagnostic } from '../../model/source.js';
import { describeThing } from '../describe.js';
import type { InlinePolicyDoc } from '../policy-source.js';
import type { Rule, RuleContext } from './context.js';
import { checkPolicyShape } from './policy-shape.js';
import { REVOKE_SID_PREFIX } from '../../model/session-revocation.js';

/** Most bytes of an inline policy as written. */
export const MAX_POLICY_BYTES = 32_768;
/** Most bytes of an inline policy once whitespace is removed (what apply sends). */
export const MAX_POLICY_MINIFIED_BYTES = 10_240;

function subject(doc: InlinePolicyDoc): string {
  const owner = describeThing(['permission_sets', doc.permissionSet]);
  return doc.origin === 'file' ? `inline policy ${doc.displayPath ?? ''} of ${owner}` : `inline policy of ${owner}`;
}

export const inlinePolicyShape: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const doc of ctx.policies) {
      for (const issue of checkPolicyShape(doc.document)) {
        // Inside a YAML policy every node has a position; a JSON string or file is one value.
        const segs = doc.origin === 'yaml' ? [...doc.segs, ...issue.path] : doc.segs;
        const pos = issue.key && doc.origin === 'yaml' ? ctx.source.keyAt(segs) : ctx.source.at(segs);
        out.push({ ...pos, severity: 'error', message: `${subject(doc)}${issue.path.length === 0 ? ' ' : ': '}${issue.message}` });
      }
    }
    return out;
  },
};

const bytes = (n: number): string => `${n.toLocaleString('en-US')} bytes`;

export const inlinePolicySize: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const doc of ctx.policies) {
      const pos = ctx.source.at(doc.segs);
      const minified = Buffer.byteLength(JSON.stringify(doc.document));
      const fix = 'move statements into a customer-managed policy, or merge statements and use wildcards';
      if (doc.origin !== 'yaml' && doc.writtenBytes > MAX_POLICY_BYTES) {
        out.push({
          ...pos,
          severity: 'error',
          message: `${subject(doc)} is ${bytes(doc.writtenBytes)}: Identity Center accepts at most ${bytes(MAX_POLICY_BYTES)}; ${fix}`,
        });
      }
      if (minified > MAX_POLICY_MINIFIED_BYTES) {
        out.push({
          ...pos,
          severity: 'error',
          message: `${subject(doc)} is ${bytes(minified)} without whitespace: Identity Center accepts at most ${bytes(MAX_POLICY_MINIFIED_BYTES)}; ${fix}`,
        });
      }
    }
    return out;
  },
};

/** A Sid starting `IdcRevoke` would be taken for idc's own session revocation (model/session-revocation.ts). */
export const reservedRevocationSid: Rule = {
  check(ctx: RuleContext): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const doc of ctx.policies) {
      const d = doc.document;
      const raw = d !== null && typeof d === 'object' && !Array.isArray(d) ? (d as Record<string, unknown>)['Statement'] : undefined;
      const statements = Array.isArray(raw) ? raw : [raw];
      statements.forEach((s: unknown, i) => {
        const sid = s !== null && typeof s === 'object' ? (s as Record<string, unknown>)['Sid'] : undefined;
        if (typeof sid !== 'string' || !sid.startsWith(REVOKE_SID_PREFIX)) return;
        const segs = doc.origin === 'yaml' ? [...doc.segs, 'Statement', ...(Array.isArray(raw) ? [i] : []), 'Sid'] : doc.segs;
        out.push({
          ...ctx.source.at(segs),
          severity: 'error',
          message: `${subject(doc)}: Sid "${sid}" starts with ${REVOKE_SID_PREFIX}, which idc keeps for its session revocations (revoke_sessions); rename the Sid`,
        });
      });
    }
    return out;
  },
};
