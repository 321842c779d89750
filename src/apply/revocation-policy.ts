/**
 * The inline policy apply writes for a set whose session revocations change, or whose own inline
 * policy is edited while it holds revocations: the file's policy (as edited) or the live one, plus
 * idc's revocation statements after this plan (see model/session-revocation.ts). A new revocation
 * lasts from the moment apply writes it: the apply's clock plus the set's session duration.
 */
import { composePolicy, revocationKey as key, revocationSid, splitRevocations, type SessionRevocation, type SplitPolicy } from '../model/session-revocation.js';
import { revocationEnd } from '../plan/revoke-sessions.js';
import type { PermissionSetChange, SessionRevocationChange } from '../plan/types.js';
import type { ApplyContext } from './apply-context.js';
import type { PermissionSetCall } from './permission-set-calls.js';
import { byName } from '../model/name-record.js';

/**
 * The one inline policy call for `set`, or undefined when the ordinary calls of `change` already
 * say everything (no revocation in the plan and none in the live policy to keep). With revocations
 * the set's policy is read again first (a scoped plan may not have read it): what is put keeps
 * everything else it holds.
 */
export async function inlinePolicyCall(
  ctx: Pick<ApplyContext, 'live' | 'clock' | 'gateway' | 'instanceArn'>,
  set: string,
  arn: string,
  change: PermissionSetChange | undefined,
  revocations: readonly SessionRevocationChange[],
): Promise<PermissionSetCall | undefined> {
  const touched = change !== undefined && (change.action === 'create' || change.fields.includes('inlinePolicy'));
  let current: SplitPolicy;
  if (revocations.length > 0) {
    current = splitRevocations(await ctx.gateway.getInlinePolicy(ctx.instanceArn, arn));
  } else {
    // An edit of the file's policy: the set's definition was read with the plan.
    const live = byName(ctx.live.permissionSets, set);
    current = { ...(live?.inlinePolicy !== undefined ? { rest: live.inlinePolicy } : {}), revocations: live?.sessionRevocations ?? [] };
  }
  if (revocations.length === 0 && (!touched || current.revocations.length === 0)) return undefined;
  const base = touched ? change.after?.inlinePolicy : current.rest;
  const created = revocations.filter((c) => c.action === 'create');
  const gone = new Set([...revocations.filter((c) => c.action === 'delete'), ...created].map(key));
  const at = ctx.clock();
  const added: SessionRevocation[] = created.map((c) => ({
    accountId: c.accountId,
    userId: c.userId,
    sid: revocationSid(c.accountId, c.userId, revocationEnd(at, c.sessionDuration)),
  }));
  const policy = composePolicy(base, [...current.revocations.filter((r) => !gone.has(key(r))), ...added]);
  return policy === undefined ? { op: 'deleteInlinePolicy' } : { op: 'putInlinePolicy', policy };
}

/** `calls` with their inline policy call (if any) replaced by `inline`, right after the attributes. */
export function withInlinePolicy(calls: readonly PermissionSetCall[], inline: PermissionSetCall): PermissionSetCall[] {
  const rest = calls.filter((c) => c.op !== 'putInlinePolicy' && c.op !== 'deleteInlinePolicy');
  const at = rest[0]?.op === 'updatePermissionSet' ? 1 : 0;
  return [...rest.slice(0, at), inline, ...rest.slice(at)];
}
