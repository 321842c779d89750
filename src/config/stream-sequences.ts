/**
 * Composes the finished entries of long block sequences while the file is still being parsed,
 * so that a list of 40,000 entries never holds 40,000 entries of yaml's syntax tree at once.
 *
 * The yaml library parses in two steps: its parser builds a syntax tree of the whole document
 * (about 730 bytes per list entry: a token object for every space, dash and line end), then its
 * composer turns that tree into nodes. A long list's tree outlives V8's young generation, is
 * copied into the old one and marked there, and makes the process map tens of megabytes of
 * fresh pages: the part of the load that grows faster than the list.
 *
 * Here, every {@link STREAM_BATCH} finished entries of a block sequence whose entries are single
 * scalars (`- ReadOnlyAccess`, `- "o-ab12"`, with comments and blank lines between) are composed
 * by yaml's own composer, as the entries of a one-list document, and taken out of the tree. The
 * composed nodes are what the composer makes of the same tokens in place: same values, same
 * offsets. Entries that are anything else (an anchor, a tag, an alias, a nested collection, a
 * block scalar), a batch the composer has anything to say about, and any file with a `%`
 * directive (which may change how scalars are read) are left in the tree, so that the whole
 * document's composition reports them in their context; a sequence that meets one is not
 * streamed any further. The last entry of each batch stays in the tree too, so that the entry
 * after it is composed knowing where it ends, as in one composition of the whole file.
 *
 * test/config/stream-sequences.fuzz.test.ts holds this to account: for generated and mutated
 * files, small batches give the same data, diagnostics and positions as no streaming at all.
 */
import { Composer, isScalar, isSeq } from 'yaml';
import type { CST, Scalar as YamlScalar } from 'yaml';

/** Entries composed at a time. */
export const STREAM_BATCH = 512;
/**
 * Entries at the end of a sequence left in the tree: yaml's parser still adds tokens to the last
 * entry and, for a comment indented under it, to the one before.
 */
const KEEP = 4;

/** The composer's options: one object, so that batches are composed as the document is. */
export const COMPOSER_OPTIONS = {
  prettyErrors: false,
  uniqueKeys: false, // the walker finds duplicates, with both positions and the key's path
  strict: true,
} as const;

/** What YAML's core schema reads a scalar as. */
export type Scalar = string | number | boolean | null;

/**
 * The entries of one sequence composed while parsing, the first ones of the sequence in order:
 * each one's value and offset, and the text as written of those read as numbers, by index.
 * Kept as values, not as the composer's nodes: a list of 40,000 costs little more than its texts.
 */
export interface StreamedEntries {
  readonly values: Scalar[];
  readonly offsets: number[];
  readonly sources: Map<number, string>;
}

export class SequenceStreamer {
  /** Composed entries by the offset of their sequence (the composed sequence's `range[0]`). */
  readonly composed = new Map<number, StreamedEntries>();
  private readonly declined = new WeakSet<CST.BlockSequence>();
  private off: boolean;

  /** `batch`: entries composed at a time (tests use small ones; 0 turns streaming off). */
  constructor(private readonly batch: number = STREAM_BATCH) {
    this.off = batch <= 0;
  }

  /** Called with each token the parser yields: a directive turns streaming off. */
  token(token: CST.Token): void {
    if (token.type === 'directive') this.off = true;
  }

  /** Called after each lexeme: composes the finished entries of the innermost open sequence. */
  step(stack: readonly CST.Token[]): void {
    if (this.off) return;
    // The sequence is the top of the stack, or just under the scalar being read.
    for (let i = stack.length - 1; i >= 0 && i >= stack.length - 2; i--) {
      const token = stack[i];
      if (token?.type === 'block-seq' && token.items.length >= this.batch + KEEP && !this.declined.has(token)) this.flush(token);
    }
  }

  private flush(seq: CST.BlockSequence): void {
    const batch = seq.items.slice(0, seq.items.length - KEEP);
    if (!batch.every(isSimple)) {
      this.declined.add(seq);
      return;
    }
    const nodes = composeBatch(seq, batch);
    if (nodes === undefined) {
      this.declined.add(seq);
      return;
    }
    // The batch's last entry stays in the tree, composed again with what follows: where the
    // composer reports a problem with an entry can depend on where the entry before it ends.
    nodes.pop();
    seq.items.splice(0, nodes.length);
    let done = this.composed.get(seq.offset);
    if (done === undefined) {
      done = { values: [], offsets: [], sources: new Map() };
      this.composed.set(seq.offset, done);
    }
    for (const node of nodes) {
      if (typeof node.value === 'number' && typeof node.source === 'string') done.sources.set(done.values.length, node.source);
      done.values.push(node.value);
      done.offsets.push(node.range?.[0] ?? 0);
    }
  }
}

type SeqItem = CST.BlockSequence['items'][number];

/** Tokens that say nothing about an entry's value: spaces, line ends and comments. */
const isPadding = (token: CST.SourceToken): boolean => token.type === 'space' || token.type === 'newline' || token.type === 'comment';

/** An entry that is one scalar, with nothing but spaces, line ends and comments around it. */
function isSimple(item: SeqItem): boolean {
  const value = item.value;
  if (value?.type !== 'scalar' && value?.type !== 'single-quoted-scalar' && value?.type !== 'double-quoted-scalar') return false;
  const dashes = item.start.filter((t) => t.type === 'seq-item-ind').length;
  return dashes === 1 && item.start.every((t) => t.type === 'seq-item-ind' || isPadding(t)) && (value.end ?? []).every(isPadding);
}

/** Whether `v` is something YAML's core schema reads a scalar as (a tag such as !!binary makes bytes). */
export function isScalarValue(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * The entries of `batch` composed as those of a one-list document, or undefined if the composer
 * objects or reads one as anything but a text, number, boolean or null.
 */
function composeBatch(seq: CST.BlockSequence, batch: SeqItem[]): YamlScalar<Scalar>[] | undefined {
  const document: CST.Document = {
    type: 'document',
    offset: seq.offset,
    start: [],
    value: { type: 'block-seq', offset: seq.offset, indent: seq.indent, items: batch },
  };
  const docs = [...new Composer(COMPOSER_OPTIONS).compose([document], true)];
  const doc = docs[0];
  if (docs.length !== 1 || doc === undefined || doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  const list = doc.contents;
  if (!isSeq(list) || list.items.length !== batch.length) return undefined;
  const nodes: YamlScalar<Scalar>[] = [];
  for (const node of list.items) {
    if (!isScalar(node) || !isScalarValue(node.value)) return undefined;
    nodes.push(node as YamlScalar<Scalar>);
  }
  return nodes;
}
