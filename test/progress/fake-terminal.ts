/**
 * A writable stream that records what was written and replays it like a terminal would
 * (carriage return, clear line, cursor up, newline), so tests assert what a person sees.
 */
import { Writable } from 'node:stream';

export class FakeTerminal extends Writable {
  readonly chunks: string[] = [];
  isTTY: boolean;
  columns?: number;

  constructor(options: { isTTY?: boolean; columns?: number } = {}) {
    super();
    this.isTTY = options.isTTY ?? false;
    if (options.columns !== undefined) this.columns = options.columns;
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(String(chunk));
    callback();
  }

  /** Everything written, as is. */
  get raw(): string {
    return this.chunks.join('');
  }

  /** The screen: the lines as they look after every rewrite. */
  get screen(): string[] {
    const lines: string[] = [''];
    let row = 0;
    let col = 0;
    const text = this.raw;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\x1b') {
        const m = /^\x1b\[(\d*)([A-Za-z])/.exec(text.slice(i));
        if (!m) throw new Error(`unknown escape at ${i}: ${JSON.stringify(text.slice(i, i + 8))}`);
        const [seq, n, code] = m;
        if (code === 'K') lines[row] = '';
        else if (code === 'A') row = Math.max(0, row - Number(n || 1));
        else if (code !== 'm') throw new Error(`unsupported escape ${JSON.stringify(seq)}`);
        i += seq.length - 1;
      } else if (ch === '\r') {
        col = 0;
      } else if (ch === '\n') {
        row++;
        col = 0;
        if (lines[row] === undefined) lines[row] = '';
      } else {
        const line = lines[row] ?? '';
        lines[row] = line.slice(0, col) + ch + line.slice(col + 1);
        col++;
      }
    }
    return lines;
  }
}
