/** What a semantic rule sees, and how it reports. */
import type { Desired } from '../../model/desired.js';
import { nameRecord } from '../../model/name-record.js';
import type { Diagnostic } from '../../model/source.js';
import type { InlinePolicyDoc } from '../policy-source.js';
import type { PathSegments, SourceMap } from '../source-map.js';

export interface RuleContext {
  /** The document as plain data (may contain values the schema rejected). */
  data: Record<string, unknown>;
  /** The normalised model (values of the wrong type left out). */
  desired: Desired;
  source: SourceMap;
  /** Inline policies that could be read and parsed. */
  policies: readonly InlinePolicyDoc[];
}

/** A check of the whole file: returns every problem it finds (named by its export, e.g. `expiresDate`). */
export interface Rule {
  check(ctx: RuleContext): Diagnostic[];
}

/** An error at the value at `segs`. */
export function errorAt(ctx: RuleContext, segs: PathSegments, message: string): Diagnostic {
  return { ...ctx.source.at(segs), severity: 'error', message };
}

/** An error at the key of the entry at `segs` (a user's name, `inline_policy_file:`). */
export function errorAtKey(ctx: RuleContext, segs: PathSegments, message: string): Diagnostic {
  return { ...ctx.source.keyAt(segs), severity: 'error', message };
}

export function rawObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : nameRecord();
}
