/** The plan as a pull request comment (GitHub markdown), kept under a size limit. */
import { isEmptyPlan } from '../plan/hash.js';
import type { Plan } from '../plan/types.js';
import { summaryCounts, summarySentence } from './describe.js';
import { escapeMarkdown } from './escape.js';
import { accessSection, detailSections, warningsSection } from './markdown-sections.js';
import { safetyMarkdown } from './safety.js';
import { scopeWords } from './scope.js';

export interface MarkdownOptions {
  /** GitHub refuses comments over 65,536 characters; default 60,000. */
  maxChars?: number;
  /** Link to the workflow run, whose job summary has the full plan. */
  runUrl?: string;
  /** Heading; default `idc plan`. */
  title?: string;
}

function safeUrl(url: string): string | undefined {
  if (!/^https:\/\/[^\s<>()]+$/.test(url)) return undefined;
  return url;
}

/** The refusal (when apply will refuse the plan) comes first of all, then the heading and summary. */
function header(plan: Plan, title: string): string {
  const head = [safetyMarkdown(plan), `## ${escapeMarkdown(title)}`].filter((p) => p !== '').join('\n\n');
  if (isEmptyPlan(plan)) {
    return `${head}\n\n✅ **No changes.** Identity Center already matches ${escapeMarkdown(plan.configFile)}.`;
  }
  return `${head}\n\n**${summaryCounts(plan.counts)}** · ${summarySentence(plan.counts)} · from ${escapeMarkdown(plan.configFile)}`;
}

/** What the plan read (see `scope.ts`), as a note under the heading. */
export function scopeMarkdown(plan: Plan): string {
  const words = scopeWords(plan);
  if (!words) return '';
  const lines = [`> **${escapeMarkdown(words.headline)}.**`, ...words.covers.map((c) => `> - ${escapeMarkdown(c)}`)];
  if (words.rest !== '') lines.push(`>`, `> ${escapeMarkdown(words.rest)}`);
  return lines.join('\n');
}

function footer(plan: Plan, runUrl: string | undefined): string {
  const run = runUrl ? ` · [workflow run](${runUrl})` : '';
  return `<sub>plan ${plan.hash.slice(0, 12)} · format ${plan.formatVersion}${run}</sub>`;
}

function truncationNote(runUrl: string | undefined): string {
  const where = runUrl ? `the job summary of [this run](${runUrl})` : 'the job summary';
  return `> [!NOTE]\n> **… truncated:** this plan is too long for a comment. The full plan is in ${where}.`;
}

const join = (parts: string[]): string => `${parts.filter((p) => p !== '').join('\n\n')}\n`;

/** Largest n in [0, hi] with fits(n), for a monotone `fits`. */
function largest(hi: number, fits: (n: number) => boolean): number {
  let lo = 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? 60_000;
  const runUrl = options.runUrl === undefined ? undefined : safeUrl(options.runUrl);
  const top = [header(plan, options.title ?? 'idc plan'), scopeMarkdown(plan)].filter((p) => p !== '').join('\n\n');
  const foot = footer(plan, runUrl);
  const warnings = warningsSection(plan.warnings);
  if (isEmptyPlan(plan)) return join([top, warnings, foot]);

  const details = detailSections(plan);
  const full = join([top, warnings, accessSection(plan), ...details.map((d) => d.full), foot]);
  if (full.length <= maxChars) return full;

  // Too long: shorten the detail sections from the last, then cut the access table, then warnings.
  const note = truncationNote(runUrl);
  const build = (access: string, parts: string[], warn = warnings): string => join([top, note, warn, access, ...parts, foot]);
  const bodies = details.map((d) => d.full);
  let access = accessSection(plan);
  for (let i = bodies.length - 1; i >= 0 && build(access, bodies).length > maxChars; i--) bodies[i] = (details[i] as { short: string }).short;
  if (build(access, bodies).length <= maxChars) return build(access, bodies);

  // Keep at least a little room so that small sections can come back below.
  const rows = largest(plan.accessChanges.length, (n) => build(accessSection(plan, n), bodies).length <= maxChars * 0.9);
  access = accessSection(plan, rows);
  // Give back the small detail sections (e.g. the permission sets) that fit beside the cut table.
  details.forEach((d, i) => {
    const trial = bodies.map((b, j) => (j === i ? d.full : b));
    if (build(access, trial).length <= maxChars) bodies[i] = d.full;
  });
  if (build(access, bodies).length <= maxChars) return build(access, bodies);

  const shown = largest(plan.warnings.length, (n) => build(access, bodies, warningsSection(plan.warnings, n)).length <= maxChars);
  const out = build(access, bodies, warningsSection(plan.warnings, shown));
  if (out.length <= maxChars) return out;
  // Last resort (absurdly small limits): the top and the note only.
  return join([top, note]).slice(0, maxChars);
}
