/**
 * Long lists are composed batch by batch while the file is parsed (config/stream-sequences.ts).
 * Whatever the text, that must change nothing a user can see: for generated and mutated
 * documents full of lists (plain, quoted, numeric and empty entries, comments and blank lines
 * between them, anchors, aliases, tags, nested lists and mappings, block scalars, bad
 * indentation, directives), parsing with batches of 2 to 4 entries gives the same data, the
 * same diagnostics and the same position of every node as parsing without streaming.
 *
 * `npm test` runs 1,000 documents; `npm run fuzz` runs 10,000 (FUZZ_RUNS sets the number).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lexer, Parser } from 'yaml';
import { parseYaml } from '../../src/config/parse.js';
import { SequenceStreamer } from '../../src/config/stream-sequences.js';

/** What a list entry may be, after `- ` (`\n` continues at the entry's indentation + 2). */
const ENTRIES = [
  'ReadOnlyAccess',
  'job-function/ViewOnlyAccess',
  '123456789012',
  '012345678901',
  '0x1F',
  '1e3',
  '-12',
  '.inf',
  '.NaN',
  'true',
  'False',
  'null',
  '~',
  '',
  '"quoted \\u0041 \\t"',
  "'single ''quoted'''",
  '"bad \\q escape"',
  '"unclosed',
  'x # trailing comment',
  'a: b',
  'a:',
  '- nested',
  '&x anchored',
  '*x',
  '!!str tagged',
  '!!binary aGk=',
  '!local thing',
  '|\n  block text',
  '>-\n  folded',
  'multi\n  line',
  '[a, b]',
  '{a: 1}',
  '? complex',
  'tab\there',
  'colon:inside',
  'ends with colon:',
  '@reserved',
  '`backtick',
  '%percent',
];

/** Entries streamed as they are (one scalar each): most lists are made of these. */
const SIMPLE = [
  'ReadOnlyAccess',
  'job-function/ViewOnlyAccess',
  '123456789012',
  '012345678901',
  '1e3',
  'true',
  'null',
  '~',
  '"quoted"',
  "'single'",
  'x # comment',
];

/** What may stand between two entries. */
const BETWEEN = ['', '', '', '', '\n', '# a comment\n', '  # indented comment\n', '      # deeper comment\n', '\t\n', '   \n'];

const entry = fc.record({
  text: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...SIMPLE) }, { weight: 1, arbitrary: fc.constantFrom(...ENTRIES) }),
  before: fc.constantFrom(...BETWEEN),
  indent: fc.oneof({ weight: 40, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(1, -1, 2) }),
});

/** A list of entries under `key:`, indented by `indent`. */
const list = (key: string, indent: number) =>
  fc.array(entry, { minLength: 0, maxLength: 30 }).map((entries) => {
    const pad = ' '.repeat(indent);
    const lines = entries.map((e) => {
      const at = ' '.repeat(Math.max(0, indent + 2 + e.indent));
      return `${e.before}${at}- ${e.text.replaceAll('\n', `\n${at}  `)}\n`;
    });
    return `${pad}${key}:\n${lines.join('')}`;
  });

const document = fc
  .record({
    directive: fc.constantFrom('', '', '', '', '%YAML 1.1\n---\n', '---\n'),
    first: list('managed_policies', 0),
    nested: list('members', 2),
    last: list('accounts', 0),
    mutations: fc.oneof(
      { weight: 2, arbitrary: fc.constant([]) },
      {
        weight: 1,
        arbitrary: fc.array(fc.record({ at: fc.nat(), piece: fc.constantFrom('\n', ' ', '- ', ': ', '#', '"', '&a ', '*a', '\t', '---\n', '[', ']') }), {
          maxLength: 3,
        }),
      },
    ),
  })
  .map(({ directive, first, nested, last, mutations }) => {
    let text = `${directive}version: 1\n${first}group:\n${nested}${last}`;
    for (const m of mutations) {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.piece + text.slice(at);
    }
    return text;
  });

/** How many entries a parse with batches of `batch` composes while parsing. */
function streamed(text: string, batch: number): number {
  const streamer = new SequenceStreamer(batch);
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) streamer.token(token);
    streamer.step(parser.stack);
  }
  return [...streamer.composed.values()].reduce((n, e) => n + e.values.length, 0);
}

function seen(text: string, streamBatch: number) {
  const r = parseYaml(text, 'access.yaml', { streamBatch });
  return {
    data: r.data,
    diagnostics: r.diagnostics,
    fatal: r.fatal,
    root: r.source.root,
    rootNumber: r.source.rootNumber,
    positions: r.fatal ? undefined : r.source.positions(),
  };
}

describe('lists composed while parsing', () => {
  it('give the data, diagnostics and positions of a parse without streaming, for any text', () => {
    let streaming = 0;
    const runs = Number(process.env['FUZZ_RUNS'] ?? 1_000);
    fc.assert(
      fc.property(document, fc.constantFrom(2, 3, 4), (text, batch) => {
        if (streamed(text, batch) > 0) streaming++;
        expect(seen(text, batch)).toStrictEqual(seen(text, 0));
      }),
      { numRuns: runs },
    );
    // Many cases must compose entries while parsing (about 45% do), or the comparison tests little.
    expect(streaming).toBeGreaterThan(runs / 3);
  });

  it('do stream: the syntax tree of a long plain list never holds more than a batch of its entries', () => {
    const text = `version: 1\nmanaged_policies:\n${Array.from({ length: 40 }, (_, i) => `  - Policy${i}\n`).join('')}`;
    const streamer = new SequenceStreamer(8);
    const parser = new Parser();
    let largest = 0;
    for (const lexeme of new Lexer().lex(text)) {
      for (const token of parser.next(lexeme)) streamer.token(token);
      streamer.step(parser.stack);
      for (const token of parser.stack) if (token.type === 'block-seq') largest = Math.max(largest, token.items.length);
    }
    expect(largest).toBeLessThanOrEqual(8 + 4);
    expect(streamed(text, 8)).toBe(35);
  });

  it('do not stream a file with a %YAML directive (it may change how scalars read)', () => {
    expect(streamed(`%YAML 1.1\n---\nlist:\n${'  - yes\n'.repeat(40)}`, 8)).toBe(0);
  });
});
