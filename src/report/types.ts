/**
 * The access report (`idc report`): who can do what, where. One row per (person, account,
 * permission set) with every path that grants it.
 *
 * Row model. Two views of effective access are compared:
 * - **AWS**: what Identity Center grants now (its assignments and group memberships);
 * - **the file**: what access.yaml's rules grant, through the group members the file gives
 *   (the live members for groups the file does not own).
 *
 * A path is `direct` (an assignment to the user) or through one group. Each path, and each row,
 * has a `source`:
 * - `both`: AWS grants it and the file grants it (the rules that do are listed);
 * - `aws-only`: AWS grants it, the file does not. `drift: true` when the next apply removes it
 *   (the file owns it: drift, or a change outside the repository); `drift: false` when idc leaves
 *   it alone (a permission set, group or user the file does not own, `ownership.assignments:
 *   referenced`, a principal AWS could not name);
 * - `file-only`: the file grants it and AWS does not yet (the next apply creates it: pending);
 * - `file`: `--offline` reports, where AWS was not read.
 * A row is `both` when both views hold the access at all (its paths may still differ), else the
 * source of the view that holds it.
 */
import type { RuleRef } from '../plan/types.js';

export const REPORT_FORMAT_VERSION = 1 as const;
/** The `kind` of a JSON report, so `--since` can tell a report from a plan. */
export const REPORT_KIND = 'idc-access-report' as const;

export type ReportSource = 'both' | 'aws-only' | 'file-only' | 'file';

export interface ReportPath {
  via: 'direct' | 'group';
  /** The group, for `via: group`. */
  group?: string;
  source: ReportSource;
  /** `aws-only` paths: true when the next apply removes it, false when idc leaves it alone. */
  drift?: boolean;
  /** The rules that grant it, sorted by index (empty when the file does not grant it). */
  rules: RuleRef[];
}

export interface ReportRow {
  user: string;
  accountId: string;
  /** The account's name in the organization ('' when not known). */
  accountName: string;
  permissionSet: string;
  source: ReportSource;
  /** Direct first, then groups by name. */
  paths: ReportPath[];
}

/** What the rows were narrowed to (each list: any of its values matches; lists combine with AND). */
export interface ReportFilters {
  users: string[];
  groups: string[];
  /** Account IDs, `accounts:` aliases or account names. */
  accounts: string[];
  permissionSets: string[];
}

/** The earlier report `--since` compared with, and what changed in the access it shows. */
export interface ReportSince {
  hash: string;
  generatedAt: string;
  /** Rows held now and not then (AWS access for AWS reports, the file's for offline ones). */
  gained: ReportRow[];
  /** Rows held then and not now, as the earlier report showed them. */
  lost: ReportRow[];
}

export interface Report {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  kind: typeof REPORT_KIND;
  /** sha256 of the report's content without `generatedAt` and `hash` (see hash.ts). */
  hash: string;
  /** ISO date-time the report was made (not part of the hash). */
  generatedAt: string;
  /** `aws`: the file and AWS compared; `offline`: the file alone. */
  mode: 'aws' | 'offline';
  configFile: string;
  /** The Identity Center instance read (`aws` reports). */
  instanceArn?: string;
  filters: ReportFilters;
  rows: ReportRow[];
  counts: { rows: number; people: number; both: number; awsOnly: number; fileOnly: number; file: number };
  /** What the report could not show, one sentence each, sorted (rules not expanded, unknown members). */
  notes: string[];
  since?: ReportSince;
}
