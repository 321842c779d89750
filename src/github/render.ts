/** The plan renderer the Action is given (the real one is `renderMarkdown` in src/render). */
import type { Plan } from '../plan/types.js';

export interface RenderPlanOptions {
  /** Cut the output to this many characters (the renderer says where it cut). */
  maxChars?: number;
  runUrl?: string;
  title?: string;
}

/** Renders a plan as markdown; everything from access.yaml in it is escaped by the renderer. */
export type RenderPlanMarkdown = (plan: Plan, options: RenderPlanOptions) => string;
