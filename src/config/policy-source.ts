/**
 * Reads a permission set's inline policy from `inline_policy` (YAML or a JSON string) or
 * `inline_policy_file` (a JSON file in the repository, relative to access.yaml's directory).
 *
 * A pull request's access.yaml is untrusted, and the job reading it holds AWS credentials, so
 * the file it names is read only when it is a regular file inside the repository that holds
 * access.yaml and at most {@link MAX_POLICY_FILE_BYTES} long (see readRepositoryFile), and
 * nothing of a refused file is ever shown.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { Diagnostic } from '../model/source.js';
import { jsonErrorOffset, jsonTooDeepAt } from './json-error.js';
import { describeThing } from './describe.js';
import { MAX_DEPTH } from './parse.js';
import { readRepositoryFile } from './repository-file.js';
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
  /** The absolute path `inline_policy_file` names, whether or not it could be read (the files a config reads). */
  file?: string;
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
  const named = typeof file === 'string' && file !== '' ? { file: resolve(baseDir, file) } : {};
  const error = (segs: PathSegments, message: string, key = false): void => {
    diagnostics.push({ ...(key ? source.keyAt(segs) : source.at(segs)), severity: 'error', message });
  };
  if (inline !== undefined && file !== undefined) {
    error([...base, 'inline_policy_file'], `${owner} has both inline_policy and inline_policy_file: keep one (a permission set has one inline policy)`, true);
    return { diagnostics, ...named };
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
    const read = readRepositoryFile(baseDir, file, {
      maxBytes: MAX_POLICY_FILE_BYTES,
      tooBig: `Identity Center accepts at most ${MAX_POLICY_FILE_BYTES.toLocaleString('en-US')} bytes; move statements into a customer-managed policy, or merge statements and use wildcards`,
      what: 'a JSON file',
      outside: (config) => `move the policy file into it and give its path relative to the directory of ${config}`,
    });
    if ('refused' in read) {
      error(segs, `inline_policy_file of ${owner} ${read.refused(shown, source.file)}`);
      return { diagnostics, ...named };
    }
    const text = read.text;
    const parsed = parseJson(text);
    if ('error' in parsed) {
      error(segs, `inline_policy_file ${shown} of ${owner} is not valid JSON: ${parsed.error}`);
      return { diagnostics, ...named };
    }
    return {
      doc: { permissionSet: name, document: parsed.value, origin: 'file', segs, writtenBytes: Buffer.byteLength(text), displayPath: shown },
      diagnostics,
      ...named,
    };
  }
  return { diagnostics };
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
