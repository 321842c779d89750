/**
 * Where each node of the parsed document sits in the file.
 *
 * Kept as offsets in a tree shaped like the document (one {@link Spot} per mapping and sequence,
 * a plain number per scalar), and turned into line:col only when a diagnostic asks: recording a
 * node costs a number in an array, not a path string, a position object and an entry in a
 * string-keyed record (which made a 40,000-entry list cost more per entry than a 4,000-entry one).
 */
import type { PathKey, SourcePos } from '../model/source.js';
import { pathKey } from '../model/source.js';

export type PathSegments = readonly (string | number)[];

/** A scalar's offset, or a collection's {@link Spot}. */
export type Located = number | Spot;

/** Positions inside one mapping or sequence. */
export interface Spot {
  /**
   * Offset of the node a diagnostic about this collection points at: its key when it is a
   * block collection under a key, else the collection itself.
   */
  readonly at: number;
  /** A sequence's items (by index), or a mapping's values (by key). */
  readonly items: Located[] | Map<string, Located>;
  /** Offsets of a mapping's keys (the first one, when a key is repeated). */
  readonly keys?: Map<string, number>;
  /** The text as written of entries that YAML read as numbers (`012345678901`). */
  numbers?: Map<string | number, string>;
}

/**
 * Positions of a parsed document.
 * - {@link at}: the node a diagnostic about a value points at (a scalar, a flow collection, a list
 *   item; for a key whose value is a block collection or empty, the key).
 * - {@link keyAt}: the key of a mapping entry (for "unknown key", "duplicate key", names that are keys).
 * - {@link sourceOf}: the text as written of scalars YAML read as numbers (`012345678901`).
 */
export class SourceMap {
  /** The document's root (undefined for an empty document). */
  root: Located | undefined;
  /** The text as written of a root that YAML read as a number. */
  rootNumber: string | undefined;

  constructor(
    readonly file: string,
    /** Offset in the text → position. */
    readonly posOf: (offset: number) => SourcePos = () => ({ file, line: 1, col: 1 }),
  ) {}

  /** Position of the value at `path`, else of the nearest ancestor that has one. */
  at(path: PathSegments): SourcePos {
    let node: Located | undefined = this.root;
    if (node === undefined) return { file: this.file, line: 1, col: 1 };
    let offset = offsetOf(node);
    for (const seg of path) {
      node = typeof node === 'number' ? undefined : child(node, seg);
      if (node === undefined) break;
      offset = offsetOf(node);
    }
    return this.posOf(offset);
  }

  /** Position of the key of the entry at `path` (falls back to {@link at}). */
  keyAt(path: PathSegments): SourcePos {
    const last = path[path.length - 1];
    const parent = path.length === 0 ? undefined : this.node(path.slice(0, -1));
    const offset = last === undefined || parent === undefined || typeof parent === 'number' ? undefined : parent.keys?.get(String(last));
    return offset === undefined ? this.at(path) : this.posOf(offset);
  }

  /** The text as written for a scalar YAML read as a number, e.g. `012345678901`. */
  sourceOf(path: PathSegments): string | undefined {
    const last = path[path.length - 1];
    if (last === undefined) return this.rootNumber;
    const parent = this.node(path.slice(0, -1));
    if (parent === undefined || typeof parent === 'number') return undefined;
    return parent.numbers?.get(parent.items instanceof Map ? String(last) : last);
  }

  /**
   * Every node's position by {@link PathKey} (what `Desired.positions` holds). Built on each
   * call, in one walk: call it once, when the positions of all nodes are wanted.
   */
  positions(): Record<PathKey, SourcePos> {
    // Without a prototype: a key such as `toString` or `__proto__` is data, never Object's.
    const out = Object.create(null) as Record<PathKey, SourcePos>;
    const walk = (node: Located, segs: (string | number)[]): void => {
      out[pathKey(segs)] = this.posOf(offsetOf(node));
      if (typeof node === 'number') return;
      if (node.items instanceof Map) {
        for (const [key, item] of node.items) walk(item, [...segs, key]);
      } else {
        node.items.forEach((item, i) => {
          walk(item, [...segs, i]);
        });
      }
    };
    if (this.root !== undefined) walk(this.root, []);
    return out;
  }

  /** The node at `path` exactly, if there is one. */
  private node(path: PathSegments): Located | undefined {
    let node = this.root;
    for (const seg of path) {
      if (node === undefined || typeof node === 'number') return undefined;
      node = child(node, seg);
    }
    return node;
  }
}

function offsetOf(node: Located): number {
  return typeof node === 'number' ? node : node.at;
}

/** The entry `seg` of a collection: an index of a sequence, a key of a mapping. */
function child(spot: Spot, seg: string | number): Located | undefined {
  if (spot.items instanceof Map) return spot.items.get(String(seg));
  return typeof seg === 'number' ? spot.items[seg] : undefined;
}

/**
 * `Desired.positions` of `source`, built the first time it is read: a file that fails to load
 * never needs every node's position, and building them costs more than the rest of the walk.
 */
export function lazyPositions<T extends object>(target: T, source: SourceMap): T & { positions: Record<PathKey, SourcePos> } {
  const set = (value: Record<PathKey, SourcePos>): void => {
    Object.defineProperty(target, 'positions', { value, enumerable: true, writable: true, configurable: true });
  };
  Object.defineProperty(target, 'positions', {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = source.positions();
      set(value);
      return value;
    },
    set,
  });
  return target as T & { positions: Record<PathKey, SourcePos> };
}

/** `line:col` for messages that mention a second place in the file. */
export function lineCol(pos: SourcePos): string {
  return `${pos.line}:${pos.col}`;
}

/** A second place named in a message about `here`: `line 3:5` in the same file, `access.d/data.yaml:3:5` in another. */
export function placeFrom(pos: SourcePos, here: SourcePos): string {
  return pos.file === here.file ? `line ${lineCol(pos)}` : `${pos.file}:${lineCol(pos)}`;
}
