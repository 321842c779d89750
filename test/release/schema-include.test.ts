/**
 * schema/access-include.schema.json (the schema of `access.d/*.yaml`) as other tools read it:
 * plain ajv in strict mode with the root schema beside it compiles it, its key list is exactly
 * its properties, its `$id` sits beside the root schema's, and the team files of examples/split
 * pass while a setting only the root file may hold does not.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { Plugin } from 'ajv';
import ajvErrorsModule from 'ajv-errors';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const rootSchema = JSON.parse(readFileSync(join(root, 'schema/access.schema.json'), 'utf8')) as { $id: string; properties: Record<string, unknown> };
const includeSchema = JSON.parse(readFileSync(join(root, 'schema/access-include.schema.json'), 'utf8')) as {
  $id: string;
  properties: Record<string, { $ref: string }>;
  propertyNames: { enum: string[]; errorMessage: string };
};
const ajvErrors = ((ajvErrorsModule as { default?: unknown }).default ?? ajvErrorsModule) as Plugin<unknown>;

function validator() {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  ajvErrors(ajv);
  ajv.addVocabulary(['markdownDescription']);
  ajv.addSchema(rootSchema);
  return ajv.compile(includeSchema);
}

describe('the included-file schema', () => {
  it('compiles in strict mode with the root schema, which it refers to for every section', () => {
    expect(() => validator()).not.toThrow();
    for (const [key, { $ref }] of Object.entries(includeSchema.properties)) {
      expect($ref).toBe(`access.schema.json#/properties/${key}`);
      expect(rootSchema.properties[key], key).toBeDefined();
    }
  });

  it('lists exactly its properties for "unknown key", and sits beside the root schema', () => {
    expect(includeSchema.propertyNames.enum).toEqual(Object.keys(includeSchema.properties));
    expect(includeSchema.propertyNames.errorMessage).toBe(`unknown key (expected one of: ${includeSchema.propertyNames.enum.join(', ')})`);
    expect(includeSchema.$id).toBe(rootSchema.$id.replace(/access\.schema\.json$/, 'access-include.schema.json'));
  });

  it('accepts the team files of examples/split and refuses a root-only setting or a wrong value', () => {
    const validate = validator();
    const dir = join(root, 'examples/split/access.d');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files).toHaveLength(3);
    for (const f of files) {
      const ok = validate(parse(readFileSync(join(dir, f), 'utf8')));
      expect(ok, `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(validate({ identity_center: { region: 'us-east-1' } })).toBe(false);
    expect(validate.errors?.map((e) => e.message)).toContain(includeSchema.propertyNames.errorMessage);
    expect(validate({ users: { ana: { email: 12 } } })).toBe(false);
  });
});
