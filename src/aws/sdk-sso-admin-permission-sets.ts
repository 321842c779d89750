/** The sso-admin part of the SDK gateway that reads and writes permission sets. */
import {
  AttachCustomerManagedPolicyReferenceToPermissionSetCommand,
  AttachManagedPolicyToPermissionSetCommand,
  CreatePermissionSetCommand,
  DeleteInlinePolicyFromPermissionSetCommand,
  DeletePermissionsBoundaryFromPermissionSetCommand,
  DeletePermissionSetCommand,
  DescribePermissionSetCommand,
  DetachCustomerManagedPolicyReferenceFromPermissionSetCommand,
  DetachManagedPolicyFromPermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListTagsForResourceCommand,
  PutInlinePolicyToPermissionSetCommand,
  PutPermissionsBoundaryToPermissionSetCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePermissionSetCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { DEFAULT_IAM_PATH, policyRefKey, type CustomerManagedPolicyRef, type PermissionsBoundary } from '../model/permission-set.js';
import { AwsCallError } from './aws-error.js';
import type { CallRunner } from './call-runner.js';
import { actionOf } from './operations.js';
import type { IdentityCenterGateway, PermissionSetAttributes } from './gateway.js';
import { tagRecord } from './sdk-organizations.js';

/** Most sso-admin list calls return at most 100 items per page. */
export const SSO_ADMIN_PAGE_SIZE = 100;

export type PermissionSetsGateway = Pick<
  IdentityCenterGateway,
  | 'listPermissionSets'
  | 'describePermissionSet'
  | 'listTagsForPermissionSet'
  | 'getInlinePolicy'
  | 'listManagedPolicies'
  | 'listCustomerManagedPolicies'
  | 'getPermissionsBoundary'
  | 'createPermissionSet'
  | 'updatePermissionSet'
  | 'deletePermissionSet'
  | 'putInlinePolicy'
  | 'deleteInlinePolicy'
  | 'attachManagedPolicy'
  | 'detachManagedPolicy'
  | 'attachCustomerManagedPolicy'
  | 'detachCustomerManagedPolicy'
  | 'putPermissionsBoundary'
  | 'deletePermissionsBoundary'
  | 'tagPermissionSet'
  | 'untagPermissionSet'
>;

/** A gateway that can be told a set's name learned without DescribePermissionSet (the name cache), so that its messages name the set. */
export interface RemembersPermissionSetNames {
  rememberPermissionSetName(permissionSetArn: string, name: string): void;
}

export function remembersPermissionSetNames(gateway: object): gateway is RemembersPermissionSetNames {
  return typeof (gateway as Partial<RemembersPermissionSetNames>).rememberPermissionSetName === 'function';
}

/** Permission set names seen so far, so that errors can say `permission set ReadOnly`. */
export class PermissionSetNames {
  private readonly names = new Map<string, string>();
  remember(arn: string, name: string): void {
    this.names.set(arn, name);
  }
  label(arn: string): string {
    const name = this.names.get(arn);
    return name === undefined ? `permission set ${arn}` : `permission set ${name}`;
  }
}

export function compareCustomerRefs(a: CustomerManagedPolicyRef, b: CustomerManagedPolicyRef): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function sdkRef(ref: CustomerManagedPolicyRef): { Name: string; Path: string } {
  return { Name: ref.name, Path: ref.path };
}

function sdkAttributes(attributes: PermissionSetAttributes): { Description?: string; SessionDuration: string; RelayState?: string } {
  return {
    SessionDuration: attributes.sessionDuration,
    ...(attributes.description !== undefined ? { Description: attributes.description } : {}),
    ...(attributes.relayState !== undefined ? { RelayState: attributes.relayState } : {}),
  };
}

export function createPermissionSetsGateway(client: SSOAdminClient, runner: CallRunner, names: PermissionSetNames): PermissionSetsGateway {
  const max = SSO_ADMIN_PAGE_SIZE;
  const on = (arn: string): string => names.label(arn);

  return {
    async listPermissionSets(instanceArn) {
      return runner.all(
        { action: actionOf('listPermissionSets'), doing: 'list permission sets', target: `of instance ${instanceArn}` },
        (NextToken) => client.send(new ListPermissionSetsCommand({ InstanceArn: instanceArn, MaxResults: max, NextToken })),
        (o) => o.PermissionSets,
      );
    },

    async describePermissionSet(instanceArn, arn) {
      const out = await runner.call({ action: actionOf('describePermissionSet'), doing: 'describe', target: on(arn) }, () =>
        client.send(new DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn })),
      );
      const ps = out.PermissionSet ?? {};
      const name = ps.Name ?? '';
      names.remember(arn, name);
      return {
        arn,
        name,
        sessionDuration: ps.SessionDuration ?? 'PT1H',
        ...(ps.Description ? { description: ps.Description } : {}),
        ...(ps.RelayState ? { relayState: ps.RelayState } : {}),
      };
    },

    async listTagsForPermissionSet(instanceArn, arn) {
      const tags = await runner.all(
        { action: actionOf('listTagsForPermissionSet'), doing: 'list the tags', target: `of ${on(arn)}` },
        (NextToken) => client.send(new ListTagsForResourceCommand({ InstanceArn: instanceArn, ResourceArn: arn, NextToken })),
        (o) => o.Tags,
      );
      return tagRecord(tags);
    },

    async getInlinePolicy(instanceArn, arn) {
      const out = await runner.call({ action: actionOf('getInlinePolicy'), doing: 'read the inline policy', target: `of ${on(arn)}` }, () =>
        client.send(new GetInlinePolicyForPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn })),
      );
      return out.InlinePolicy ? out.InlinePolicy : undefined;
    },

    async listManagedPolicies(instanceArn, arn) {
      const policies = await runner.all(
        { action: actionOf('listManagedPolicies'), doing: 'list the managed policies', target: `of ${on(arn)}` },
        (NextToken) =>
          client.send(new ListManagedPoliciesInPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, MaxResults: max, NextToken })),
        (o) => o.AttachedManagedPolicies,
      );
      return policies.flatMap((p) => (p.Arn ? [p.Arn] : [])).sort();
    },

    async listCustomerManagedPolicies(instanceArn, arn) {
      const refs = await runner.all(
        {
          action: actionOf('listCustomerManagedPolicies'),
          doing: 'list the customer managed policies',
          target: `of ${on(arn)}`,
        },
        (NextToken) =>
          client.send(
            new ListCustomerManagedPolicyReferencesInPermissionSetCommand({
              InstanceArn: instanceArn,
              PermissionSetArn: arn,
              MaxResults: max,
              NextToken,
            }),
          ),
        (o) => o.CustomerManagedPolicyReferences,
      );
      return refs.flatMap((r): CustomerManagedPolicyRef[] => (r.Name ? [{ name: r.Name, path: r.Path ?? DEFAULT_IAM_PATH }] : [])).sort(compareCustomerRefs);
    },

    async getPermissionsBoundary(instanceArn, arn) {
      try {
        const out = await runner.call({ action: actionOf('getPermissionsBoundary'), doing: 'read the permissions boundary', target: `of ${on(arn)}` }, () =>
          client.send(new GetPermissionsBoundaryForPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn })),
        );
        const b = out.PermissionsBoundary;
        if (b?.ManagedPolicyArn) return { kind: 'aws-managed', arn: b.ManagedPolicyArn };
        if (b?.CustomerManagedPolicyReference?.Name) {
          const ref = b.CustomerManagedPolicyReference;
          return { kind: 'customer-managed', name: ref.Name ?? '', path: ref.Path ?? DEFAULT_IAM_PATH };
        }
        return undefined;
      } catch (error) {
        // AWS answers ResourceNotFoundException when the set has no boundary.
        if (error instanceof AwsCallError && error.kind === 'not-found') return undefined;
        throw error;
      }
    },

    async createPermissionSet(instanceArn, name, attributes, tags) {
      const out = await runner.call({ action: actionOf('createPermissionSet'), doing: 'create', target: `permission set ${name}` }, () =>
        client.send(
          new CreatePermissionSetCommand({
            InstanceArn: instanceArn,
            Name: name,
            ...sdkAttributes(attributes),
            ...(Object.keys(tags).length > 0 ? { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) } : {}),
          }),
        ),
      );
      const arn = out.PermissionSet?.PermissionSetArn;
      if (!arn) throw new Error(`Could not create permission set ${name}: AWS returned no ARN`);
      names.remember(arn, name);
      return arn;
    },

    async updatePermissionSet(instanceArn, arn, attributes) {
      await runner.call({ action: actionOf('updatePermissionSet'), doing: 'update', target: on(arn) }, () =>
        client.send(new UpdatePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, ...sdkAttributes(attributes) })),
      );
    },

    async deletePermissionSet(instanceArn, arn) {
      await runner.call({ action: actionOf('deletePermissionSet'), doing: 'delete', target: on(arn) }, () =>
        client.send(new DeletePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn })),
      );
    },

    async putInlinePolicy(instanceArn, arn, policyJson) {
      await runner.call({ action: actionOf('putInlinePolicy'), doing: 'put the inline policy', target: `of ${on(arn)}` }, () =>
        client.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, InlinePolicy: policyJson })),
      );
    },

    async deleteInlinePolicy(instanceArn, arn) {
      await runner.call({ action: actionOf('deleteInlinePolicy'), doing: 'delete the inline policy', target: `of ${on(arn)}` }, () =>
        client.send(new DeleteInlinePolicyFromPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn })),
      );
    },

    async attachManagedPolicy(instanceArn, arn, policyArn) {
      await runner.call({ action: actionOf('attachManagedPolicy'), doing: `attach ${policyArn}`, target: `to ${on(arn)}` }, () =>
        client.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, ManagedPolicyArn: policyArn })),
      );
    },

    async detachManagedPolicy(instanceArn, arn, policyArn) {
      await runner.call({ action: actionOf('detachManagedPolicy'), doing: `detach ${policyArn}`, target: `from ${on(arn)}` }, () =>
        client.send(new DetachManagedPolicyFromPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, ManagedPolicyArn: policyArn })),
      );
    },

    async attachCustomerManagedPolicy(instanceArn, arn, ref) {
      await runner.call(
        {
          action: actionOf('attachCustomerManagedPolicy'),
          doing: `attach customer managed policy ${policyRefKey(ref)}`,
          target: `to ${on(arn)}`,
        },
        () =>
          client.send(
            new AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
              InstanceArn: instanceArn,
              PermissionSetArn: arn,
              CustomerManagedPolicyReference: sdkRef(ref),
            }),
          ),
      );
    },

    async detachCustomerManagedPolicy(instanceArn, arn, ref) {
      await runner.call(
        {
          action: actionOf('detachCustomerManagedPolicy'),
          doing: `detach customer managed policy ${policyRefKey(ref)}`,
          target: `from ${on(arn)}`,
        },
        () =>
          client.send(
            new DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({
              InstanceArn: instanceArn,
              PermissionSetArn: arn,
              CustomerManagedPolicyReference: sdkRef(ref),
            }),
          ),
      );
    },

    async putPermissionsBoundary(instanceArn, arn, boundary: PermissionsBoundary) {
      const PermissionsBoundary =
        boundary.kind === 'aws-managed' ? { ManagedPolicyArn: boundary.arn } : { CustomerManagedPolicyReference: { Name: boundary.name, Path: boundary.path } };
      await runner.call({ action: actionOf('putPermissionsBoundary'), doing: 'put the permissions boundary', target: `of ${on(arn)}` }, () =>
        client.send(new PutPermissionsBoundaryToPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn, PermissionsBoundary })),
      );
    },

    async deletePermissionsBoundary(instanceArn, arn) {
      await runner.call({ action: actionOf('deletePermissionsBoundary'), doing: 'delete the permissions boundary', target: `of ${on(arn)}` }, () =>
        client.send(new DeletePermissionsBoundaryFromPermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn })),
      );
    },

    async tagPermissionSet(instanceArn, arn, tags) {
      await runner.call({ action: actionOf('tagPermissionSet'), doing: 'tag', target: on(arn) }, () =>
        client.send(
          new TagResourceCommand({
            InstanceArn: instanceArn,
            ResourceArn: arn,
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        ),
      );
    },

    async untagPermissionSet(instanceArn, arn, keys) {
      await runner.call({ action: actionOf('untagPermissionSet'), doing: 'untag', target: on(arn) }, () =>
        client.send(new UntagResourceCommand({ InstanceArn: instanceArn, ResourceArn: arn, TagKeys: keys })),
      );
    },
  };
}
