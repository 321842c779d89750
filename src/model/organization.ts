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
