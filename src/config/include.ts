/**
 * `include:` in the root access.yaml: the other files of the configuration (by convention
 * `access.d/*.yaml`), found with globs relative to the root file's directory. Which files exist
 * comes from a pull request, so the globs never leave that directory (no absolute path, no
 * `..`), symlinks are not followed while matching, and every file is read with the rules of
 * `inline_policy_file` ({@link readRepositoryFile}: inside the repository, a regular file, a
 * size cap), with a cap on the number of files and on their total size.
 */
import { realpathSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';
import { globSync } from 'tinyglobby';
import { compareStrings } from '../model/compare.js';
import type { Diagnostic, SourcePos } from '../model/source.js';
import { quoteValue } from '../render/escape.js';
import { readRepositoryFile, repositoryRoot } from './repository-file.js';
import type { SourceMap } from './source-map.js';

/** Most files one configuration includes. */
export const MAX_INCLUDED_FILES = 1000;

/** A file of the configuration, as text: `file` is how diagnostics name it. */
export interface ConfigText {
  file: string;
  text: string;
}

export interface Includes {
  /** The included files read, sorted by path. */
  texts: ConfigText[];
  /** Absolute paths of every file matched (read or refused), for `LoadResult.files`. */
  matched: string[];
  diagnostics: Diagnostic[];
}

/** Why a glob is refused, or undefined when it is fine. */
function badPattern(pattern: string): string | undefined {
  if (pattern.trim() === '') return 'is empty';
  if (pattern.includes('\\')) return 'contains "\\": write paths with "/"';
  if (posix.isAbsolute(pattern) || /^[A-Za-z]:/.test(pattern)) return 'is absolute: write it relative to the directory of this file (access.d/*.yaml)';
  if (pattern.split('/').includes('..')) return 'leaves the directory of this file (".."): included files live beside it or below (access.d/*.yaml)';
  return undefined;
}

/** The globs of `include:` (the schema reports values of the wrong type). */
export function includePatterns(data: Record<string, unknown>): string[] {
  const v = data['include'];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Finds and reads the files `include:` names. `rootAbs` is the root file (never included
 * again), `rootShown` its name in diagnostics; included files are named by their path from the
 * root file's directory joined to the directory of `rootShown` (`infra/access.d/data.yaml`).
 */
export function readIncludes(data: Record<string, unknown>, source: SourceMap, baseDir: string, rootAbs: string, maxBytes: number): Includes {
  const out: Includes = { texts: [], matched: [], diagnostics: [] };
  const raw = data['include'];
  if (!Array.isArray(raw)) return out;
  const rootShown = source.file;
  const error = (pos: SourcePos, message: string): void => void out.diagnostics.push({ ...pos, severity: 'error', message });
  const first = new Map<string, number>(); // matched path → index of the first glob that matched it
  raw.forEach((pattern: unknown, i) => {
    if (typeof pattern !== 'string') return;
    const why = badPattern(pattern);
    if (why !== undefined) return error(source.at(['include', i]), `include ${quoteValue(pattern)} ${why}`);
    const found = globSync(pattern, { cwd: baseDir, onlyFiles: true, expandDirectories: false, followSymbolicLinks: false, dot: false });
    let matches = 0;
    for (const rel of found) {
      const abs = resolve(baseDir, rel);
      if (abs === rootAbs) {
        error(
          source.at(['include', i]),
          `include ${quoteValue(pattern)} matches ${rootShown} itself: a file cannot include itself; narrow the pattern (access.d/*.yaml)`,
        );
        continue;
      }
      matches++;
      if (!first.has(rel)) first.set(rel, i);
    }
    if (matches === 0 && found.length === 0) {
      out.diagnostics.push({ ...source.at(['include', i]), severity: 'warning', message: `include ${quoteValue(pattern)} matches no file` });
    }
  });
  const paths = [...first.keys()].sort(compareStrings);
  if (paths.length > MAX_INCLUDED_FILES) {
    error(
      source.at(['include']),
      `include matches ${paths.length.toLocaleString('en-US')} files; at most ${MAX_INCLUDED_FILES.toLocaleString('en-US')} are read: narrow the patterns`,
    );
    return out;
  }
  const dir = posix.dirname(rootShown.split(sep).join('/'));
  let total = 0;
  for (const rel of paths) {
    const shown = dir === '.' ? rel : posix.join(dir, rel);
    const at = source.at(['include', first.get(rel) ?? 0]);
    out.matched.push(resolve(baseDir, rel));
    const read = readRepositoryFile(baseDir, rel, {
      maxBytes: maxBytes - total,
      tooBig: `the files of one configuration together are read up to ${maxBytes.toLocaleString('en-US')} bytes`,
      what: 'a YAML file',
      outside: () => 'make it a regular file of the repository, or narrow the include pattern',
    });
    if ('refused' in read) {
      error(at, `cannot read included file ${shown}: it ${read.refused(shown, rootShown)}`);
      continue;
    }
    total += Buffer.byteLength(read.text, 'utf8');
    out.texts.push({ file: shown, text: read.text });
  }
  return out;
}

/**
 * The globs as paths from the root of the repository (`infra/access.d/*.yaml`), to tell whether
 * a changed file (one added or removed too) belongs to the configuration.
 */
export function repositoryPatterns(baseDir: string, patterns: readonly string[]): string[] {
  let real: string;
  try {
    real = realpathSync(baseDir);
  } catch {
    return [];
  }
  const rel = relative(repositoryRoot(baseDir), real).split(sep).join('/');
  if (rel.startsWith('..')) return [];
  return patterns.filter((p) => badPattern(p) === undefined).map((p) => (rel === '' ? p : posix.join(rel, p)));
}
