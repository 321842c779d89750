/**
 * Parses access.yaml text into plain data plus the position of every node, in one pass over the
 * YAML document. Aliases are expanded here, under a budget, so an anchor/alias "billion laughs"
 * file is refused instead of exhausting memory. Nesting is limited while the yaml library
 * parses: its parser recurses once per collection it closes (a dedent out of 2,000 nested block
 * sequences overflows the stack) and its composer once per level (20,000 nested `[` come back
 * as "Maximum call stack size exceeded"), so the parser's stack is watched token by token.
 * Long lists are composed batch by batch as they are parsed (stream-sequences.ts), so that
 * memory follows the data, not yaml's syntax tree of the whole file.
 */
import { Composer, YAMLParseError, isAlias, isMap, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, visit } from 'yaml';
import type { CST, Node as YamlNode, Document } from 'yaml';
import type { Diagnostic, SourcePos } from '../model/source.js';
import { nameRecord } from '../model/name-record.js';
import { inThing } from './describe.js';
import type { Located, Spot } from './source-map.js';
import { SourceMap } from './source-map.js';
import type { Scalar, StreamedEntries } from './stream-sequences.js';
import { COMPOSER_OPTIONS, isScalarValue, SequenceStreamer } from './stream-sequences.js';

/** Most nodes that aliases may expand to in one file (yaml's own default `maxAliasCount` is 100 aliases). */
export const MAX_ALIAS_NODES = 10_000;
/** Deepest nesting accepted; access.yaml needs about 8 levels (inline policies included). */
export const MAX_DEPTH = 64;

export interface ParseResult {
  /** The document as plain data (objects, arrays, strings, numbers, booleans, null). */
  data: unknown;
  source: SourceMap;
  diagnostics: Diagnostic[];
  /** True when the data cannot be trusted (syntax error, alias bomb): later stages must not run. */
  fatal: boolean;
}

export interface ParseOptions {
  /** Entries of a long list composed at a time while parsing (stream-sequences.ts); 0: none. */
  streamBatch?: number;
}

export function parseYaml(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const lineCounter = new LineCounter();
  const source = new SourceMap(file, positionsIn(file, lineCounter.lineStarts));
  const posOf = source.posOf;
  const diagnostics: Diagnostic[] = [];
  const read = readDocument(text, lineCounter, new SequenceStreamer(options.streamBatch));
  if ('tooDeep' in read) {
    diagnostics.push({ ...posOf(read.tooDeep), severity: 'error', message: tooDeepMessage() });
    return { data: undefined, source, diagnostics, fatal: true };
  }
  const doc = read.doc;
  for (const e of doc.errors) {
    const unclosed = e.code === 'MISSING_CHAR' ? unclosedQuoteStart(doc, e.pos[0]) : undefined;
    diagnostics.push(
      unclosed === undefined
        ? { ...posOf(e.pos[0]), severity: 'error', message: `YAML syntax error: ${firstLine(e.message)}` }
        : { ...posOf(unclosed), severity: 'error', message: 'YAML syntax error: this quoted text is never closed: add the closing quote' },
    );
  }
  for (const w of doc.warnings) {
    diagnostics.push({ ...posOf(w.pos[0]), severity: 'warning', message: `YAML: ${firstLine(w.message)}` });
  }
  if (doc.errors.length > 0) return { data: undefined, source, diagnostics, fatal: true };
  const walker = new Walker(source, diagnostics, read.streamed);
  const data = walker.node(doc.contents, undefined, 0);
  return { data, source, diagnostics, fatal: walker.fatal };
}

/**
 * Offset → position, by a binary search over the line starts the lexer records (filled in while
 * parsing; read only when a position is asked for). Made here, not in parseYaml, so that the
 * closure the SourceMap keeps holds the line starts only, never the parser's tokens.
 */
function positionsIn(file: string, starts: readonly number[]): (offset: number) => SourcePos {
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - (starts[lo] ?? 0) + 1 };
  };
}

/**
 * What yaml's parseDocument does (lexer → parser → composer), stopping as soon as the parser
 * holds more open nodes than any document within the depth limit needs. The tokens are dropped
 * once composed: only the document and the entries `streamer` composed outlive this call.
 */
function readDocument(
  text: string,
  lineCounter: LineCounter,
  streamer: SequenceStreamer,
): { doc: Document; streamed: ReadonlyMap<number, StreamedEntries> } | { tooDeep: number } {
  const { tokens, tooDeep } = parseTokens(text, lineCounter, streamer);
  return tooDeep === undefined ? { doc: compose(tokens, text.length), streamed: streamer.composed } : { tooDeep };
}

function tooDeepMessage(): string {
  return `the document is nested deeper than ${MAX_DEPTH} levels: flatten it (access.yaml needs about 8 levels, inline policies included)`;
}

/** The document of `tokens` (the first; a second one is an error, as in yaml's parseDocument). */
function compose(tokens: CST.Token[], length: number): Document {
  const composer = new Composer(COMPOSER_OPTIONS);
  let doc: Document | undefined;
  for (const d of composer.compose(tokens, true, length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(
        new YAMLParseError(
          d.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'this file holds more than one YAML document (a line with --- starts another): access.yaml is one document, so remove the second',
        ),
      );
      break;
    }
  }
  // compose(…, forceDoc = true) always yields a document.
  return doc as Document;
}

/**
 * Most nodes yaml's parser may hold open at once: the document, one per level of nesting, and
 * a scalar. The walker then reports nesting over {@link MAX_DEPTH} exactly.
 */
const MAX_OPEN_NODES = MAX_DEPTH + 3;

/**
 * The CST of `text`, token by token, or the offset where the parser first held more than
 * {@link MAX_OPEN_NODES} open nodes (nothing is composed then: no recursion gets deep).
 */
function parseTokens(text: string, lineCounter: LineCounter, streamer: SequenceStreamer): { tokens: CST.Token[]; tooDeep?: number } {
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) {
      streamer.token(token);
      tokens.push(token);
    }
    if (parser.stack.length > MAX_OPEN_NODES) return { tokens, tooDeep: parser.offset };
    streamer.step(parser.stack);
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

/** Start of the quoted scalar that runs to `offset` without its closing quote. */
function unclosedQuoteStart(doc: Document, offset: number): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const r = node.range;
      if (r && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && r[0] < offset && r[1] >= offset) found = r[0];
    },
  });
  return found;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Converts the composed document to plain data, placing each node's offset in the
 * {@link SourceMap} tree as it goes (nothing per node but a number or a {@link Spot}).
 */
class Walker {
  fatal = false;
  private aliasNodes = 0;
  private aliasDepth = 0;
  private readonly anchors = new Map<string, YamlNode>();
  /** Keys and indexes from the root to the node being converted (pushed and popped), for messages. */
  private readonly segs: (string | number)[] = [];

  constructor(
    private readonly source: SourceMap,
    private readonly diagnostics: Diagnostic[],
    /** Entries of long sequences composed while parsing (see stream-sequences.ts), by the sequence's offset. */
    private readonly streamed: ReadonlyMap<number, StreamedEntries> = new Map(),
  ) {}

  private error(offset: number, message: string): void {
    this.diagnostics.push({ ...this.source.posOf(offset), severity: 'error', message });
    this.fatal = true;
  }

  /** Records that the entry `key` of `parent` (the root when there is no parent) is at `at`. */
  private place(parent: Spot | undefined, key: string | number, at: Located): void {
    if (parent === undefined) this.source.root = at;
    else if (parent.items instanceof Map) parent.items.set(String(key), at);
    else parent.items[key as number] = at;
  }

  /**
   * Converts `node`, the entry `key` of `parent`, to data. `located`: where diagnostics about
   * it point when that is not the node itself (its key, or the alias it was reached through).
   */
  node(node: unknown, parent: Spot | undefined, key: string | number, located?: number): unknown {
    if (node === null || node === undefined) {
      if (located !== undefined) this.place(parent, key, located);
      return null;
    }
    const n = node as YamlNode;
    const start = n.range?.[0] ?? 0;
    if (!this.enter(start)) return null;
    if (n.anchor) this.anchors.set(n.anchor, n);
    if (isAlias(n)) return this.alias(n.source, start, parent, key);
    const at = located ?? start;
    if (isScalar(n)) {
      const v = n.value;
      if (!isScalarValue(v)) {
        // A tag such as !!binary turns the text into bytes (or a date, a set): never access.yaml data.
        this.error(
          start,
          `the YAML tag ${(n.tag ?? '').replace('tag:yaml.org,2002:', '!!')} is not allowed here: access.yaml holds only text, numbers, true/false, lists and mappings; remove the tag`,
        );
        return null;
      }
      return this.scalar(v, n.source, at, parent, key);
    }
    if (isSeq(n)) {
      const spot: Spot = { at, items: [] };
      this.place(parent, key, spot);
      const out: unknown[] = [];
      const streamed = this.streamed.get(start);
      const first = streamed?.values.length ?? 0;
      if (streamed !== undefined) {
        for (let i = 0; i < first; i++) {
          this.segs.push(i);
          out.push(this.streamedEntry(streamed, i, spot));
          this.segs.pop();
        }
      }
      n.items.forEach((item, i) => {
        this.segs.push(first + i);
        out.push(this.node(item, spot, first + i));
        this.segs.pop();
      });
      return out;
    }
    if (isMap(n)) {
      const spot: Spot = { at, items: new Map(), ...(this.aliasDepth === 0 ? { keys: new Map<string, number>() } : {}) };
      this.place(parent, key, spot);
      return this.map(n.items, spot, start);
    }
    return null;
  }

  /**
   * False when nothing more is converted: the document is already refused, the node at
   * `start` is nested too deep, or aliases have expanded to too many nodes.
   */
  private enter(start: number): boolean {
    if (this.fatal) return false;
    if (this.segs.length > MAX_DEPTH) {
      this.error(start, tooDeepMessage());
      return false;
    }
    // Over the budget: reported once, at the outermost alias (see alias()).
    return !(this.aliasDepth > 0 && ++this.aliasNodes > MAX_ALIAS_NODES);
  }

  /** A scalar's value, placed at `at`; `source` is its text as written (kept for numbers). */
  private scalar(v: Scalar, source: unknown, at: number, parent: Spot | undefined, key: string | number): Scalar {
    this.place(parent, key, at);
    if (typeof v === 'number' && typeof source === 'string') {
      if (parent === undefined) this.source.rootNumber = source;
      else {
        parent.numbers ??= new Map();
        parent.numbers.set(key, source);
      }
    }
    return v;
  }

  /** Entry `i` of the entries composed while parsing (see stream-sequences.ts). */
  private streamedEntry(entries: StreamedEntries, i: number, spot: Spot): Scalar {
    const start = entries.offsets[i] ?? 0;
    if (!this.enter(start)) return null;
    return this.scalar(entries.values[i] ?? null, entries.sources.get(i), start, spot, i);
  }

  private map(items: unknown[], spot: Spot, offset: number): Record<string, unknown> {
    // `__proto__`, `constructor`, … are data here, never the object's prototype or an inherited member.
    const out = nameRecord<unknown>();
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const keyOffset = keyNode?.range?.[0] ?? offset;
      let key: string;
      if (keyNode === null) key = '';
      else if (isScalar(keyNode)) key = String(keyNode.value);
      else {
        this.error(keyOffset, `a key must be plain text, not a ${isAlias(keyNode) ? 'alias' : 'list or mapping'}`);
        continue;
      }
      // Keys are recorded outside aliases only (inside, a key's position is its value's).
      const keys = spot.keys;
      const firstOffset = keys?.get(key);
      if (firstOffset !== undefined) {
        const first = this.source.posOf(firstOffset);
        this.diagnostics.push({
          ...this.source.posOf(keyOffset),
          severity: 'error',
          message: `duplicate key "${key}" ${inThing(this.segs)} (first at line ${first.line}:${first.col}): the second would silently replace the first; merge them or remove one`,
        });
      } else keys?.set(key, keyOffset);
      const value = pair.value as YamlNode | null;
      // Block collections and empty values are located at their key; scalars and flow
      // collections at the value itself.
      const atKey = value === null || (isScalar(value) && value.value === null) || ((isMap(value) || isSeq(value)) && !value.flow);
      this.segs.push(key);
      const v = this.node(value, spot, key, atKey && this.aliasDepth === 0 ? keyOffset : undefined);
      this.segs.pop();
      out[key] = v;
    }
    return out;
  }

  private alias(name: string, offset: number, parent: Spot | undefined, key: string | number): unknown {
    const target = this.anchors.get(name) ?? null;
    if (target === null) {
      this.error(offset, `alias *${name} refers to no anchor &${name} defined before it`);
      return null;
    }
    this.aliasDepth++;
    // The expansion is located at the alias; what is inside it, at the anchor's nodes.
    const value = this.node(target, parent, key, offset);
    this.aliasDepth--;
    if (this.aliasDepth === 0 && this.aliasNodes > MAX_ALIAS_NODES && !this.fatal) {
      this.error(
        offset,
        `alias *${name} makes the aliases of this file expand to more than ${MAX_ALIAS_NODES.toLocaleString('en-US')} nodes: anchors and aliases this large look like a "billion laughs" attack; write the values out instead`,
      );
    }
    return value;
  }
}
