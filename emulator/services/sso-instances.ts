import { epoch, type Ctx, type HandlerTable } from '../context.js';
import { maxResults, type Input } from '../validate.js';
import { decodeToken } from '../paging.js';
import { checkInstance, ssoInvalidToken } from './sso-common.js';

function instanceShape(ctx: Ctx): Record<string, unknown> {
  const s = ctx.state;
  return {
    InstanceArn: s.instanceArn,
    IdentityStoreId: s.identityStoreId,
    OwnerAccountId: s.instanceOwner,
    Name: s.instanceName,
    CreatedDate: epoch(s.instanceCreatedAt),
    Status: 'ACTIVE',
  };
}

export const instanceHandlers: HandlerTable = {
  ListInstances(ctx: Ctx, input: Input) {
    maxResults(input, 100, 100);
    decodeToken(input, 'ListInstances', ssoInvalidToken);
    return { Instances: [instanceShape(ctx)] };
  },
  DescribeInstance(ctx: Ctx, input: Input) {
    checkInstance(ctx, input);
    return { ...instanceShape(ctx), PermissionSetsEnabled: true };
  },
};
