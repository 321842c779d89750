/** The job summary: the full plan and what happened, capped at GitHub's 1 MiB per step. */
import type { ActionIO } from './io.js';

/** GitHub refuses a step summary over 1 MiB. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;
/** What the rendered plan may use in the summary, leaving room for the rest. */
export const SUMMARY_PLAN_CHARS = 900_000;

/** Cuts markdown to at most `maxBytes` UTF-8 bytes, on a character boundary, with a note. */
export function fitSummary(markdown: string, maxBytes = MAX_SUMMARY_BYTES): string {
  if (Buffer.byteLength(markdown, 'utf8') <= maxBytes) return markdown;
  const note = '\n\n… (cut: a job summary holds at most 1 MiB)\n';
  const budget = maxBytes - Buffer.byteLength(note, 'utf8');
  const bytes = Buffer.from(markdown, 'utf8').subarray(0, budget);
  // Drop a partial multi-byte character at the end.
  let text = bytes.toString('utf8');
  if (text.endsWith('\uFFFD')) text = text.slice(0, -1);
  return text + note;
}

/** Collects the summary's sections and writes them once, at the end of the run. */
export class SummaryBuilder {
  private readonly sections: string[] = [];

  add(markdown: string): this {
    this.sections.push(markdown.trimEnd());
    return this;
  }

  get isEmpty(): boolean {
    return this.sections.length === 0;
  }

  toMarkdown(): string {
    return fitSummary(`${this.sections.join('\n\n')}\n`);
  }

  async write(io: ActionIO): Promise<void> {
    if (this.isEmpty) return;
    await io.appendSummary(this.toMarkdown());
  }
}
