/**
 * Merges the files of a split configuration (the root access.yaml and the files it includes)
 * into one document with one source map, so that normalising, the semantic rules and the
 * planner see a single access.yaml while every position still names the file it came from.
 *
 * Named definitions (users, groups, permission sets, account aliases) merge by name: the same
 * name in two files is an error naming both positions. Assignment rules are concatenated in
 * file order (the root first, then the included files by path). Settings that must be single
 * (`identity_center`, `ownership`, `safety`, `include`) are taken from the root file only; in an
 * included file they are an error.
 */
import type { Diagnostic, PathKey, SourcePos } from '../model/source.js';
import { hasName, nameRecord } from '../model/name-record.js';
import { quoteValue } from '../render/escape.js';
import type { PathSegments } from './source-map.js';
import { SourceMap } from './source-map.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sections whose entries are definitions by name, with what an entry is called. */
export const NAMED_SECTIONS: Readonly<Record<string, string>> = {
  users: 'user',
  groups: 'group',
  permission_sets: 'permission set',
  accounts: 'account alias',
};
/** Top-level keys that only the root file may set. */
export const ROOT_ONLY_KEYS = ['identity_center', 'ownership', 'safety', 'include'] as const;

export interface ParsedFile {
  data: Obj;
  source: SourceMap;
}

/** Where the rules of one file sit in the merged `assignments:`. */
interface RuleRange {
  source: SourceMap;
  offset: number;
  count: number;
}

/** The merged document's positions: each path looked up in the file that holds it (rule indexes shifted). */
class MergedSourceMap extends SourceMap {
  constructor(
    private readonly rootSource: SourceMap,
    private readonly owners: ReadonlyMap<string, SourceMap>,
    private readonly ranges: readonly RuleRange[],
  ) {
    super(rootSource.file, rootSource.posOf);
  }

  /** The file that holds `path` and the path inside it. */
  private locate(path: PathSegments): { source: SourceMap; local: PathSegments } {
    const [section, name] = path;
    if (typeof section === 'string' && hasName(NAMED_SECTIONS, section) && typeof name === 'string') {
      return { source: this.owners.get(ownerKey(section, name)) ?? this.rootSource, local: path };
    }
    if (section === 'assignments' && typeof name === 'number') {
      const range = this.ranges.find((r) => name >= r.offset && name < r.offset + r.count);
      if (range) return { source: range.source, local: ['assignments', name - range.offset, ...path.slice(2)] };
    }
    return { source: this.rootSource, local: path };
  }

  override at(path: PathSegments): SourcePos {
    const { source, local } = this.locate(path);
    return source.at(local);
  }

  override keyAt(path: PathSegments): SourcePos {
    const { source, local } = this.locate(path);
    return source.keyAt(local);
  }

  override sourceOf(path: PathSegments): string | undefined {
    const { source, local } = this.locate(path);
    return source.sourceOf(local);
  }

  /** Every node's position: the root file's, then each included file's (rule indexes shifted). */
  override positions(): Record<PathKey, SourcePos> {
    const out = Object.create(null) as Record<PathKey, SourcePos>;
    copyPositions(out, this.rootSource, 0, true);
    for (const range of this.ranges.slice(1)) copyPositions(out, range.source, range.offset, false);
    return out;
  }
}

const ownerKey = (section: string, name: string): string => `${section}\u0000${name}`;

const place = (p: SourcePos): string => `${p.file}:${p.line}:${p.col}`;

export interface Merged {
  data: Obj;
  source: SourceMap;
  diagnostics: Diagnostic[];
  /** For each merged rule index: the file and the index in that file's `assignments:`. */
  ruleOrigins: { file: string; index: number }[];
}

/** Merges `root` and `included` (already sorted by path). With nothing included, returns the root as it is. */
export function mergeFiles(root: ParsedFile, included: readonly ParsedFile[]): Merged {
  const rootRules = Array.isArray(root.data['assignments']) ? root.data['assignments'] : [];
  const ruleOrigins = rootRules.map((_, index) => ({ file: root.source.file, index }));
  if (included.length === 0) return { data: root.data, source: root.source, diagnostics: [], ruleOrigins };

  const diagnostics: Diagnostic[] = [];
  const data: Obj = nameRecord(Object.entries(root.data));
  const owners = new Map<string, SourceMap>();
  const sections = nameRecord<Obj>(Object.keys(NAMED_SECTIONS).map((section) => [section, nameRecord()]));
  const rules: unknown[] = [...rootRules];
  const ranges: RuleRange[] = [{ source: root.source, offset: 0, count: rootRules.length }];

  for (const file of [root, ...included]) {
    for (const [section, what] of Object.entries(NAMED_SECTIONS)) {
      const entries = file.data[section];
      if (!isObj(entries)) continue;
      const merged = sections[section] as Obj;
      for (const [name, value] of Object.entries(entries)) {
        const first = owners.get(ownerKey(section, name));
        if (first) {
          const here = file.source.keyAt([section, name]);
          diagnostics.push({
            ...here,
            severity: 'error',
            message: `${what} ${quoteValue(name)} is defined twice: at ${place(first.keyAt([section, name]))} and at ${place(here)}: keep one definition (in the file of the team that owns it)`,
          });
          continue;
        }
        owners.set(ownerKey(section, name), file.source);
        merged[name] = value;
      }
    }
    if (file === root) continue;
    for (const key of ROOT_ONLY_KEYS) {
      if (file.data[key] === undefined) continue;
      diagnostics.push({
        ...file.source.keyAt([key]),
        severity: 'error',
        message: `${key} can only be set in ${root.source.file}, which includes ${file.source.file}: move it there`,
      });
    }
    const fileRules = Array.isArray(file.data['assignments']) ? file.data['assignments'] : [];
    ranges.push({ source: file.source, offset: rules.length, count: fileRules.length });
    fileRules.forEach((rule, index) => {
      ruleOrigins.push({ file: file.source.file, index });
      rules.push(rule);
    });
  }
  for (const [section, merged] of Object.entries(sections)) {
    if (Object.keys(merged).length > 0 || root.data[section] !== undefined) data[section] = merged;
  }
  if (rules.length > 0 || root.data['assignments'] !== undefined) data['assignments'] = rules;

  const source = new MergedSourceMap(root.source, owners, ranges);
  return { data, source, diagnostics, ruleOrigins };
}

const RULE_KEY = /^assignments\[(\d+)\]/;

/**
 * Copies the value positions of one file into the merged map: its rules' indexes shifted by
 * `offset`, the first definition of a name kept, and, for an included file, nothing of the
 * top level or of the keys only the root file sets.
 */
function copyPositions(into: Record<PathKey, SourcePos>, from: SourceMap, offset: number, isRoot: boolean): void {
  for (const [key, pos] of Object.entries(from.positions())) {
    const rule = RULE_KEY.exec(key);
    if (rule) {
      into[`assignments[${Number(rule[1]) + offset}]${key.slice(rule[0].length)}`] = pos;
      continue;
    }
    if (!isRoot && (key === '' || key === 'assignments' || ROOT_ONLY_KEYS.some((k) => key === k || key.startsWith(`${k}.`) || key.startsWith(`${k}[`))))
      continue;
    if (!Object.hasOwn(into, key)) into[key] = pos;
  }
}

/**
 * The merged data names the rules of included files by their merged index (`assignment rule 7`);
 * a diagnostic in an included file names them as that file numbers them (`assignment rule 2`).
 */
export function localiseRuleNumbers(diagnostics: readonly Diagnostic[], ruleOrigins: Merged['ruleOrigins']): Diagnostic[] {
  return diagnostics.map((d) => {
    if (!/assignment rule \d/.test(d.message)) return d;
    const message = d.message.replace(/assignment rule (\d+)/g, (whole, n: string) => {
      const origin = ruleOrigins[Number(n) - 1];
      return origin && origin.file === d.file ? `assignment rule ${origin.index + 1}` : whole;
    });
    return { ...d, message };
  });
}
