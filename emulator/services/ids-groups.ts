import { validation } from '../errors.js';
import { epoch, type Ctx, type HandlerTable } from '../context.js';
import { pageOf } from '../paging.js';
import type { GroupRec } from '../state.js';
import { checkString, list, str, type Input } from '../validate.js';
import {
  attributeString,
  checkStore,
  idsConflict,
  idsInvalidToken,
  idsNotFound,
  RESOURCE_ID,
  singleFilterValue,
  TEXT,
  TEXT_TEXT,
  uniqueAttribute,
} from './ids-common.js';

const GROUP_TEXT = { min: 1, max: 1024, pattern: TEXT, patternText: TEXT_TEXT } as const;

export function groupShape(ctx: Ctx, g: GroupRec): Record<string, unknown> {
  return {
    IdentityStoreId: ctx.state.identityStoreId,
    GroupId: g.id,
    DisplayName: g.displayName,
    ...(g.description !== undefined ? { Description: g.description } : {}),
    CreatedAt: epoch(g.createdAt),
    UpdatedAt: epoch(g.updatedAt),
  };
}

export function getGroup(ctx: Ctx, input: Input, field = 'GroupId'): GroupRec {
  checkStore(ctx, input);
  const id = str(input, field, RESOURCE_ID);
  const g = ctx.state.groups.get(id);
  if (!g) throw idsNotFound('GROUP', id);
  return g;
}

function checkUniqueName(ctx: Ctx, name: string, selfId?: string): void {
  const other = ctx.state.groupByName.get(name.toLowerCase());
  if (other !== undefined && other !== selfId) throw idsConflict(`Duplicate GroupDisplayName: a group named ${name} already exists.`);
}

export const groupHandlers: HandlerTable = {
  CreateGroup(ctx: Ctx, input: Input) {
    checkStore(ctx, input);
    const displayName = str(input, 'DisplayName', { ...GROUP_TEXT, required: true });
    const description = str(input, 'Description', GROUP_TEXT);
    checkUniqueName(ctx, displayName);
    const g: GroupRec = { id: ctx.gen.ids.uuid(), displayName, description, createdAt: ctx.now, updatedAt: ctx.now };
    ctx.state.addGroup(g);
    return { IdentityStoreId: ctx.state.identityStoreId, GroupId: g.id };
  },

  DescribeGroup(ctx: Ctx, input: Input) {
    return groupShape(ctx, getGroup(ctx, input));
  },

  /** Operations on displayName and description. */
  UpdateGroup(ctx: Ctx, input: Input) {
    const g = getGroup(ctx, input);
    const ops = list(input, 'Operations', { required: true, min: 1, max: 100 }) ?? [];
    let { displayName, description } = g;
    for (const raw of ops) {
      const op = (raw ?? {}) as Input;
      const path = checkString(op['AttributePath'], 'AttributePath', { required: true, min: 1, max: 255 });
      const value = op['AttributeValue'];
      if (path.toLowerCase() === 'displayname') displayName = attributeString(value, path);
      else if (path.toLowerCase() === 'description') description = value === undefined || value === null ? undefined : attributeString(value, path);
      else throw validation(`Unsupported attribute path ${path}: groups support displayName and description.`);
    }
    checkUniqueName(ctx, displayName, g.id);
    ctx.state.groupByName.delete(g.displayName.toLowerCase());
    g.displayName = displayName;
    g.description = description;
    g.updatedAt = ctx.now;
    ctx.state.groupByName.set(displayName.toLowerCase(), g.id);
    return {};
  },

  DeleteGroup(ctx: Ctx, input: Input) {
    ctx.state.removeGroup(getGroup(ctx, input).id);
    return {};
  },

  /** Filters: at most one, on DisplayName. */
  ListGroups(ctx: Ctx, input: Input) {
    checkStore(ctx, input);
    const value = singleFilterValue(input, 'DisplayName');
    if (value !== undefined) {
      const id = ctx.state.groupByName.get(value.toLowerCase());
      const g = id === undefined ? undefined : ctx.state.groups.get(id);
      return { Groups: g ? [groupShape(ctx, g)] : [] };
    }
    const page = pageOf(ctx.state.groups, input, { op: 'ListGroups', max: 100, def: 100, invalid: idsInvalidToken });
    return { Groups: page.items.map((g) => groupShape(ctx, g)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },

  /** AlternateIdentifier.UniqueAttribute on displayName. */
  GetGroupId(ctx: Ctx, input: Input) {
    checkStore(ctx, input);
    const { path, value } = uniqueAttribute(input, 'GROUP');
    if (path !== 'displayname') throw validation(`${path} is not a unique attribute: use displayName.`);
    const id = ctx.state.groupByName.get(value.toLowerCase());
    if (id === undefined) throw idsNotFound('GROUP', value);
    return { IdentityStoreId: ctx.state.identityStoreId, GroupId: id };
  },
};
