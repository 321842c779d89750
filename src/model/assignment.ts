/** Account assignments: a permission set given to a user or group on one account. */

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

/** Sort order for assignments: account, permission set, principal type, principal. */
export function compareAssignments(a: Assignment, b: Assignment): number {
  return (
    a.accountId.localeCompare(b.accountId) ||
    a.permissionSet.localeCompare(b.permissionSet) ||
    a.principalType.localeCompare(b.principalType) ||
    a.principal.localeCompare(b.principal)
  );
}
