/** access.yaml problems as GitHub annotations, shown on the file at their line and column. */
import type { Diagnostic } from '../model/source.js';
import { diagnosticText, escapeMarkdown } from '../render/escape.js';
import type { ActionIO } from './io.js';

/** One annotation per diagnostic: errors as `::error`, warnings as `::warning`. */
export function annotate(io: ActionIO, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const properties = { file: d.file, startLine: d.line, startColumn: d.col };
    const message = diagnosticText(d.message);
    if (d.severity === 'error') io.error(message, properties);
    else io.warning(message, properties);
  }
}

export function errorCount(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === 'error').length;
}

/** The diagnostics as a markdown list (for the summary and the comment), escaped. */
export function diagnosticsMarkdown(diagnostics: readonly Diagnostic[], max = 50): string {
  const lines = diagnostics.slice(0, max).map((d) => {
    const where = `${d.file}:${d.line}:${d.col}`;
    const kind = d.severity === 'error' ? '**error**' : 'warning';
    return `- ${escapeMarkdown(where)} ${kind}: ${escapeMarkdown(diagnosticText(d.message))}`;
  });
  if (diagnostics.length > max) lines.push(`- … and ${diagnostics.length - max} more`);
  return lines.join('\n');
}
