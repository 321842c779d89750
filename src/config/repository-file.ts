/**
 * Reading a file named by an untrusted access.yaml (or access.yaml itself) in a job that holds
 * AWS credentials: only a regular file inside the repository, read up to a size limit, and
 * nothing of a refused file ever shown.
 */
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The repository that holds a config in `configDir`: the nearest ancestor (the directory
 * itself included) with a `.git` entry (a directory, or a file in a worktree or submodule);
 * without one, `configDir` itself. Real paths, symlinks resolved.
 */
export function repositoryRoot(configDir: string): string {
  let start: string;
  try {
    start = realpathSync(configDir);
  } catch {
    return resolve(configDir);
  }
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * Where `abs` really is: its real path, or, when it does not exist, the real path of its
 * deepest existing ancestor with the rest appended (so a missing file behind a symlinked
 * directory is located where the symlink leads).
 */
function realLocation(abs: string): string {
  const rest: string[] = [];
  for (let dir = abs; ; dir = dirname(dir)) {
    try {
      return join(realpathSync(dir), ...rest);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || dirname(dir) === dir) throw e;
    }
    rest.unshift(basename(dir));
  }
}

/** True when a component of `path` below `root` is a symlink (one that leads nowhere, since realpath failed). */
function throughSymlink(root: string, path: string): boolean {
  for (let p = path; p !== root && isInside(root, p); p = dirname(p)) {
    try {
      if (lstatSync(p).isSymbolicLink()) return true;
    } catch {
      // missing: look higher
    }
  }
  return false;
}

/** The end of a sentence that names the file: `points outside the repository: …`. */
export type Refusal = (path: string, config: string) => string;

export interface FileLimit {
  /** Most bytes read. */
  maxBytes: number;
  /** What to do about a larger file. */
  tooBig: string;
  /** What the file should be: `a JSON file`. */
  what: string;
  /** What to do about a file outside the repository. */
  outside: (config: string) => string;
}

/**
 * The text of `file` (relative to `configDir`, the directory of access.yaml), or why it is refused. Refused,
 * without reading a byte: a path whose real location (symlinks resolved) is outside the
 * repository of access.yaml ({@link repositoryRoot}), anything but a regular file (a directory,
 * a device such as /dev/zero, a FIFO, a socket), and a file over `limit.maxBytes`
 * (its size taken with fstat on the opened descriptor, and at most that many bytes + 1 read,
 * so a file that grows meanwhile is caught too). The file is opened non-blocking and without
 * following a symlink, so one swapped in after the checks cannot hang or redirect the read.
 */
export function readRepositoryFile(configDir: string, file: string, limit: FileLimit): { text: string } | { refused: Refusal } {
  const root = repositoryRoot(configDir);
  const abs = resolve(configDir, file);
  const outside =
    (symlink: boolean): Refusal =>
    (path, config) =>
      `points outside the repository (${root})${symlink ? ' through a symlink' : ''}: ${path}: only files in the repository of ${config} are read; ${limit.outside(config)}`;
  let real: string;
  try {
    real = realLocation(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { refused: (path) => `cannot be read: ${path} (${code ?? 'error'}): check the file's permissions` };
  }
  // Outside first, whether it exists or not: nothing says if a path outside the repository exists.
  if (!isInside(root, real)) return { refused: outside(real !== abs) };
  let fd: number | undefined;
  try {
    const notAFile: Refusal = (path) => `is not a regular file: ${path} (a directory, device, pipe or socket): point it at ${limit.what} in the repository`;
    let isFile: boolean;
    try {
      isFile = statSync(real).isFile();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      // A symlink to nothing answers as a symlink out would: its target may be outside.
      if (throughSymlink(root, real)) return { refused: outside(true) };
      return { refused: (path, config) => `does not exist: ${path} (the path is relative to the directory of ${config})` };
    }
    if (!isFile) return { refused: notAFile };
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const st = fstatSync(fd);
    if (!st.isFile()) return { refused: notAFile };
    const tooBig =
      (size: string): Refusal =>
      (path) =>
        `is ${size} bytes: ${path}: ${limit.tooBig}`;
    if (st.size > limit.maxBytes) return { refused: tooBig(st.size.toLocaleString('en-US')) };
    // Room for the size fstat gave and one byte more (not the whole cap: a configuration reads
    // many files): a file that grew meanwhile fills it.
    const buffer = Buffer.alloc(Math.min(limit.maxBytes, st.size) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > limit.maxBytes) return { refused: tooBig(`more than ${limit.maxBytes.toLocaleString('en-US')}`) };
    if (length > st.size) return { refused: (path) => `changed while it was read: ${path}: run again` };
    return { text: buffer.toString('utf8', 0, length) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { refused: (path) => `cannot be read: ${path} (${code ?? 'error'}): check that it is a readable file` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * How the file at `abs` (named from `baseDir`, the directory of access.yaml) appears in the
 * repository of `baseDir`, as paths relative to its root with `/` separators: the path as named,
 * every symlink on the way (a change to the link changes what is read) and where it really is.
 * Paths outside the repository are left out (they are never read). For knowing whether a change
 * touches what a config reads.
 */
export function repositoryPaths(baseDir: string, abs: string): string[] {
  const root = repositoryRoot(baseDir);
  let realBase: string;
  try {
    realBase = realpathSync(baseDir);
  } catch {
    realBase = resolve(baseDir);
  }
  const lexical = resolve(realBase, relative(baseDir, abs));
  const paths = new Set<string>();
  const add = (p: string): void => {
    if (p !== root && isInside(root, p)) paths.add(relative(root, p).split(sep).join('/'));
  };
  add(lexical);
  for (let p = dirname(lexical); p !== root && isInside(root, p); p = dirname(p)) {
    try {
      if (lstatSync(p).isSymbolicLink()) add(p);
    } catch {
      // missing: nothing to follow
    }
  }
  try {
    add(realLocation(lexical));
  } catch {
    // unreadable: the named path is all there is
  }
  return [...paths].sort();
}
