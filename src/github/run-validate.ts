/** mode: validate — check access.yaml without calling AWS; errors become annotations. */
import type { Diagnostic } from '../model/source.js';
import { annotate, diagnosticsMarkdown, errorCount } from './annotations.js';
import { escapeMarkdown, inlineCode } from '../render/escape.js';
import { failed, OK, type ModeDeps, type ModeResult } from './mode.js';
import { count } from '../model/plural.js';

/** The failure for an invalid file: annotations are written by the caller. */
export function invalidConfig(deps: ModeDeps, diagnostics: readonly Diagnostic[]): ModeResult {
  const n = errorCount(diagnostics);
  deps.summary.add(`### ❌ ${inlineCode(deps.inputs.config)} is not valid\n\n${diagnosticsMarkdown(diagnostics)}`);
  return failed('invalid-config', `${deps.inputs.config} has ${count(n, 'error')} (annotated on the file): fix them and push again.`);
}

export async function runValidate(deps: ModeDeps, note?: string): Promise<ModeResult> {
  const outcome = await deps.engine.validate(deps.inputs.config);
  annotate(deps.io, outcome.diagnostics);
  if (!outcome.ok) return invalidConfig(deps, outcome.diagnostics);
  const lines = [`### ✅ ${inlineCode(deps.inputs.config)} is valid`, escapeMarkdown(outcome.summary)];
  if (note) lines.push(note);
  if (outcome.diagnostics.length > 0) lines.push(diagnosticsMarkdown(outcome.diagnostics));
  deps.summary.add(lines.join('\n\n'));
  deps.io.info(outcome.summary);
  return OK;
}
