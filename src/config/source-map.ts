/** Where each node of the parsed document sits in the file, by {@link PathKey}. */
import type { PathKey, SourcePos } from '../model/source.js';
import { pathKey } from '../model/source.js';

export type PathSegments = readonly (string | number)[];

/**
 * Positions of a parsed document.
 * - `value`: the node a diagnostic about a value points at (a scalar, a flow collection, a list
 *   item; for a key whose value is a block collection or empty, the key). This is what
 *   `Desired.positions` holds.
 * - `key`: the key of a mapping entry (for "unknown key", "duplicate key", names that are keys).
 * - `numberSource`: the text as written of scalars YAML read as numbers (`012345678901`).
 */
export class SourceMap {
  /** Without a prototype: a key such as `toString` or `__proto__` is data, never Object's. */
  readonly value: Record<PathKey, SourcePos> = Object.create(null) as Record<PathKey, SourcePos>;
  /** Offsets of keys in the text (turned into positions only when asked: most are never). */
  readonly key = new Map<PathKey, number>();
  readonly numberSource = new Map<PathKey, string>();

  constructor(
    readonly file: string,
    /** Offset in the text → position. */
    readonly posOf: (offset: number) => SourcePos = () => ({ file, line: 1, col: 1 }),
  ) {}

  /** Position of the value at `path`, else of the nearest ancestor that has one. */
  at(path: PathSegments): SourcePos {
    for (let n = path.length; n >= 0; n--) {
      const pos = this.value[pathKey(path.slice(0, n))];
      if (pos) return pos;
    }
    return { file: this.file, line: 1, col: 1 };
  }

  /** Position of the key of the entry at `path` (falls back to {@link at}). */
  keyAt(path: PathSegments): SourcePos {
    const offset = this.key.get(pathKey(path));
    return offset === undefined ? this.at(path) : this.posOf(offset);
  }

  /** The text as written for a scalar YAML read as a number, e.g. `012345678901`. */
  sourceOf(path: PathSegments): string | undefined {
    return this.numberSource.get(pathKey(path));
  }
}

/** `line:col` for messages that mention a second place in the file. */
export function lineCol(pos: SourcePos): string {
  return `${pos.line}:${pos.col}`;
}

/** A second place named in a message about `here`: `line 3:5` in the same file, `access.d/data.yaml:3:5` in another. */
export function placeFrom(pos: SourcePos, here: SourcePos): string {
  return pos.file === here.file ? `line ${lineCol(pos)}` : `${pos.file}:${lineCol(pos)}`;
}
