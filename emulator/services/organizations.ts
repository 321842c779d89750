import { AwsError } from '../errors.js';
import { epoch, type Ctx, type HandlerTable } from '../context.js';
import { pageArray, pageOf, type Page } from '../paging.js';
import type { SortedMap } from '../sorted-map.js';
import type { AccountRec, OuRec } from '../state.js';
import { oneOf, str, type Input } from '../validate.js';

const PARENT_ID = {
  required: true,
  max: 100,
  pattern: /^(r-[0-9a-z]{4,32})$|^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  patternText: '^(r-[0-9a-z]{4,32})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$',
} as const;
const CHILD_ID = {
  required: true,
  max: 100,
  pattern: /^(\d{12})$|^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/,
  patternText: '^(\\d{12})|(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$',
} as const;
/** Organizations pages hold at most 20 items. */
const MAX = 20;

export const orgInvalidToken = (): AwsError =>
  new AwsError('InvalidInputException', 'You provided an invalid value for the NextToken parameter.', 400, { Reason: 'INVALID_NEXT_TOKEN' });

/** Organizations validation errors are InvalidInputException with a Reason. */
export function toInvalidInput(e: AwsError): AwsError {
  const reason =
    /less than or equal to \d+$/.test(e.message) && /value/.test(e.message)
      ? 'MAX_VALUE_EXCEEDED'
      : /must not be null/.test(e.message)
        ? 'INPUT_REQUIRED'
        : /enum/.test(e.message)
          ? 'INVALID_ENUM'
          : 'INVALID_PATTERN';
  return new AwsError('InvalidInputException', e.message, 400, { Reason: reason });
}

function orgPage<V>(ctx: Ctx, coll: SortedMap<V> | undefined, input: Input, op: string): Page<V> {
  return pageOf(coll, input, { op, max: MAX, def: MAX, invalid: orgInvalidToken, emptyPage: () => ctx.gen.pages.chance(ctx.config.orgEmptyPageRate) });
}

const next = (token: string | undefined): Record<string, string> => (token ? { NextToken: token } : {});
const arnBase = (ctx: Ctx): string => `arn:aws:organizations::${ctx.state.managementAccountId}`;

function accountShape(ctx: Ctx, a: AccountRec): Record<string, unknown> {
  return {
    Id: a.id,
    Arn: `${arnBase(ctx)}:account/${ctx.state.organizationId}/${a.id}`,
    Email: a.email,
    Name: a.name,
    Status: a.status,
    State: a.status,
    JoinedMethod: a.id === ctx.state.managementAccountId ? 'CREATED' : 'INVITED',
    JoinedTimestamp: epoch(a.joinedAt),
  };
}

const ouShape = (ctx: Ctx, ou: OuRec): Record<string, unknown> => ({
  Id: ou.id,
  Arn: `${arnBase(ctx)}:ou/${ctx.state.organizationId}/${ou.id}`,
  Name: ou.name,
});

function parentId(ctx: Ctx, input: Input): string {
  const id = str(input, 'ParentId', PARENT_ID);
  if (id !== ctx.state.rootId && !ctx.state.ous.has(id))
    throw new AwsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  return id;
}

const accountsOf = (ctx: Ctx, ids: string[]): Record<string, unknown>[] =>
  ids
    .map((id) => ctx.state.accounts.get(id))
    .filter((a): a is AccountRec => a !== undefined)
    .map((a) => accountShape(ctx, a));

export const organizationsHandlers: HandlerTable = {
  DescribeOrganization(ctx: Ctx) {
    const mgmt = ctx.state.accounts.get(ctx.state.managementAccountId);
    return {
      Organization: {
        Id: ctx.state.organizationId,
        Arn: `${arnBase(ctx)}:organization/${ctx.state.organizationId}`,
        FeatureSet: 'ALL',
        MasterAccountArn: `${arnBase(ctx)}:account/${ctx.state.organizationId}/${ctx.state.managementAccountId}`,
        MasterAccountId: ctx.state.managementAccountId,
        MasterAccountEmail: mgmt?.email ?? '',
        AvailablePolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      },
    };
  },

  ListAccounts(ctx: Ctx, input: Input) {
    const page = orgPage(ctx, ctx.state.accounts, input, 'ListAccounts');
    return { Accounts: page.items.map((a) => accountShape(ctx, a)), ...next(page.nextToken) };
  },

  ListRoots(ctx: Ctx, input: Input) {
    const page = pageArray([ctx.state.rootId], input, { op: 'ListRoots', max: MAX, def: MAX, invalid: orgInvalidToken });
    return {
      Roots: page.items.map((id) => ({
        Id: id,
        Arn: `${arnBase(ctx)}:root/${ctx.state.organizationId}/${id}`,
        Name: 'Root',
        PolicyTypes: [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }],
      })),
      ...next(page.nextToken),
    };
  },

  ListOrganizationalUnitsForParent(ctx: Ctx, input: Input) {
    const parent = parentId(ctx, input);
    const page = orgPage(ctx, ctx.state.childrenOf(parent).ous, input, 'ListOrganizationalUnitsForParent');
    const ous = page.items.map((id) => ctx.state.ous.get(id)).filter((o): o is OuRec => o !== undefined);
    return { OrganizationalUnits: ous.map((o) => ouShape(ctx, o)), ...next(page.nextToken) };
  },

  ListAccountsForParent(ctx: Ctx, input: Input) {
    const parent = parentId(ctx, input);
    const page = orgPage(ctx, ctx.state.childrenOf(parent).accounts, input, 'ListAccountsForParent');
    return { Accounts: accountsOf(ctx, page.items), ...next(page.nextToken) };
  },

  ListChildren(ctx: Ctx, input: Input) {
    const parent = parentId(ctx, input);
    const type = oneOf(input, 'ChildType', ['ACCOUNT', 'ORGANIZATIONAL_UNIT'] as const, true);
    const children = ctx.state.childrenOf(parent);
    const page = orgPage(ctx, type === 'ACCOUNT' ? children.accounts : children.ous, input, `ListChildren:${type}`);
    return { Children: page.items.map((Id) => ({ Id, Type: type })), ...next(page.nextToken) };
  },

  ListParents(ctx: Ctx, input: Input) {
    const child = str(input, 'ChildId', CHILD_ID);
    const parent = ctx.state.accounts.get(child)?.parentId ?? ctx.state.ous.get(child)?.parentId;
    if (parent === undefined)
      throw new AwsError('ChildNotFoundException', "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
    const page = pageArray([parent], input, { op: 'ListParents', max: MAX, def: MAX, invalid: orgInvalidToken });
    return { Parents: page.items.map((Id) => ({ Id, Type: Id.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' })), ...next(page.nextToken) };
  },

  ListTagsForResource(ctx: Ctx, input: Input) {
    const id = str(input, 'ResourceId', { required: true, max: 130 });
    const tags = id === ctx.state.rootId ? ctx.state.rootTags : (ctx.state.accounts.get(id)?.tags ?? ctx.state.ous.get(id)?.tags);
    if (!tags) throw new AwsError('TargetNotFoundException', "We can't find a root, OU, account, or policy with the TargetId that you specified.");
    const all = [...tags].map(([Key, Value]) => ({ Key, Value }));
    const page = pageArray(all, { NextToken: input['NextToken'] }, { op: 'ListTagsForResource', max: MAX, def: MAX, invalid: orgInvalidToken });
    return { Tags: page.items, ...next(page.nextToken) };
  },
};
