/** `idc plan --format text|markdown|json`: one plan, three audiences. */
import { plannedBody } from '../github/comment-body.js';
import { fitComment } from '../github/comment.js';
import { HEADER_VERSION, withHeader } from '../github/comment-header.js';
import type { Plan } from '../plan/types.js';
import { renderJson } from '../render/json.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderText } from '../render/text.js';
import { UsageError, type CommandArgs } from './command.js';

export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** `--format`, with `--json` kept as the short way to say `--format json`. */
export function planFormat(args: CommandArgs): PlanFormat {
  const given = args.values['format'];
  const json = args.values['json'] === true;
  if (given === undefined) return json ? 'json' : 'text';
  const format = PLAN_FORMATS.find((f) => f === given);
  if (format === undefined) throw new UsageError(`--format must be one of ${PLAN_FORMATS.join(', ')}, not "${String(given)}"`);
  if (json && format !== 'json') throw new UsageError(`--json and --format ${format} ask for different outputs: use one`);
  return format;
}

/**
 * The plan in that format. Markdown is the pull request comment the Action would post for this
 * plan, byte for byte (hidden header line included), so it can be previewed before pushing.
 */
export function renderPlanAs(format: PlanFormat, plan: Plan, options: { config: string; color: boolean }): string {
  switch (format) {
    case 'json':
      return renderJson(plan);
    case 'text':
      return renderText(plan, { color: options.color });
    case 'markdown': {
      const header = { version: HEADER_VERSION, planHash: plan.hash, status: 'planned' as const, config: options.config };
      return `${fitComment(withHeader(header, plannedBody({ config: options.config, render: renderMarkdown }, plan)))}\n`;
    }
  }
}
