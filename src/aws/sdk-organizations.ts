/** The Organizations part of the SDK gateway: accounts, the OU tree, account tags. */
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  type Account as SdkAccount,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { AccountStatus } from '../model/organization.js';
import type { CallRunner } from './call-runner.js';
import { actionOf } from './operations.js';
import type { IdentityCenterGateway, NamedId, OrgAccountInfo } from './gateway.js';
import { nameRecord } from '../model/name-record.js';

/** Organizations pages hold at most 20 items. */
export const ORGANIZATIONS_PAGE_SIZE = 20;

export type OrganizationsGateway = Pick<
  IdentityCenterGateway,
  'describeOrganization' | 'listAccounts' | 'listRoots' | 'listOrganizationalUnitsForParent' | 'listAccountsForParent' | 'listTagsForResource'
>;

/** `State` is the current field, `Status` the deprecated one; PENDING_ACTIVATION counts as not
 * active (SUSPENDED), so no rule targets it. */
export function accountStatus(account: SdkAccount): AccountStatus {
  const state = account.State ?? account.Status;
  switch (state) {
    case 'ACTIVE':
    case 'SUSPENDED':
    case 'PENDING_CLOSURE':
    case 'CLOSED':
      return state;
    default:
      return 'SUSPENDED';
  }
}

function toAccount(a: SdkAccount): OrgAccountInfo {
  return { id: a.Id ?? '', name: a.Name ?? '', status: accountStatus(a) };
}

export function createOrganizationsGateway(client: OrganizationsClient, runner: CallRunner): OrganizationsGateway {
  const max = ORGANIZATIONS_PAGE_SIZE;
  return {
    async describeOrganization() {
      const out = await runner.call({ action: actionOf('describeOrganization'), doing: 'describe the organization' }, () =>
        client.send(new DescribeOrganizationCommand({})),
      );
      const id = out.Organization?.MasterAccountId;
      if (!id) throw new Error('Could not describe the organization: AWS returned no management account ID');
      return { managementAccountId: id };
    },

    async listAccounts() {
      const accounts = await runner.all(
        { action: actionOf('listAccounts'), doing: 'list the accounts of the organization' },
        (NextToken) => client.send(new ListAccountsCommand({ MaxResults: max, NextToken })),
        (o) => o.Accounts,
      );
      return accounts.map(toAccount);
    },

    async listRoots() {
      const roots = await runner.all(
        { action: actionOf('listRoots'), doing: 'list the roots of the organization' },
        (NextToken) => client.send(new ListRootsCommand({ MaxResults: max, NextToken })),
        (o) => o.Roots,
      );
      return roots.map((r): NamedId => ({ id: r.Id ?? '', name: r.Name ?? '' }));
    },

    async listOrganizationalUnitsForParent(parentId) {
      const ous = await runner.all(
        {
          action: actionOf('listOrganizationalUnitsForParent'),
          doing: 'list the organizational units',
          target: `under ${parentId}`,
        },
        (NextToken) => client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, MaxResults: max, NextToken })),
        (o) => o.OrganizationalUnits,
      );
      return ous.map((u): NamedId => ({ id: u.Id ?? '', name: u.Name ?? '' }));
    },

    async listAccountsForParent(parentId) {
      const accounts = await runner.all(
        { action: actionOf('listAccountsForParent'), doing: 'list the accounts', target: `under ${parentId}` },
        (NextToken) => client.send(new ListAccountsForParentCommand({ ParentId: parentId, MaxResults: max, NextToken })),
        (o) => o.Accounts,
      );
      return accounts.map(toAccount).filter((a) => a.id !== '');
    },

    async listTagsForResource(resourceId) {
      const tags = await runner.all(
        { action: actionOf('listTagsForResource'), doing: 'list the tags', target: `of account ${resourceId}` },
        (NextToken) => client.send(new ListTagsForResourceCommand({ ResourceId: resourceId, NextToken })),
        (o) => o.Tags,
      );
      return tagRecord(tags);
    },
  };
}

/** Tags as a record with sorted keys. */
export function tagRecord(tags: readonly { Key?: string | undefined; Value?: string | undefined }[]): Record<string, string> {
  const pairs = tags
    .filter((t): t is { Key: string; Value?: string } => typeof t.Key === 'string')
    .map((t) => [t.Key, t.Value ?? ''] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return nameRecord(pairs);
}
