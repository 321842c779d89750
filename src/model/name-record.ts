/**
 * Records keyed by names from access.yaml or from AWS (users, groups, permission sets, account
 * aliases, tags), and copies of JSON whose keys are data (policies, canonical JSON). AWS allows
 * names such as `__proto__`, `constructor` or `toString` (pattern `[\w+=,.@-]+`), so these
 * records have no prototype: such a name is data, never the object's prototype or an inherited
 * member. A spread (`{ ...record }`) or `Object.fromEntries` gives an ordinary object again:
 * build copies with {@link nameRecord}.
 */
export function nameRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [name, value] of entries) out[name] = value;
  return out;
}

/** Whether `record` has an entry `name` of its own (never an inherited member such as `constructor`). */
export function hasName(record: object, name: string): boolean {
  return Object.hasOwn(record, name);
}

/** The entry `name` of `record`, or undefined (never an inherited member such as `toString`). */
export function byName<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
