/** Account assignments: a permission set given to a user or group on one account. */
import { compareStrings } from './compare.js';

export type PrincipalType = 'USER' | 'GROUP';

/** One (principal, permission set, account) triple, in names. */
export interface Assignment {
  permissionSet: string;
  principalType: PrincipalType;
  /** User name or group display name (or `id:<principal id>` when the name is unknown). */
  principal: string;
  accountId: string;
}

/** An assignment as read from AWS. */
export interface LiveAssignment extends Assignment {
  principalId: string;
  permissionSetArn: string;
}

/** Stable identity of an assignment, used for sorting, diffing and de-duplication. */
export function assignmentKey(a: Assignment): string {
  return `${a.accountId}|${a.permissionSet}|${a.principalType}|${a.principal}`;
}

/** `set|account`: one permission set on one account, whoever holds it. */
export type GrantKey = string;

export const grantKey = (a: Pick<Assignment, 'permissionSet' | 'accountId'>): GrantKey => `${a.permissionSet}|${a.accountId}`;

/** `USER|name` or `GROUP|name`. */
export const principalKey = (a: Pick<Assignment, 'principalType' | 'principal'>): string => `${a.principalType}|${a.principal}`;

/** Sort order for assignments: account, permission set, principal type, principal. */
export function compareAssignments(a: Assignment, b: Assignment): number {
  return (
    compareStrings(a.accountId, b.accountId) ||
    compareStrings(a.permissionSet, b.permissionSet) ||
    compareStrings(a.principalType, b.principalType) ||
    compareStrings(a.principal, b.principal)
  );
}
