import { epoch, mayAdminister, type Ctx, type HandlerTable } from '../context.js';
import { maxResults, type Input } from '../validate.js';
import { decodeToken } from '../paging.js';
import { checkInstance, ssoInvalidToken } from './sso-common.js';

/**
 * The instance as ListInstances/DescribeInstance return it: `Name` only when the instance has
 * one (InstanceMetadata.Name is optional, and an instance enabled from the console has none:
 * https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_InstanceMetadata.html).
 */
function instanceShape(ctx: Ctx): Record<string, unknown> {
  const s = ctx.state;
  return {
    InstanceArn: s.instanceArn,
    IdentityStoreId: s.identityStoreId,
    OwnerAccountId: s.instanceOwner,
    ...(s.instanceName !== undefined ? { Name: s.instanceName } : {}),
    CreatedDate: epoch(s.instanceCreatedAt),
    Status: 'ACTIVE',
  };
}

export const instanceHandlers: HandlerTable = {
  ListInstances(ctx: Ctx, input: Input) {
    maxResults(input, 100, 100);
    decodeToken(input, 'ListInstances', ssoInvalidToken);
    // "Lists the … instances … created in or visible to the account calling this API"
    // (https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_ListInstances.html): the
    // organization instance is not visible to a member account that does not administer it.
    return { Instances: mayAdminister(ctx) ? [instanceShape(ctx)] : [] };
  },
  DescribeInstance(ctx: Ctx, input: Input) {
    checkInstance(ctx, input);
    return { ...instanceShape(ctx), PermissionSetsEnabled: true };
  },
};
