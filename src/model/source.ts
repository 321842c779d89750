import { diagnosticText, plainText } from '../render/escape.js';
import { compareStrings } from './compare.js';

/**
 * Where something came from in access.yaml, so that every error and every planned change can
 * point a reviewer at the line that caused it.
 */
export interface SourcePos {
  /** Path of the file as the user gave it (e.g. `access.yaml`). */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
}

export type Severity = 'error' | 'warning';

/** One problem found in a file, reported as `file:line:col: message`. */
export interface Diagnostic extends SourcePos {
  severity: Severity;
  message: string;
}

/**
 * Key of a node in the YAML document, used to look up its position: the path of keys and
 * indexes joined the way a person reads them, e.g. `users.jonathan.email`,
 * `assignments[2].accounts[0]`, `permission_sets.ReadOnly`.
 */
export type PathKey = string;

/** Builds a {@link PathKey} from segments: strings are keys, numbers are sequence indexes. */
export function pathKey(segments: readonly (string | number)[]): PathKey {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? s : `.${s}`;
  }
  return out;
}

/**
 * `file:line:col: message` on one line, safe to print: the message goes through
 * {@link diagnosticText} (hidden characters escaped, bounded length), so user text in it cannot
 * move the cursor, hide text or start a new line.
 */
export function formatDiagnostic(d: Diagnostic): string {
  return `${plainText(d.file)}:${d.line}:${d.col}: ${d.severity === 'warning' ? 'warning: ' : ''}${diagnosticText(d.message)}`;
}

/** Sorts diagnostics by file, line, column, then message: output is deterministic. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line || a.col - b.col || compareStrings(a.message, b.message));
}
