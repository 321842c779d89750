/** Users, groups and group memberships in the identity store. */
import type { GroupChange, MembershipChange, UserChange } from '../plan/types.js';
import { call, type ApplyContext } from './apply-context.js';

export async function applyUserChange(ctx: ApplyContext, change: UserChange): Promise<void> {
  const store = ctx.identityStoreId;
  const gw = ctx.gateway;
  switch (change.action) {
    case 'create': {
      const user = required(change.after, `create user ${change.userName}`);
      const userId = await call(ctx, () => gw.createUser(store, user));
      ctx.ids.addUser(change.userName, userId);
      return;
    }
    case 'update': {
      const user = required(change.after, `update user ${change.userName}`);
      const userId = ctx.ids.userId(change.userName);
      // Exactly the fields the plan shows as changed: nothing the file does not manage is sent.
      if (change.fields.length === 0) return;
      return call(ctx, () => gw.updateUser(store, userId, user, change.fields));
    }
    case 'delete': {
      const userId = ctx.ids.userId(change.userName);
      return call(ctx, () => gw.deleteUser(store, userId));
    }
  }
}

export async function applyGroupChange(ctx: ApplyContext, change: GroupChange): Promise<void> {
  const store = ctx.identityStoreId;
  const gw = ctx.gateway;
  switch (change.action) {
    case 'create': {
      const description = change.after?.description;
      const groupId = await call(ctx, () => gw.createGroup(store, change.displayName, description));
      ctx.ids.addGroup(change.displayName, groupId);
      return;
    }
    case 'update': {
      const groupId = ctx.ids.groupId(change.displayName);
      const description = change.after?.description;
      return call(ctx, () => gw.updateGroup(store, groupId, description));
    }
    case 'delete': {
      const groupId = ctx.ids.groupId(change.displayName);
      return call(ctx, () => gw.deleteGroup(store, groupId));
    }
  }
}

export async function applyMembershipChange(ctx: ApplyContext, change: MembershipChange): Promise<void> {
  const store = ctx.identityStoreId;
  const gw = ctx.gateway;
  if (change.action === 'create') {
    const groupId = ctx.ids.groupId(change.group);
    const userId = ctx.ids.userId(change.user);
    const membershipId = await call(ctx, () => gw.createGroupMembership(store, groupId, userId));
    ctx.ids.addMembership(change.group, change.user, membershipId);
    return;
  }
  const membershipId = ctx.ids.membershipId(change.group, change.user);
  await call(ctx, () => gw.deleteGroupMembership(store, membershipId));
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the plan has no "after" state to ${what}: run plan again`);
  return value;
}
