/** `--plan-hash`: a hash, or a plan saved by `idc plan --out`, naming the plan that was reviewed. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeChange } from '../render/change-line.js';
import { canonicalJson } from '../plan/canonical-json.js';
import { changeEffect } from '../plan/hash.js';
import { PLAN_FORMAT_VERSION, type Change, type Plan } from '../plan/types.js';
import { UsageError } from './command.js';

export interface ReviewedPlan {
  hash: string;
  /** Present when a saved plan was given: lets the CLI say what changed. */
  plan?: Plan;
}

const HASH = /^[0-9a-f]{64}$/;

export async function readReviewedPlan(value: string, cwd: string): Promise<ReviewedPlan> {
  if (HASH.test(value)) return { hash: value };
  let text: string;
  try {
    text = await readFile(resolve(cwd, value), 'utf8');
  } catch {
    throw new UsageError(`--plan-hash takes a 64-character plan hash or a plan file from "idc plan --out"; "${value}" is neither`);
  }
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--plan-hash ${value}: not a plan file (${(e as Error).message})`);
  }
  const p = plan as Partial<Plan>;
  if (p.formatVersion !== PLAN_FORMAT_VERSION || typeof p.hash !== 'string' || !Array.isArray(p.changes)) {
    throw new UsageError(
      `--plan-hash ${value}: not a plan saved by "idc plan --out" (format version ${PLAN_FORMAT_VERSION}; plans saved by another version of idc cannot be compared)`,
    );
  }
  return { hash: p.hash, plan: p as Plan };
}

/** Lines saying how the fresh plan differs from the reviewed one: `+` new, `-` gone. */
export function planDifference(reviewed: Plan, fresh: Plan): string[] {
  const key = (c: Change): string => canonicalJson(changeEffect(c));
  const before = new Set(reviewed.changes.map(key));
  const after = new Set(fresh.changes.map(key));
  const names = { ...reviewed.accountNames, ...fresh.accountNames };
  return [
    ...fresh.changes.filter((c) => !before.has(key(c))).map((c) => `+ ${describeChange(c, names)} (not in the reviewed plan)`),
    ...reviewed.changes.filter((c) => !after.has(key(c))).map((c) => `- ${describeChange(c, names)} (reviewed, no longer planned)`),
  ];
}
