import { epoch, type Ctx, type HandlerTable } from '../context.js';
import { pageOf } from '../paging.js';
import type { MembershipRec } from '../state.js';
import { checkString, list, obj, str, type Input } from '../validate.js';
import { checkStore, idsConflict, idsInvalidToken, idsNotFound, RESOURCE_ID } from './ids-common.js';
import { getGroup } from './ids-groups.js';

function membershipShape(ctx: Ctx, m: MembershipRec): Record<string, unknown> {
  return {
    IdentityStoreId: ctx.state.identityStoreId,
    MembershipId: m.id,
    GroupId: m.groupId,
    MemberId: { UserId: m.userId },
    CreatedAt: epoch(m.createdAt),
  };
}

/** MemberId is a union with one member, UserId (groups do not nest). */
function memberUserId(input: Input): string {
  const member = obj(input, 'MemberId', true);
  return checkString(member['UserId'], 'MemberId.UserId', RESOURCE_ID);
}

function getMembership(ctx: Ctx, input: Input): MembershipRec {
  checkStore(ctx, input);
  const id = str(input, 'MembershipId', RESOURCE_ID);
  const m = ctx.state.memberships.get(id);
  if (!m) throw idsNotFound('GROUP_MEMBERSHIP', id);
  return m;
}

export const membershipHandlers: HandlerTable = {
  CreateGroupMembership(ctx: Ctx, input: Input) {
    const g = getGroup(ctx, input);
    const userId = memberUserId(input);
    if (!ctx.state.users.has(userId)) throw idsNotFound('USER', userId);
    if (ctx.state.membershipByPair.has(`${g.id}|${userId}`)) throw idsConflict(`User ${userId} is already a member of group ${g.id}.`);
    const m: MembershipRec = { id: ctx.gen.ids.uuid(), groupId: g.id, userId, createdAt: ctx.now };
    ctx.state.addMembership(m);
    return { IdentityStoreId: ctx.state.identityStoreId, MembershipId: m.id };
  },

  DescribeGroupMembership(ctx: Ctx, input: Input) {
    return membershipShape(ctx, getMembership(ctx, input));
  },

  DeleteGroupMembership(ctx: Ctx, input: Input) {
    ctx.state.removeMembership(getMembership(ctx, input).id);
    return {};
  },

  ListGroupMemberships(ctx: Ctx, input: Input) {
    const g = getGroup(ctx, input);
    const page = pageOf(ctx.state.membershipsByGroup.get(g.id), input, { op: 'ListGroupMemberships', max: 100, def: 100, invalid: idsInvalidToken });
    return { GroupMemberships: page.items.map((m) => membershipShape(ctx, m)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },

  ListGroupMembershipsForMember(ctx: Ctx, input: Input) {
    checkStore(ctx, input);
    const userId = memberUserId(input);
    if (!ctx.state.users.has(userId)) throw idsNotFound('USER', userId);
    const page = pageOf(ctx.state.membershipsByUser.get(userId), input, { op: 'ListGroupMembershipsForMember', max: 100, def: 100, invalid: idsInvalidToken });
    return { GroupMemberships: page.items.map((m) => membershipShape(ctx, m)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },

  GetGroupMembershipId(ctx: Ctx, input: Input) {
    const g = getGroup(ctx, input);
    const userId = memberUserId(input);
    const id = ctx.state.membershipByPair.get(`${g.id}|${userId}`);
    if (id === undefined) throw idsNotFound('GROUP_MEMBERSHIP', `${g.id}/${userId}`);
    return { IdentityStoreId: ctx.state.identityStoreId, MembershipId: id };
  },

  IsMemberInGroups(ctx: Ctx, input: Input) {
    checkStore(ctx, input);
    const userId = memberUserId(input);
    const groupIds = (list(input, 'GroupIds', { required: true, min: 1, max: 100 }) ?? []).map((g) => checkString(g, 'GroupIds', RESOURCE_ID));
    return {
      Results: groupIds.map((GroupId) => ({ GroupId, MemberId: { UserId: userId }, MembershipExists: ctx.state.membershipByPair.has(`${GroupId}|${userId}`) })),
    };
  },
};
