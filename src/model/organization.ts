/** The AWS Organization: accounts and organizational units, the targets of assignments. */

/** Organizations' account status. Only `ACTIVE` accounts are assignment targets. */
export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';

export interface Account {
  /** 12 digits, always a string. */
  id: string;
  name: string;
  status: AccountStatus;
  /** ID of the parent root or OU; present when the OU tree was read. */
  parentId?: string;
  /** Account tags; present when tags were read (only when a rule targets tags). */
  tags?: Record<string, string>;
}

export interface OrganizationalUnit {
  /** `ou-…` */
  id: string;
  name: string;
  /** Path from the root, e.g. `/Workloads/Prod`. */
  path: string;
  /** ID of the parent root or OU. */
  parentId: string;
}

export interface Organization {
  managementAccountId: string;
  /** `r-…` */
  rootId: string;
  /** All accounts, sorted by ID. */
  accounts: Account[];
  /** The OU tree, sorted by path; present when it was read (only when a rule targets OUs). */
  organizationalUnits?: OrganizationalUnit[];
}

/** What a label says for an account the organization does not have. */
export const UNKNOWN_ACCOUNT = 'unknown account';

/** `management (111122223333)`, or `unknown account (111122223333)` when its name is not known. */
export function accountLabel(accountId: string, name: string | undefined): string {
  return `${name !== undefined && name !== '' ? name : UNKNOWN_ACCOUNT} (${accountId})`;
}

/** Account ID → name: every account of the live organization, with a plan's names on top. */
export function accountNamesOf(organization: Organization, planNames: Readonly<Record<string, string>>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const account of organization.accounts) names[account.id] = account.name;
  return Object.assign(names, planNames);
}
