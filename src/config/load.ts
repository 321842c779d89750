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
import { kindOf } from './describe.js';
import { normalise } from './normalise.js';
import { parseYaml } from './parse.js';
import { readRepositoryFile, repositoryPaths } from './repository-file.js';
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
   * sorted: the config itself and every `inline_policy_file` it names (read or not, valid or
   * not), with the symlinks on their way and where those lead. A change to any other file
   * cannot change what the config says.
   */
  files: string[];
}

export interface LoadOptions {
  /** Directory a relative `path` is read from (default: the process's working directory). */
  cwd?: string;
}

/** Reads and loads the file at `path`; `inline_policy_file` paths are relative to its directory. */
export async function loadConfig(path: string, options: LoadOptions = {}): Promise<LoadResult> {
  const abs = resolve(options.cwd ?? process.cwd(), path);
  const configFiles = repositoryPaths(dirname(abs), abs);
  const cannot = (why: string): LoadResult => ({
    diagnostics: [{ file: path, line: 1, col: 1, severity: 'error', message: `cannot read ${path}: ${why}` }],
    files: configFiles,
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
  return { ...loaded, files: [...new Set([...configFiles, ...loaded.files])].sort() };
}

/**
 * Loads access.yaml from text; `file` is the name used in diagnostics, `baseDir` resolves policy
 * files. `files` lists the policy files only (the text came from elsewhere).
 */
export function loadConfigText(text: string, file: string, baseDir: string): LoadResult {
  const parsed = parseYaml(text, file);
  const diagnostics = [...parsed.diagnostics];
  if (parsed.fatal) return finish(diagnostics, []);
  const data = parsed.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const message =
      data === null
        ? `${file} is empty: start it with "version: 1" (see the README for the format)`
        : `the top level of ${file} must be a mapping (version:, users:, permission_sets:, …), not ${kindOf(data)}`;
    diagnostics.push({ ...parsed.source.at([]), severity: 'error', message });
    return finish(diagnostics, []);
  }
  // Linear checks first; the schema then has nothing whose cost grows faster than its input.
  diagnostics.push(...checkUniqueLists(data, parsed.source));
  diagnostics.push(...checkSchema(data, parsed.source));
  const { desired, policies, policyFiles, diagnostics: normaliseDiagnostics } = normalise(data, parsed.source, baseDir);
  diagnostics.push(...normaliseDiagnostics);
  diagnostics.push(...runRules({ data: data as Record<string, unknown>, desired, source: parsed.source, policies }));
  const files = [...new Set(policyFiles.flatMap((abs) => repositoryPaths(baseDir, abs)))].sort();
  return finish(diagnostics, files, desired);
}

function finish(diagnostics: Diagnostic[], files: string[], desired?: Desired): LoadResult {
  const seen = new Set<string>();
  const unique = sortDiagnostics(diagnostics).filter((d) => {
    const k = formatDiagnostic(d);
    return seen.has(k) ? false : (seen.add(k), true);
  });
  const ok = !unique.some((d) => d.severity === 'error');
  return ok && desired ? { desired, diagnostics: unique, files } : { diagnostics: unique, files };
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
