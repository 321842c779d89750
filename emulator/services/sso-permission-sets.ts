import { conflict, quotaExceeded } from '../errors.js';
import { epoch, type Ctx, type HandlerTable } from '../context.js';
import { pageOf } from '../paging.js';
import type { PermissionSetRec } from '../state.js';
import { str, type Input } from '../validate.js';
import { checkInstance, getPermissionSet, guardPermissionSetWrite, instanceId, ssoInvalidToken } from './sso-common.js';
import { PS_DESCRIPTION, PS_NAME, RELAY_STATE, sessionDuration, tagsOf } from './sso-validate.js';

/** Permission sets per instance (the lower documented default quota). */
export const MAX_PERMISSION_SETS = 2000;

export function permissionSetShape(ps: PermissionSetRec): Record<string, unknown> {
  return {
    Name: ps.name,
    PermissionSetArn: ps.arn,
    ...(ps.description !== undefined ? { Description: ps.description } : {}),
    CreatedDate: epoch(ps.createdAt),
    SessionDuration: ps.sessionDuration,
    ...(ps.relayState !== undefined ? { RelayState: ps.relayState } : {}),
  };
}

export function newPermissionSetArn(ctx: Ctx): string {
  return `arn:aws:sso:::permissionSet/${instanceId(ctx.state.instanceArn)}/ps-${ctx.gen.ids.hex(16)}`;
}

export const permissionSetHandlers: HandlerTable = {
  CreatePermissionSet(ctx: Ctx, input: Input) {
    checkInstance(ctx, input);
    const name = str(input, 'Name', PS_NAME);
    const description = str(input, 'Description', PS_DESCRIPTION);
    const duration = sessionDuration(input);
    const relayState = str(input, 'RelayState', RELAY_STATE);
    const tags = tagsOf(input);
    if (ctx.state.permissionSetByName.has(name)) throw conflict(`PermissionSet with name ${name} already exists.`);
    if (ctx.state.permissionSets.size >= MAX_PERMISSION_SETS) {
      throw quotaExceeded(`The instance already has ${MAX_PERMISSION_SETS} permission sets, the maximum allowed.`);
    }
    const ps: PermissionSetRec = {
      arn: newPermissionSetArn(ctx),
      name,
      description,
      sessionDuration: duration ?? 'PT1H',
      relayState,
      createdAt: ctx.now,
      inlinePolicy: '',
      managed: new Map(),
      customer: new Map(),
      boundary: undefined,
      tags,
    };
    ctx.state.addPermissionSet(ps);
    return { PermissionSet: permissionSetShape(ps) };
  },

  DescribePermissionSet(ctx: Ctx, input: Input) {
    return { PermissionSet: permissionSetShape(getPermissionSet(ctx, input)) };
  },

  /** Description and SessionDuration are kept when omitted; RelayState is cleared when omitted. */
  UpdatePermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const description = str(input, 'Description', PS_DESCRIPTION);
    const duration = sessionDuration(input);
    const relayState = str(input, 'RelayState', RELAY_STATE);
    guardPermissionSetWrite(ctx, 'UpdatePermissionSet', ps);
    if (description !== undefined) ps.description = description;
    if (duration !== undefined) ps.sessionDuration = duration;
    ps.relayState = relayState;
    ctx.state.markStale(ps.arn);
    return {};
  },

  DeletePermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    guardPermissionSetWrite(ctx, 'DeletePermissionSet', ps);
    if ((ctx.state.assignmentCountByPs.get(ps.arn) ?? 0) > 0 || ctx.state.provisionedAccounts(ps.arn).length > 0) {
      throw conflict(
        `PermissionSet ${ps.arn} is provisioned to one or more accounts or referenced by account assignments; ` +
          `delete the account assignments and wait for their deletion to succeed before deleting the permission set.`,
      );
    }
    ctx.state.removePermissionSet(ps.arn);
    return {};
  },

  ListPermissionSets(ctx: Ctx, input: Input) {
    checkInstance(ctx, input);
    const page = pageOf(ctx.state.permissionSets, input, { op: 'ListPermissionSets', max: 100, def: 100, invalid: ssoInvalidToken });
    return { PermissionSets: page.items.map((p) => p.arn), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  },
};
