/** Names parts of access.yaml the way a person reads them, for diagnostics. */
import { pathKey } from '../model/source.js';
import { quoteValue, shortText } from '../render/escape.js';
import type { PathSegments } from './source-map.js';

const NAMED: Record<string, string> = {
  users: 'user',
  groups: 'group',
  permission_sets: 'permission set',
  accounts: 'account alias',
};

/** How many leading segments name the object that owns `segs`, and what it is called. */
function ownerOf(segs: PathSegments): { length: number; name: string } | undefined {
  const [a, b, c] = segs;
  if (typeof a === 'string' && NAMED[a] !== undefined && typeof b === 'string') {
    return { length: 2, name: `${NAMED[a]} ${quoteValue(b)}` };
  }
  if (a === 'assignments' && typeof b === 'number') return { length: 2, name: `assignment rule ${b + 1}` };
  if (a === 'safety' && b === 'protected' && typeof c === 'number') {
    return { length: 3, name: `protected assignment ${c + 1}` };
  }
  return undefined;
}

/** The object at `segs`: `user "jonathan"`, `assignment rule 2`, `ownership.ignore`, `the top level`. */
export function describeThing(segs: PathSegments): string {
  if (segs.length === 0) return 'the top level';
  return describeValue(segs);
}

/** A value: `email of user "jonathan"`, `accounts[0] of assignment rule 1`, `safety.max_deletes`. */
export function describeValue(segs: PathSegments): string {
  const owner = ownerOf(segs);
  if (!owner) return shortText(pathKey(segs));
  const rest = segs.slice(owner.length);
  return rest.length === 0 ? owner.name : `${shortText(pathKey(rest))} of ${owner.name}`;
}

/** `in group "admins"` / `at the top level`. */
export function inThing(segs: PathSegments): string {
  return segs.length === 0 ? 'at the top level' : `in ${describeThing(segs)}`;
}

/** What the keys of the mapping at `segs` name: `permission set` for `permission_sets`. */
export function keyKind(segs: PathSegments): string {
  const last = segs[segs.length - 1];
  if (segs.length === 1 && typeof last === 'string' && NAMED[last] !== undefined) return NAMED[last];
  if (last === 'tags') return 'tag key';
  if (last === 'account_tags') return 'account tag key';
  return `key in ${describeValue(segs)}`;
}

/** A scalar for a message: quoted text, shortened when long, hidden characters escaped. */
export function show(value: unknown): string {
  if (typeof value === 'string') return quoteValue(value);
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

/** What kind of YAML value this is, for type errors: `a number`, `a list`. */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return `${String(value)} (a boolean)`;
    case 'object':
      return 'a mapping';
    default:
      return typeof value;
  }
}
