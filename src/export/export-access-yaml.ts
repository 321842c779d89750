/**
 * `idc export`'s core: the live Identity Center state → an access.yaml that describes it, so that
 * `idc plan` with the file shows no changes. Pure and deterministic: the same state gives the
 * same text, byte for byte.
 */
import { DEFAULT_IGNORE } from '../config/normalise.js';
import type { IdentitySource } from '../model/desired.js';
import type { Live } from '../model/live.js';
import { compareStrings, sortedStrings } from '../model/compare.js';
import { accessSchema } from '../config/schema.js';
import { accountAliases } from './account-aliases.js';
import { renderDocument, type DocumentParts } from './document.js';
import type { Entry } from './entry.js';
import { groupAssignments, type ExportRule } from './group-assignments.js';
import { groupEntry, userEntry } from './identity-entries.js';
import { permissionSetEntry } from './permission-set-entry.js';
import { selectForExport } from './select.js';
import { count } from '../model/plural.js';
import { nameRecord } from '../model/name-record.js';

/** The schema's published URL (its `$id`: the raw file at the release's major tag), so an exported file needs no copy of it. */
export const DEFAULT_SCHEMA_REF = String(accessSchema['$id']);

export interface ExportOptions {
  /**
   * `internal` (default): users and groups live in Identity Center and are exported.
   * `external` (SCIM, AD): they come from the identity provider; the file only names them in rules.
   */
  identitySource?: IdentitySource;
  /** Where editors find the JSON schema (the `$schema=` of the first line). */
  schema?: string;
}

export interface ExportCounts {
  users: number;
  groups: number;
  permissionSets: number;
  assignments: number;
  rules: number;
  accounts: number;
}

export interface ExportResult {
  yaml: string;
  /** Things the user should look at, one sentence each (also written as comments in the file). */
  warnings: string[];
  counts: ExportCounts;
}

/** The entries of one top-level map, with the comment lines above some of them. */
export interface Entries {
  value: Record<string, unknown>;
  comments: Map<string, string[]>;
}

function entries<T>(items: readonly T[], key: (t: T) => string, build: (t: T) => Entry, warnings: string[]): Entries {
  const value = nameRecord<unknown>();
  const comments = new Map<string, string[]>();
  for (const item of [...items].sort((a, b) => compareStrings(key(a), key(b)))) {
    const e = build(item);
    value[key(item)] = e.value;
    if (e.comments.length > 0) comments.set(key(item), e.comments);
    warnings.push(...e.warnings);
  }
  return { value, comments };
}

export function ruleValue(rule: ExportRule, aliasOf: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rule.permissionSets.length === 1) out['permission_set'] = rule.permissionSets[0];
  else out['permission_sets'] = rule.permissionSets;
  if (rule.groups.length > 0) out['groups'] = rule.groups;
  if (rule.users.length > 0) out['users'] = rule.users;
  out['accounts'] = rule.accountIds.map((id) => aliasOf.get(id) ?? id).sort(compareStrings);
  return out;
}

function header(live: Live, source: IdentitySource, schema: string, ignored: { groups: string[]; permissionSets: string[] }): string[] {
  const lines = [
    `yaml-language-server: $schema=${schema}`,
    `Exported by \`idc export\` from IAM Identity Center ${live.instance.instanceArn} (${live.instance.region}).`,
    'It describes the access as it is now: `idc plan` with this file shows no changes.',
    source === 'internal'
      ? 'Everything below is managed: remove a user, group, permission set or assignment rule here and the'
      : 'Permission sets and assignments below are managed: remove one here and the next apply removes it',
    source === 'internal'
      ? 'next apply removes it from AWS. Review the plan of every change.'
      : 'from AWS. Users and groups come from your identity provider: rules only name them.',
  ];
  const left = [
    ...(ignored.permissionSets.length > 0 ? [count(ignored.permissionSets.length, 'permission set')] : []),
    ...(ignored.groups.length > 0 ? [count(ignored.groups.length, 'group')] : []),
  ];
  const globs = sortedStrings([...DEFAULT_IGNORE.permissionSets, ...DEFAULT_IGNORE.groups]).join(', ');
  lines.push(
    left.length > 0
      ? `Not exported, and never changed by idc: ${left.join(' and ')} of Control Tower or AWS`
      : "Control Tower's own groups and permission sets are never exported or changed by idc",
    `(names matching ${globs}).`,
  );
  return lines;
}

/** What an export holds before it is written as one file ({@link buildExport}) or several (split.ts). */
export interface ExportModel {
  /** The document of the single file. */
  parts: DocumentParts;
  users: Entries;
  groups: Entries;
  permissionSets: Entries;
  rules: ExportRule[];
  aliasOf: Map<string, string>;
  /** Comment lines listing the assignments no rule can express (empty when none). */
  skippedLines: string[];
  warnings: string[];
  counts: ExportCounts;
}

export function buildExport(live: Live, options: ExportOptions = {}): ExportResult {
  const model = exportModel(live, options);
  return { yaml: renderDocument(model.parts), warnings: model.warnings, counts: model.counts };
}

export function exportModel(live: Live, options: ExportOptions = {}): ExportModel {
  const source = options.identitySource ?? 'internal';
  const selection = selectForExport(live, source);
  const warnings: string[] = [];

  const users = entries(selection.users, (u) => u.userName, userEntry, warnings);
  const groups = entries(selection.groups, (g) => g.displayName, groupEntry, warnings);
  const sets = entries(selection.permissionSets, (ps) => ps.name, permissionSetEntry, warnings);

  const rules = groupAssignments(selection.assignments);
  const targeted = new Set(rules.flatMap((r) => r.accountIds));
  const targetedAccounts = live.organization.accounts.filter((a) => targeted.has(a.id));
  // Slugs are made unique across the whole organization, so that an alias never reads like the
  // name of another account.
  const aliasOf = accountAliases(live.organization.accounts);
  const accounts = nameRecord<string>();
  const accountNotes = new Map<string, string>();
  for (const a of [...targetedAccounts].sort((x, y) => compareStrings(aliasOf.get(x.id) ?? x.id, aliasOf.get(y.id) ?? y.id))) {
    const alias = aliasOf.get(a.id) ?? a.id;
    accounts[alias] = a.id;
    const management = a.id === live.organization.managementAccountId;
    const name = a.name !== alias ? a.name : '';
    const note = management ? (name === '' ? 'the management account' : `${name} (the management account)`) : name;
    if (note !== '') accountNotes.set(alias, note);
  }

  const skipped = selection.skippedAssignments;
  warnings.push(...skipped.map((s) => `assignment not exported: ${s}`));
  const skippedLines = skipped.length === 0 ? [] : [`Not exported (${count(skipped.length, 'assignment')}):`, ...skipped.map((s) => `- ${s}`)];

  const identityCenter: Record<string, unknown> = {
    region: live.instance.region,
    instance_arn: live.instance.instanceArn,
    identity_store_id: live.instance.identityStoreId,
    identity_source: source,
  };

  const parts: DocumentParts = {
    header: header(live, source, options.schema ?? DEFAULT_SCHEMA_REF, selection.ignored),
    sections: {
      version: 1,
      identity_center: identityCenter,
      ...(Object.keys(accounts).length > 0 ? { accounts } : {}),
      ...(Object.keys(users.value).length > 0 ? { users: users.value } : {}),
      ...(Object.keys(groups.value).length > 0 ? { groups: groups.value } : {}),
      ...(Object.keys(sets.value).length > 0 ? { permission_sets: sets.value } : {}),
      ...(rules.length > 0 ? { assignments: rules.map((r) => ruleValue(r, aliasOf)) } : {}),
    },
    sectionComments: {
      identity_center: ['The instance this file manages.'],
      accounts: ['Account aliases (a slug of each Organizations account name) for the accounts the rules target.'],
      users: ['Users, by user name.'],
      groups: ['Groups, by display name, with their members.'],
      permission_sets: ['Permission sets, by name.'],
      assignments: [
        `${count(selection.assignments.length, 'assignment')} as ${count(rules.length, 'rule')}: each rule gives its permission sets`,
        'to its groups and users on each of its accounts.',
        ...skippedLines,
      ],
    },
    entryComments: { users: users.comments, groups: groups.comments, permission_sets: sets.comments },
    inlineComments: { accounts: accountNotes },
    trailer: rules.length === 0 ? skippedLines : [],
  };

  return {
    parts,
    users,
    groups,
    permissionSets: sets,
    rules,
    aliasOf,
    skippedLines,
    warnings,
    counts: {
      users: selection.users.length,
      groups: selection.groups.length,
      permissionSets: selection.permissionSets.length,
      assignments: selection.assignments.length,
      rules: rules.length,
      accounts: targetedAccounts.length,
    },
  };
}

/** The exported access.yaml text (see {@link buildExport} for the warnings and counts too). */
export function exportAccessYaml(live: Live, options: ExportOptions = {}): string {
  return buildExport(live, options).yaml;
}
