/** Wraps a gateway to count the API calls apply makes, by AWS operation name. */
import type { IdentityCenterGateway } from '../aws/gateway.js';
import { compareStrings } from '../model/compare.js';

/** Gateway method → the AWS API operation it calls (what a reader of the report recognises). */
const OPERATION_NAMES: Partial<Record<keyof IdentityCenterGateway, string>> = {
  createUser: 'CreateUser',
  updateUser: 'UpdateUser',
  deleteUser: 'DeleteUser',
  createGroup: 'CreateGroup',
  updateGroup: 'UpdateGroup',
  deleteGroup: 'DeleteGroup',
  createGroupMembership: 'CreateGroupMembership',
  deleteGroupMembership: 'DeleteGroupMembership',
  createPermissionSet: 'CreatePermissionSet',
  updatePermissionSet: 'UpdatePermissionSet',
  deletePermissionSet: 'DeletePermissionSet',
  putInlinePolicy: 'PutInlinePolicyToPermissionSet',
  deleteInlinePolicy: 'DeleteInlinePolicyFromPermissionSet',
  attachManagedPolicy: 'AttachManagedPolicyToPermissionSet',
  detachManagedPolicy: 'DetachManagedPolicyFromPermissionSet',
  attachCustomerManagedPolicy: 'AttachCustomerManagedPolicyReferenceToPermissionSet',
  detachCustomerManagedPolicy: 'DetachCustomerManagedPolicyReferenceFromPermissionSet',
  putPermissionsBoundary: 'PutPermissionsBoundaryToPermissionSet',
  deletePermissionsBoundary: 'DeletePermissionsBoundaryFromPermissionSet',
  tagPermissionSet: 'TagResource',
  untagPermissionSet: 'UntagResource',
  provisionPermissionSet: 'ProvisionPermissionSet',
  describeProvisioningStatus: 'DescribePermissionSetProvisioningStatus',
  createAccountAssignment: 'CreateAccountAssignment',
  deleteAccountAssignment: 'DeleteAccountAssignment',
  describeAssignmentCreationStatus: 'DescribeAccountAssignmentCreationStatus',
  describeAssignmentDeletionStatus: 'DescribeAccountAssignmentDeletionStatus',
};

export function operationName(method: string): string {
  return OPERATION_NAMES[method as keyof IdentityCenterGateway] ?? method.charAt(0).toUpperCase() + method.slice(1);
}

/** Every call is counted, including those that fail. */
export function countingGateway(gateway: IdentityCenterGateway): {
  gateway: IdentityCenterGateway;
  calls: Record<string, number>;
} {
  const calls: Record<string, number> = {};
  const wrapped = new Proxy(gateway, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const name = operationName(property);
      return (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { gateway: wrapped, calls };
}

/** The counts sorted by operation name (deterministic output). */
export function sortedCalls(calls: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(calls).sort(([a], [b]) => compareStrings(a, b)));
}
