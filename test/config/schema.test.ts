import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessSchema } from '../../src/config/schema.js';

/** Every schema object found under `properties`, `additionalProperties`, `items`, `definitions`. */
function* properties(schema: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (schema === null || typeof schema !== 'object') return;
  const s = schema as Record<string, unknown>;
  for (const [key, child] of Object.entries((s['properties'] as Record<string, unknown> | undefined) ?? {})) {
    yield [`${path}.${key}`, child as Record<string, unknown>];
    yield* properties(child, `${path}.${key}`);
  }
  for (const key of ['additionalProperties', 'items']) {
    const child = s[key];
    if (child && typeof child === 'object') {
      yield [`${path}.${key}`, child as Record<string, unknown>];
      yield* properties(child, `${path}.${key}`);
    }
  }
  for (const [key, child] of Object.entries((s['definitions'] as Record<string, unknown> | undefined) ?? {})) {
    yield [`#/definitions/${key}`, child as Record<string, unknown>];
    yield* properties(child, `#/definitions/${key}`);
  }
}

describe('schema/access.schema.json', () => {
  it('is the schema the loader uses', () => {
    const file = JSON.parse(readFileSync(join(import.meta.dirname, '../../schema/access.schema.json'), 'utf8')) as unknown;
    expect(accessSchema).toEqual(file);
  });

  it('describes every property, so editors can explain each key', () => {
    const missing = [...properties(accessSchema, '')].filter(([, s]) => typeof s['description'] !== 'string').map(([p]) => p);
    expect(missing).toEqual([]);
    expect([...properties(accessSchema, '')].length).toBeGreaterThan(50);
  });
});
