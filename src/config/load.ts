/**
 * Loads access.yaml: parse (positions kept) → JSON schema → normalise → semantic rules.
 * Every problem is reported at once, sorted by position; the model is returned only when there
 * is no error.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { Desired } from '../model/desired.js';
import type { Diagnostic } from '../model/source.js';
import { formatDiagnostic, sortDiagnostics } from '../model/source.js';
import { count } from '../model/plural.js';
import { compareStrings, sortedStrings } from '../model/compare.js';
import { kindOf } from './describe.js';
import { normalise } from './normalise.js';
import { parseYaml } from './parse.js';
import { readRepositoryFile, repositoryPaths } from './repository-file.js';
import type { ConfigText } from './include.js';
import { readIncludes, repositoryPatterns, includePatterns } from './include.js';
import type { ParsedFile } from './merge.js';
import { localiseRuleNumbers, mergeFiles, ROOT_ONLY_KEYS } from './merge.js';
import { runRules } from './rules/index.js';
import { checkSchema } from './schema.js';
import { checkUniqueLists } from './unique-lists.js';

/** Largest access.yaml read (a file with 5,000 users and 2,000 rules is about 1 MB). */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

export interface LoadResult {
  /** Present if and only if there is no error-severity diagnostic. */
  desired?: Desired;
  /** Every problem found, sorted by file, line, column, message. */
  diagnostics: Diagnostic[];
  /**
   * The files this config reads, relative to the root of its repository with `/` separators,
   * sorted: the config itself, every file its `include:` globs match and every
   * `inline_policy_file` (read or not, valid or not), with the symlinks on their way and where
   * those lead. A change to any other file, except one {@link include} matches (a file added
   * or removed), cannot change what the config says.
   */
  files: string[];
  /** The `include:` globs, relative to the root of the repository (`infra/access.d/*.yaml`). */
  include: string[];
}

export interface LoadOptions {
  /** Directory a relative `path` is read from (default: the process's working directory). */
  cwd?: string;
}

/**
 * Reads and loads the file at `path` and the files it includes; `include:` globs and
 * `inline_policy_file` paths (in any of the files) are relative to its directory.
 */
export async function loadConfig(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  const abs = resolve(options.cwd ?? process.cwd(), path);
  const configFiles = repositoryPaths(dirname(abs), abs);
  const cannot = (why: string): LoadResult => ({
    diagnostics: [{ file: path, line: 1, col: 1, severity: 'error', message: `cannot read ${path}: ${why}` }],
    files: configFiles,
    include: [],
  });
  try {
    if ((await stat(abs)).isDirectory()) return cannot('it is a directory');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return cannot(code === 'ENOENT' || code === 'ENOTDIR' ? `no such file (looked for ${abs})` : `${code ?? 'error'}: check the file's permissions`);
  }
  // access.yaml itself may come from a pull request: a symlink to a file outside the
  // repository, a device or a FIFO is refused like an inline_policy_file.
  const read = readRepositoryFile(dirname(abs), basename(abs), {
    maxBytes: MAX_CONFIG_BYTES,
    tooBig: `files over ${MAX_CONFIG_BYTES.toLocaleString('en-US')} bytes are not read (5,000 users and 2,000 rules take about 1 MB)`,
    what: 'a YAML file',
    outside: () => 'make it a regular file of the repository',
  });
  if ('refused' in read) return cannot(`it ${read.refused(path, path)}`);
  const loaded = loadConfigText(read.text, path, dirname(abs));
  return { ...loaded, files: sortedStrings([...configFiles, ...loaded.files]), include: repositoryPatterns(dirname(abs), loaded.include) };
}

/**
 * Loads access.yaml from text; `file` is the name used in diagnostics, `baseDir` resolves policy
 * files and `include:` globs. `files` lists the policy files and included files only (the text
 * came from elsewhere). With `included`, those texts are the included files (for a
 * configuration not on disk, such as a split export) and `include:` is not searched.
 */
export function loadConfigText(text: string, file: string, baseDir: string, included?: readonly ConfigText[]): LoadResult {
  const root = parseFile(text, file, 'root');
  const diagnostics = [...root.diagnostics];
  if (!root.parsed) return finish(diagnostics, [], []);
  const patterns = includePatterns(root.parsed.data);
  let texts: readonly ConfigText[] = included ?? [];
  const read: string[] = [];
  if (included === undefined && root.parsed.data['include'] !== undefined) {
    const rootAbs = resolve(baseDir, basename(file));
    const found = readIncludes(root.parsed.data, root.parsed.source, baseDir, rootAbs, MAX_CONFIG_BYTES - Buffer.byteLength(text, 'utf8'));
    diagnostics.push(...found.diagnostics);
    texts = found.texts;
    read.push(...found.matched);
  }
  const parts = [...texts].sort((a, b) => compareStrings(a.file, b.file)).map((t) => parseFile(t.text, t.file, 'included'));
  for (const part of parts) diagnostics.push(...part.diagnostics);
  const fileList = (policyFiles: readonly string[]): string[] => sortedStrings([...read, ...policyFiles].flatMap((abs) => repositoryPaths(baseDir, abs)));
  const good = parts.flatMap((p) => (p.parsed ? [p.parsed] : []));
  if (good.length < parts.length) return finish(diagnostics, fileList([]), patterns);
  const merged = mergeFiles(root.parsed, good);
  diagnostics.push(...merged.diagnostics);
  const { desired, policies, policyFiles, diagnostics: normaliseDiagnostics } = normalise(merged.data, merged.source, baseDir);
  const later = [...normaliseDiagnostics, ...runRules({ data: merged.data, desired, source: merged.source, policies })];
  diagnostics.push(...localiseRuleNumbers(later, merged.ruleOrigins));
  desired.rules.forEach((rule, i) => {
    const origin = merged.ruleOrigins[i];
    if (origin && origin.file !== file) rule.fileIndex = origin.index;
  });
  return finish(diagnostics, fileList(policyFiles), patterns, desired);
}

interface ParsedPart {
  /** Absent when the file cannot be used (a syntax error, not a mapping). */
  parsed?: ParsedFile;
  diagnostics: Diagnostic[];
}

/** Parses one file of the configuration and runs the checks that need only that file. */
function parseFile(text: string, file: string, kind: 'root' | 'included'): ParsedPart {
  const parsed = parseYaml(text, file);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.fatal) return { diagnostics };
  let data = parsed.data;
  // An included file holding only comments adds nothing; the root file must say "version: 1".
  if (data === null && kind === 'included') data = {};
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const message =
      data === null
        ? `${file} is empty: start it with "version: 1" (see the README for the format)`
        : `the top level of ${file} must be a mapping (version:, users:, permission_sets:, …), not ${kindOf(data)}`;
    diagnostics.push({ ...parsed.source.at([]), severity: 'error', message });
    return { diagnostics };
  }
  const obj = data as Record<string, unknown>;
  // Linear checks first; the schema then has nothing whose cost grows faster than its input.
  diagnostics.push(...checkUniqueLists(obj, parsed.source));
  // Keys only the root file sets are reported once, by the merge, in words that say where they go.
  const checked = kind === 'root' ? obj : Object.fromEntries(Object.entries(obj).filter(([k]) => !(ROOT_ONLY_KEYS as readonly string[]).includes(k)));
  diagnostics.push(...checkSchema(checked, parsed.source, kind));
  return { parsed: { data: obj, source: parsed.source }, diagnostics };
}

function finish(diagnostics: Diagnostic[], files: string[], include: string[], desired?: Desired): LoadResult {
  const seen = new Set<string>();
  const unique = sortDiagnostics(diagnostics).filter((d) => {
    const k = formatDiagnostic(d);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const ok = !unique.some((d) => d.severity === 'error');
  return ok && desired ? { desired, diagnostics: unique, files, include } : { diagnostics: unique, files, include };
}

/** `access.yaml: valid — 1 user, 0 groups, 2 permission sets, 2 assignment rules`. */
export function summarise(desired: Desired): string {
  const counts = [
    count(Object.keys(desired.users).length, 'user'),
    count(Object.keys(desired.groups).length, 'group'),
    count(Object.keys(desired.permissionSets).length, 'permission set'),
    count(desired.rules.length, 'assignment rule'),
  ];
  return `${desired.file}: valid — ${counts.join(', ')}`;
}
