import { notFound, quotaExceeded } from '../errors.js';
import type { Ctx, HandlerTable } from '../context.js';
import { pageArray } from '../paging.js';
import type { PermissionSetRec } from '../state.js';
import { checkString, list, str, type Input } from '../validate.js';
import { guardManagement, INSTANCE_ARN, PERMISSION_SET_ARN, ssoInvalidToken } from './sso-common.js';
import { MAX_TAGS, tagList } from './sso-validate.js';

/** Tags live on permission sets (and the instance, which has none here). Tag changes need no provisioning. */
function resource(ctx: Ctx, input: Input): PermissionSetRec | undefined {
  if (input['InstanceArn'] !== undefined && str(input, 'InstanceArn', INSTANCE_ARN) !== ctx.state.instanceArn) {
    throw notFound(`Instance ${String(input['InstanceArn'])} does not exist.`);
  }
  const arn = str(input, 'ResourceArn', { required: true, min: 10, max: 2048 });
  if (arn === ctx.state.instanceArn) return undefined;
  checkString(arn, 'ResourceArn', PERMISSION_SET_ARN);
  const ps = ctx.state.permissionSets.get(arn);
  if (!ps) throw notFound(`Could not find resource ${arn}.`);
  return ps;
}

export const tagHandlers: HandlerTable = {
  TagResource(ctx: Ctx, input: Input) {
    const ps = resource(ctx, input);
    const tags = tagList(list(input, 'Tags', { required: true, max: MAX_TAGS }) ?? []);
    if (!ps) return {};
    guardManagement(ctx, 'TagResource', ps.arn);
    const merged = new Map([...ps.tags, ...tags]);
    if (merged.size > MAX_TAGS) throw quotaExceeded(`A resource can have at most ${MAX_TAGS} tags.`);
    ps.tags = merged;
    return {};
  },
  UntagResource(ctx: Ctx, input: Input) {
    const ps = resource(ctx, input);
    const keys = list(input, 'TagKeys', { required: true, min: 1, max: MAX_TAGS }) ?? [];
    const checked = keys.map((k) => checkString(k, 'TagKeys', { required: true, min: 1, max: 128 }));
    if (!ps) return {};
    guardManagement(ctx, 'UntagResource', ps.arn);
    for (const k of checked) ps.tags.delete(k);
    return {};
  },
  ListTagsForResource(ctx: Ctx, input: Input) {
    const ps = resource(ctx, input);
    const all = [...(ps?.tags ?? [])].map(([Key, Value]) => ({ Key, Value }));
    const page = pageArray(all, input, { op: 'ListTagsForResource', max: 100, def: 50, invalid: ssoInvalidToken });
    return { Tags: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
};
