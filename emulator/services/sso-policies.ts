import { conflict, notFound } from '../errors.js';
import type { Ctx, HandlerTable } from '../context.js';
import { pageArray } from '../paging.js';
import { customerKey } from '../state.js';
import { obj, str, type Input } from '../validate.js';
import { getPermissionSet, guardPermissionSetWrite, ssoInvalidToken } from './sso-common.js';
import { boundaryOf, checkPolicyCount, customerRef, existingManagedPolicy, inlinePolicy, MANAGED_POLICY_ARN } from './sso-validate.js';

const next = (token: string | undefined): Record<string, string> => (token ? { NextToken: token } : {});

/** Inline policy, AWS managed policies, customer-managed references, permissions boundary. */
export const policyHandlers: HandlerTable = {
  PutInlinePolicyToPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const policy = inlinePolicy(input, ctx.config.reformatPolicies);
    guardPermissionSetWrite(ctx, 'PutInlinePolicyToPermissionSet', ps);
    ps.inlinePolicy = policy;
    ctx.state.markStale(ps.arn);
    return {};
  },
  /** "" when the set has no inline policy. */
  GetInlinePolicyForPermissionSet(ctx: Ctx, input: Input) {
    return { InlinePolicy: getPermissionSet(ctx, input).inlinePolicy };
  },
  DeleteInlinePolicyFromPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    guardPermissionSetWrite(ctx, 'DeleteInlinePolicyFromPermissionSet', ps);
    if (ps.inlinePolicy !== '') {
      ps.inlinePolicy = '';
      ctx.state.markStale(ps.arn);
    }
    return {};
  },

  AttachManagedPolicyToPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const arn = existingManagedPolicy(str(input, 'ManagedPolicyArn', MANAGED_POLICY_ARN));
    guardPermissionSetWrite(ctx, 'AttachManagedPolicyToPermissionSet', ps);
    if (ps.managed.has(arn)) throw conflict(`Managed policy ${arn} is already attached to the permission set.`);
    checkPolicyCount(ps.managed.size, ps.customer.size);
    ps.managed.set(arn, arn.slice(arn.lastIndexOf('/') + 1));
    ctx.state.markStale(ps.arn);
    return {};
  },
  DetachManagedPolicyFromPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const arn = str(input, 'ManagedPolicyArn', MANAGED_POLICY_ARN);
    guardPermissionSetWrite(ctx, 'DetachManagedPolicyFromPermissionSet', ps);
    if (!ps.managed.delete(arn)) throw notFound(`Managed policy ${arn} is not attached to the permission set.`);
    ctx.state.markStale(ps.arn);
    return {};
  },
  ListManagedPoliciesInPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const all = [...ps.managed].map(([Arn, Name]) => ({ Name, Arn }));
    const page = pageArray(all, input, { op: 'ListManagedPoliciesInPermissionSet', max: 100, def: 100, invalid: ssoInvalidToken });
    return { AttachedManagedPolicies: page.items, ...next(page.nextToken) };
  },

  AttachCustomerManagedPolicyReferenceToPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const ref = customerRef(obj(input, 'CustomerManagedPolicyReference', true));
    guardPermissionSetWrite(ctx, 'AttachCustomerManagedPolicyReferenceToPermissionSet', ps);
    const key = customerKey(ref);
    if (ps.customer.has(key)) throw conflict(`Customer managed policy ${key} is already attached to the permission set.`);
    checkPolicyCount(ps.managed.size, ps.customer.size);
    ps.customer.set(key, ref);
    ctx.state.markStale(ps.arn);
    return {};
  },
  DetachCustomerManagedPolicyReferenceFromPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const ref = customerRef(obj(input, 'CustomerManagedPolicyReference', true));
    guardPermissionSetWrite(ctx, 'DetachCustomerManagedPolicyReferenceFromPermissionSet', ps);
    if (!ps.customer.delete(customerKey(ref))) throw notFound(`Customer managed policy ${customerKey(ref)} is not attached to the permission set.`);
    ctx.state.markStale(ps.arn);
    return {};
  },
  ListCustomerManagedPolicyReferencesInPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const all = [...ps.customer.values()].map((r) => ({ Name: r.Name, Path: r.Path }));
    const page = pageArray(all, input, { op: 'ListCustomerManagedPolicyReferencesInPermissionSet', max: 100, def: 100, invalid: ssoInvalidToken });
    return { CustomerManagedPolicyReferences: page.items, ...next(page.nextToken) };
  },

  PutPermissionsBoundaryToPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    const boundary = boundaryOf(input);
    guardPermissionSetWrite(ctx, 'PutPermissionsBoundaryToPermissionSet', ps);
    ps.boundary = boundary;
    ctx.state.markStale(ps.arn);
    return {};
  },
  /** ResourceNotFoundException when the set has no boundary. */
  GetPermissionsBoundaryForPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    if (!ps.boundary) throw notFound(`Permissions boundary not found for permission set ${ps.arn}.`);
    return { PermissionsBoundary: ps.boundary };
  },
  DeletePermissionsBoundaryFromPermissionSet(ctx: Ctx, input: Input) {
    const ps = getPermissionSet(ctx, input);
    guardPermissionSetWrite(ctx, 'DeletePermissionsBoundaryFromPermissionSet', ps);
    if (!ps.boundary) throw notFound(`Permissions boundary not found for permission set ${ps.arn}.`);
    ps.boundary = undefined;
    ctx.state.markStale(ps.arn);
    return {};
  },
};
