/**
 * `idc export --split team|permission-set`: the export as a root access.yaml that includes
 * `access.d/*.yaml`, one file per team (group) or per permission set, so that CODEOWNERS can
 * give each file its own approvers. The same triples as the single-file export: a rule that
 * names several groups (or several permission sets) is cut into one rule per file, each still a
 * full product, so the files together expand to exactly the exported assignments.
 *
 * - `team`: a group's file holds the group, its rules, the permission sets only its rules use,
 *   and the users who are members of that group alone. Everything else (direct user rules,
 *   shared permission sets, users in several groups or none) stays in the root file.
 * - `permission-set`: a permission set's file holds the set and the rules that give it. Users
 *   and groups stay in the root file.
 */
import { compareStrings } from '../model/compare.js';
import { slugOf } from './account-aliases.js';
import type { DocumentParts, TopLevelKey } from './document.js';
import { renderDocument } from './document.js';
import type { Entries, ExportModel, ExportResult } from './export-access-yaml.js';
import { ruleValue } from './export-access-yaml.js';
import type { ExportRule } from './group-assignments.js';
import { nameRecord } from '../model/name-record.js';

export type SplitBy = 'team' | 'permission-set';

/** The directory of the included files, beside the root file, and the glob that includes them. */
export const SPLIT_DIR = 'access.d';
export const SPLIT_INCLUDE = `${SPLIT_DIR}/*.yaml`;

export interface SplitFile {
  /** Relative to the root file's directory (`access.d/data-engineers.yaml`). */
  path: string;
  yaml: string;
}

export interface SplitExport extends Omit<ExportResult, 'yaml'> {
  /** The root file's text. */
  root: string;
  /** The included files, sorted by path. */
  files: SplitFile[];
}

/** The part of an export that goes into one file. */
interface Bucket {
  users: Set<string>;
  groups: Set<string>;
  permissionSets: Set<string>;
  rules: ExportRule[];
}

const emptyBucket = (): Bucket => ({ users: new Set(), groups: new Set(), permissionSets: new Set(), rules: [] });

/** `name → file name` (a slug; `-2`, `-3`… when two names give the same slug, in name order). */
function fileNames(names: readonly string[], prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const name of [...names].sort(compareStrings)) {
    const slug = slugOf(name) || prefix;
    let file = slug;
    for (let n = 2; used.has(file); n++) file = `${slug}-${n}`;
    used.add(file);
    out.set(name, file);
  }
  return out;
}

/** Which file each definition and rule belongs to: `undefined` is the root file. */
function assign(model: ExportModel, by: SplitBy): { root: Bucket; buckets: Map<string, Bucket> } {
  const root = emptyBucket();
  const buckets = new Map<string, Bucket>();
  const bucket = (key: string): Bucket => buckets.get(key) ?? (buckets.set(key, emptyBucket()).get(key) as Bucket);
  const setNames = Object.keys(model.permissionSets.value);
  const groupNames = Object.keys(model.groups.value);
  if (by === 'permission-set') {
    for (const name of setNames) bucket(name).permissionSets.add(name);
    for (const name of Object.keys(model.users.value)) root.users.add(name);
    for (const name of groupNames) root.groups.add(name);
    for (const rule of model.rules) {
      for (const set of rule.permissionSets) bucket(set).rules.push({ ...rule, permissionSets: [set] });
    }
    return { root, buckets };
  }
  const groupsOfRules = new Set(model.rules.flatMap((r) => r.groups));
  for (const name of [...groupNames, ...groupsOfRules]) bucket(name).groups.add(name);
  // Groups only named by rules (external identity source) get a file too; the definition stays out.
  for (const [name, b] of buckets) if (!groupNames.includes(name)) b.groups.delete(name);
  const usersOf = new Map<string, string[]>(); // set → who uses it: group names, or '' for a direct user rule
  for (const rule of model.rules) {
    for (const group of rule.groups) bucket(group).rules.push({ ...rule, users: [], groups: [group] });
    if (rule.users.length > 0) root.rules.push({ ...rule, groups: [] });
    for (const set of rule.permissionSets) {
      usersOf.set(set, [...(usersOf.get(set) ?? []), ...rule.groups, ...(rule.users.length > 0 ? [''] : [])]);
    }
  }
  for (const name of setNames) {
    const by = [...new Set(usersOf.get(name) ?? [])];
    const only = by.length === 1 ? by[0] : undefined;
    if (only !== undefined && only !== '') bucket(only).permissionSets.add(name);
    else root.permissionSets.add(name);
  }
  const groupsOfUser = new Map<string, string[]>();
  for (const [group, value] of Object.entries(model.groups.value)) {
    const members = (value as { members?: unknown }).members;
    for (const m of Array.isArray(members) ? members : []) if (typeof m === 'string') groupsOfUser.set(m, [...(groupsOfUser.get(m) ?? []), group]);
  }
  for (const name of Object.keys(model.users.value)) {
    const groups = groupsOfUser.get(name) ?? [];
    if (groups.length === 1 && groups[0] !== undefined) bucket(groups[0]).users.add(name);
    else root.users.add(name);
  }
  return { root, buckets };
}

/** The entries of `all` named in `keep`, in their order, with their comments. */
function pick(all: Entries, keep: ReadonlySet<string>): Entries | undefined {
  const value = nameRecord<unknown>();
  const comments = new Map<string, string[]>();
  for (const [name, v] of Object.entries(all.value)) {
    if (!keep.has(name)) continue;
    value[name] = v;
    const c = all.comments.get(name);
    if (c) comments.set(name, c);
  }
  return Object.keys(value).length > 0 ? { value, comments } : undefined;
}

/** The sections of one file: `users`, `groups`, `permission_sets`, `assignments` of the bucket. */
function sectionsOf(model: ExportModel, b: Bucket): Pick<DocumentParts, 'sections' | 'entryComments'> {
  const sections: DocumentParts['sections'] = {};
  const entryComments: DocumentParts['entryComments'] = {};
  const put = (key: TopLevelKey, e: Entries | undefined): void => {
    if (!e) return;
    sections[key] = e.value;
    entryComments[key] = e.comments;
  };
  put('users', pick(model.users, b.users));
  put('groups', pick(model.groups, b.groups));
  put('permission_sets', pick(model.permissionSets, b.permissionSets));
  if (b.rules.length > 0) sections.assignments = b.rules.map((r) => ruleValue(r, model.aliasOf));
  return { sections, entryComments };
}

export function splitExport(model: ExportModel, by: SplitBy, schemaOfIncluded: string): SplitExport {
  const { root, buckets } = assign(model, by);
  const names = fileNames([...buckets.keys()], by === 'team' ? 'team' : 'permission-set');
  const files: SplitFile[] = [];
  for (const [name, b] of buckets) {
    const { sections, entryComments } = sectionsOf(model, b);
    const what = by === 'team' ? `the team (group) ${JSON.stringify(name)}` : `the permission set ${JSON.stringify(name)}`;
    const parts: DocumentParts = {
      header: [
        `yaml-language-server: $schema=${schemaOfIncluded}`,
        `Exported by \`idc export --split ${by}\`: ${what}. Included by the access.yaml beside ${SPLIT_DIR}/;`,
        'give this file its own approvers in CODEOWNERS.',
      ],
      sections,
      sectionComments: {},
      entryComments,
      inlineComments: {},
      trailer: [],
    };
    files.push({ path: `${SPLIT_DIR}/${names.get(name) ?? name}.yaml`, yaml: renderDocument(parts) });
  }
  files.sort((a, b) => compareStrings(a.path, b.path));

  const full = model.parts;
  const { sections, entryComments } = sectionsOf(model, root);
  const rootParts: DocumentParts = {
    ...full,
    header: [...full.header, `Split by ${by}: ${SPLIT_INCLUDE} holds one file per ${by === 'team' ? 'team (group)' : 'permission set'}.`],
    sections: {
      version: 1,
      include: [SPLIT_INCLUDE],
      identity_center: full.sections.identity_center,
      ...(full.sections.accounts !== undefined ? { accounts: full.sections.accounts } : {}),
      ...sections,
    },
    sectionComments: {
      ...full.sectionComments,
      include: [`The other files of this configuration, one per ${by === 'team' ? 'team (group)' : 'permission set'}.`],
      assignments: sections.assignments !== undefined ? ['Rules that give permission sets to users directly.'] : [],
    },
    entryComments,
    trailer: model.skippedLines,
  };
  return { root: renderDocument(rootParts), files, warnings: model.warnings, counts: model.counts };
}
