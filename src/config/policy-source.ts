/**
 * Reads a permission set's inline policy from `inline_policy` (YAML or a JSON string) or
 * `inline_policy_file` (a JSON file in the repository, relative to access.yaml's directory).
 *
 * A pull request's access.yaml is untrusted, and the job reading it holds AWS credentials, so
 * the file it names is read only when it is a regular file inside the repository that holds
 * access.yaml and at most {@link MAX_POLICY_FILE_BYTES} long (see {@link readPolicyFile}), and
 * nothing of a refused file is ever shown.
 */
import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../model/source.js';
import { jsonErrorOffset, jsonTooDeepAt } from './json-error.js';
import { describeThing } from './describe.js';
import { MAX_DEPTH } from './parse.js';
import type { PathSegments, SourceMap } from './source-map.js';

/**
 * Most bytes read from an `inline_policy_file`: Identity Center's limit for an inline policy is
 * 32,768 characters (PutInlinePolicyToPermissionSet, InlinePolicy: length 1–32768), and no valid
 * policy file is larger.
 */
export const MAX_POLICY_FILE_BYTES = 32 * 1024;

/** An inline policy as read, kept for the policy rules. */
export interface InlinePolicyDoc {
  permissionSet: string;
  /** The parsed policy document. */
  document: unknown;
  /** Where it was written: `yaml` (positions inside it are known), `json` (a string), `file`. */
  origin: 'yaml' | 'json' | 'file';
  /** Path of the `inline_policy` / `inline_policy_file` value. */
  segs: PathSegments;
  /** Bytes of the policy as written (JSON text or file); for YAML, of the minified JSON. */
  writtenBytes: number;
  /** For files: the path shown to the user. */
  displayPath?: string;
}

export interface PolicyRead {
  doc?: InlinePolicyDoc;
  diagnostics: Diagnostic[];
}

/** Where a path relative to access.yaml's directory is, as shown to the user (relative to cwd; an absolute path as written). */
export function displayPath(baseDir: string, path: string): string {
  if (isAbsolute(path)) return path;
  const abs = resolve(baseDir, path);
  const rel = relative(process.cwd(), abs);
  return rel === '' || isAbsolute(rel) ? abs : rel;
}

export function readInlinePolicy(name: string, ps: Record<string, unknown>, baseDir: string, source: SourceMap): PolicyRead {
  const base = ['permission_sets', name];
  const owner = describeThing(base);
  const inline = ps['inline_policy'];
  const file = ps['inline_policy_file'];
  const diagnostics: Diagnostic[] = [];
  const error = (segs: PathSegments, message: string, key = false): void => {
    diagnostics.push({ ...(key ? source.keyAt(segs) : source.at(segs)), severity: 'error', message });
  };
  if (inline !== undefined && file !== undefined) {
    error([...base, 'inline_policy_file'], `${owner} has both inline_policy and inline_policy_file: keep one (a permission set has one inline policy)`, true);
    return { diagnostics };
  }
  if (inline !== null && typeof inline === 'object' && !Array.isArray(inline)) {
    const segs = [...base, 'inline_policy'];
    return { doc: { permissionSet: name, document: inline, origin: 'yaml', segs, writtenBytes: Buffer.byteLength(JSON.stringify(inline)) }, diagnostics };
  }
  if (typeof inline === 'string') {
    const segs = [...base, 'inline_policy'];
    const parsed = parseJson(inline);
    if ('error' in parsed) {
      error(segs, `inline_policy of ${owner} is not valid JSON: ${parsed.error}; write it as YAML instead, or fix the JSON`);
      return { diagnostics };
    }
    return { doc: { permissionSet: name, document: parsed.value, origin: 'json', segs, writtenBytes: Buffer.byteLength(inline) }, diagnostics };
  }
  if (typeof file === 'string' && file !== '') {
    const segs = [...base, 'inline_policy_file'];
    const shown = displayPath(baseDir, file);
    const read = readPolicyFile(baseDir, file);
    if ('refused' in read) {
      error(segs, `inline_policy_file of ${owner} ${read.refused(shown, source.file)}`);
      return { diagnostics };
    }
    const text = read.text;
    const parsed = parseJson(text);
    if ('error' in parsed) {
      error(segs, `inline_policy_file ${shown} of ${owner} is not valid JSON: ${parsed.error}`);
      return { diagnostics };
    }
    return {
      doc: { permissionSet: name, document: parsed.value, origin: 'file', segs, writtenBytes: Buffer.byteLength(text), displayPath: shown },
      diagnostics,
    };
  }
  return { diagnostics };
}

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

/** The end of a sentence that starts with the key: `is outside the repository: …`. */
type Refusal = (path: string, config: string) => string;

/**
 * The text of the policy file `file` (relative to `configDir`), or why it is refused. Refused,
 * without reading a byte: a path whose real location (symlinks resolved) is outside the
 * repository of access.yaml ({@link repositoryRoot}), anything but a regular file (a directory,
 * a device such as /dev/zero, a FIFO, a socket), and a file over {@link MAX_POLICY_FILE_BYTES}
 * (its size taken with fstat on the opened descriptor, and at most that many bytes + 1 read,
 * so a file that grows meanwhile is caught too). The file is opened non-blocking and without
 * following a symlink, so one swapped in after the checks cannot hang or redirect the read.
 */
export function readPolicyFile(configDir: string, file: string): { text: string } | { refused: Refusal } {
  const root = repositoryRoot(configDir);
  const abs = resolve(configDir, file);
  const outside =
    (symlink: boolean): Refusal =>
    (path, config) =>
      `points outside the repository (${root})${symlink ? ' through a symlink' : ''}: ${path}: only files in the repository of ${config} are read; move the policy file into it and give its path relative to the directory of ${config}`;
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
    const notAFile: Refusal = (path) => `is not a regular file: ${path} (a directory, device, pipe or socket): point it at a JSON file in the repository`;
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
        `is ${size} bytes: ${path}: Identity Center accepts at most ${MAX_POLICY_FILE_BYTES.toLocaleString('en-US')} bytes; move statements into a customer-managed policy, or merge statements and use wildcards`;
    if (st.size > MAX_POLICY_FILE_BYTES) return { refused: tooBig(st.size.toLocaleString('en-US')) };
    const buffer = Buffer.alloc(MAX_POLICY_FILE_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_POLICY_FILE_BYTES) return { refused: tooBig(`more than ${MAX_POLICY_FILE_BYTES.toLocaleString('en-US')}`) };
    return { text: buffer.toString('utf8', 0, length) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { refused: (path) => `cannot be read: ${path} (${code ?? 'error'}): check that it is a readable file` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * JSON.parse with an error that is the same on every Node version: where it failed (line and
 * column inside the JSON), not V8's wording. JSON nested deeper than {@link MAX_DEPTH} levels
 * is refused first (nothing after parsing recurses over a deeper document).
 */
export function parseJson(text: string): { value: unknown } | { error: string } {
  const deep = jsonTooDeepAt(text, MAX_DEPTH);
  if (deep !== undefined) return { error: `it is nested deeper than ${MAX_DEPTH} levels (${lineColOf(text, deep)}); IAM policies need about 5: flatten it` };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    const offset = jsonErrorOffset(text) ?? text.length;
    if (offset >= text.length) return { error: text.trim() === '' ? 'it is empty' : 'it ends too early (a closing bracket or quote is missing)' };
    return { error: `unexpected ${JSON.stringify(text[offset])} at ${lineColOf(text, offset)}` };
  }
}

function lineColOf(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${col} of the JSON`;
}
