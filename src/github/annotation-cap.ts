/**
 * GitHub's cap on annotations: a step shows at most 10 error and 10 warning annotations and
 * silently drops the rest (actions/toolkit docs/problem-matchers.md, "Limitations": "10 warning
 * annotations and 10 error annotations per step, 50 annotations per job";
 * https://github.com/actions/toolkit/pull/734, https://github.com/orgs/community/discussions/68471).
 *
 * The Action's IO is wrapped for the whole step: annotations pass through while they fit, the
 * rest are held; at the end as many held ones as still fit are written, then one annotation per
 * level says how many more there are, and the job summary lists every annotation of the step.
 * `setFailed` writes an error annotation too, so a failing run keeps one error slot for it.
 */
import { escapeMarkdown } from '../render/escape.js';
import type { ActionIO, AnnotationProperties } from './io.js';
import type { SummaryBuilder } from './summary.js';
import { count } from '../model/plural.js';

/** Error annotations, and warning annotations, GitHub shows per step. */
export const ANNOTATIONS_PER_STEP = 10;

export type AnnotationLevel = 'error' | 'warning';

export interface HeldAnnotation {
  level: AnnotationLevel;
  message: string;
  properties?: AnnotationProperties;
}

export interface AnnotationCap {
  /** The IO to give the run: `error` and `warning` count against the cap, the rest passes through. */
  io: ActionIO;
  /**
   * Writes what still fits, one "N more" annotation per level, and (when any was not shown) every
   * annotation of the step into the summary. Call once, before the summary is written and before
   * `setFailed`.
   */
  finish(summary: SummaryBuilder, options: { failing: boolean }): void;
}

const LEVELS: readonly AnnotationLevel[] = ['error', 'warning'];

/**
 * How many of `held` annotations still fit, given `emitted` already written and `reserved` slots
 * kept for later (setFailed): all of them, or all but enough to leave one slot for the
 * "N more" note. The pure part of the cap, tested on its own.
 */
export function fitHeld(held: number, emitted: number, reserved: number, limit = ANNOTATIONS_PER_STEP): { write: number; more: number } {
  const free = Math.max(0, limit - emitted - reserved);
  if (held <= free) return { write: held, more: 0 };
  const write = Math.max(0, free - 1);
  return { write, more: held - write };
}

function where(p: AnnotationProperties | undefined): string {
  if (!p?.file) return '';
  const parts = [p.file, p.startLine, p.startColumn].filter((x) => x !== undefined);
  return `${escapeMarkdown(parts.join(':'))} `;
}

/** Every annotation of the step as a markdown section (escaped: messages carry access.yaml text). */
export function annotationsMarkdown(all: readonly HeldAnnotation[], notShown: number, limit = ANNOTATIONS_PER_STEP): string {
  const lines = all.map((a) => `- ${where(a.properties)}${a.level === 'error' ? '**error**' : 'warning'}: ${escapeMarkdown(a.message)}`);
  return [
    `### All ${all.length} annotations`,
    `GitHub shows at most ${limit} error and ${limit} warning annotations per step, so ${notShown} of these are not shown on the files:`,
    lines.join('\n'),
  ].join('\n\n');
}

export function capAnnotations(io: ActionIO, limit = ANNOTATIONS_PER_STEP): AnnotationCap {
  const emitted: Record<AnnotationLevel, number> = { error: 0, warning: 0 };
  const held: HeldAnnotation[] = [];
  /** Every annotation asked for, in order, for the summary. */
  const all: HeldAnnotation[] = [];
  let finished = false;
  // While running, keep one slot per level for the "N more" note and one error slot for setFailed.
  const passLimit: Record<AnnotationLevel, number> = { error: limit - 2, warning: limit - 1 };
  const write = (a: HeldAnnotation): void => {
    emitted[a.level]++;
    if (a.level === 'error') io.error(a.message, a.properties);
    else io.warning(a.message, a.properties);
  };
  const annotate = (level: AnnotationLevel, message: string, properties?: AnnotationProperties): void => {
    const a: HeldAnnotation = { level, message, ...(properties ? { properties } : {}) };
    all.push(a);
    if (finished) {
      write(a); // e.g. "could not write the job summary": nowhere else to say it
      return;
    }
    if (held.every((h) => h.level !== level) && emitted[level] < passLimit[level]) write(a);
    else held.push(a);
  };

  return {
    io: {
      getInput: (name) => io.getInput(name),
      setOutput: (name, value) => io.setOutput(name, value),
      setFailed: (message) => io.setFailed(message),
      error: (message, properties) => annotate('error', message, properties),
      warning: (message, properties) => annotate('warning', message, properties),
      notice: (message, properties) => io.notice(message, properties),
      info: (message) => io.info(message),
      setSecret: (value) => io.setSecret(value),
      getIDToken: (audience) => io.getIDToken(audience),
      appendSummary: (markdown) => io.appendSummary(markdown),
    },
    finish(summary, { failing }) {
      if (finished) return;
      finished = true;
      let notShown = 0;
      for (const level of LEVELS) {
        const mine = held.filter((h) => h.level === level);
        const { write: n, more } = fitHeld(mine.length, emitted[level], level === 'error' && failing ? 1 : 0, limit);
        mine.slice(0, n).forEach(write);
        if (more === 0) continue;
        notShown += more;
        const note = `${count(more, `more ${level === 'error' ? 'error' : 'warning'}`)} not shown as annotations (GitHub shows ${limit} per step): see the job summary for the full list.`;
        write({ level, message: note });
      }
      if (notShown > 0) summary.add(annotationsMarkdown(all, notShown, limit));
    },
  };
}
