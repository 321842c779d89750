/**
 * schema/access.schema.json as other tools read it: plain ajv in strict mode (with the standard
 * ajv-errors plugin and `markdownDescription` declared as an annotation) compiles it; every
 * message is a plain string (yaml-language-server shows only those); the keys each mapping lists
 * for "unknown key" are its properties; the session duration range agrees with the loader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { Plugin } from 'ajv';
import ajvErrorsModule from 'ajv-errors';
import { describe, expect, it } from 'vitest';
import { durationMinutes, MAX_SESSION_MINUTES, MIN_SESSION_MINUTES } from '../../src/model/duration.js';

const root = join(import.meta.dirname, '../..');
const text = readFileSync(join(root, 'schema/access.schema.json'), 'utf8');
const ajvErrors = ((ajvErrorsModule as { default?: unknown }).default ?? ajvErrorsModule) as Plugin<unknown>;

function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  ajvErrors(ajv);
  ajv.addVocabulary(['markdownDescription']);
  return ajv;
}

type Node = Record<string, unknown>;
function* nodes(value: unknown, path = '#'): Generator<[string, Node]> {
  if (value === null || typeof value !== 'object') return;
  if (!Array.isArray(value)) yield [path, value as Node];
  for (const [k, v] of Object.entries(value)) yield* nodes(v, `${path}/${k}`);
}

describe('the schema with standard tools', () => {
  it('compiles with ajv in strict mode', () => {
    expect(() => strictAjv().compile(JSON.parse(text) as object)).not.toThrow();
  });

  it('a copy with a keyword ajv does not know (like the old x-error) is refused in strict mode', () => {
    const broken = JSON.parse(text) as { properties: { version: Node } };
    broken.properties.version['x-error'] = { const: 'must be 1' };
    expect(() => strictAjv().compile(broken)).toThrow(/unknown keyword: "x-error"/);
  });

  it('every errorMessage and markdownDescription is a string (the form yaml-language-server shows)', () => {
    const wrong = [...nodes(JSON.parse(text))].filter(
      ([, n]) => ('errorMessage' in n && typeof n['errorMessage'] !== 'string') || ('markdownDescription' in n && typeof n['markdownDescription'] !== 'string'),
    );
    expect(wrong.map(([p]) => p)).toEqual([]);
    expect([...nodes(JSON.parse(text))].filter(([, n]) => typeof n['errorMessage'] === 'string').length).toBeGreaterThan(30);
  });

  it('each mapping with a key list (propertyNames enum) lists exactly its properties, and says so', () => {
    const lists = [...nodes(JSON.parse(text))].filter(([, n]) => Array.isArray((n['propertyNames'] as Node | undefined)?.['enum']));
    expect(lists.length).toBe(12);
    for (const [path, n] of lists) {
      const names = n['propertyNames'] as { enum: string[]; errorMessage: string };
      expect(names.enum, path).toEqual(Object.keys(n['properties'] as object));
      expect(names.errorMessage, path).toBe(`unknown key (expected one of: ${names.enum.join(', ')})`);
      expect(n['additionalProperties'], path).toBeUndefined();
    }
  });

  it('$id is the raw URL of the schema at the v1 tag of the repository the README installs', () => {
    const schema = JSON.parse(text) as { $id: string };
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const owner = /uses: ([\w-]+)\/idc-gitops@v1/.exec(readme)?.[1];
    expect(owner).toBeDefined();
    expect(schema.$id).toBe(`https://raw.githubusercontent.com/${owner}/idc-gitops/v1/schema/access.schema.json`);
    expect(readme).toContain(`# yaml-language-server: $schema=${schema.$id}`);
  });
});

describe('session_duration range in the schema', () => {
  type Range = { if: { pattern: string }; then: { pattern: string } };
  const schema = JSON.parse(text) as { properties: { permission_sets: { additionalProperties: { properties: { session_duration: Range } } } } };
  const duration = schema.properties.permission_sets.additionalProperties.properties.session_duration;
  const syntax = new RegExp(duration.if.pattern, 'u');
  const range = new RegExp(duration.then.pattern, 'u');

  it('accepts exactly the durations the loader accepts: every hours/minutes split, with leading zeros, up to 15 h and 900 min', () => {
    const disagree: string[] = [];
    let checked = 0;
    for (let h = -1; h <= 15; h++) {
      for (let m = -1; m <= 900; m++) {
        for (const zeros of ['', '0', '000']) {
          const written = `PT${h >= 0 ? `${zeros}${h}H` : ''}${m >= 0 ? `${zeros}${m}M` : ''}`;
          const minutes = durationMinutes(written);
          if (minutes === undefined) continue;
          checked++;
          const inRange = minutes >= MIN_SESSION_MINUTES && minutes <= MAX_SESSION_MINUTES;
          if (!syntax.test(written) || range.test(written) !== inRange) disagree.push(written);
        }
      }
    }
    expect(disagree).toEqual([]);
    expect(checked).toBeGreaterThan(40_000);
  });

  it('refuses large values however they are written', () => {
    for (const written of ['PT99999H', 'PT721M', 'PT12H1M', 'PT11H61M', 'PT100000M', 'PT0H0M', 'PT59M']) expect(range.test(written), written).toBe(false);
    for (const written of ['PT1H', 'PT12H', 'PT720M', 'PT60M', 'PT11H60M', 'PT0012H', 'PT1H30M']) expect(range.test(written), written).toBe(true);
  });
});
