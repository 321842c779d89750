/**
 * The corpus of invalid files: each test/fixtures/invalid/NAME.yaml has NAME.expected, the exact
 * `NAME.yaml:LINE:COL: message` lines `idc validate` prints for it, in order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';

const dir = join(import.meta.dirname, '../fixtures/invalid');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();

function expectedLines(name: string): string[] {
  return readFileSync(join(dir, `${name}.expected`), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}

describe('invalid access.yaml files', () => {
  it('the corpus has at least 40 files, each with expected errors', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) expect(expectedLines(name).length, name).toBeGreaterThan(0);
  });

  it.each(names)('%s.yaml reports exactly its expected errors', (name) => {
    const text = readFileSync(join(dir, `${name}.yaml`), 'utf8');
    // Paths in messages about policy files are relative to the working directory: the repo root.
    const result = loadConfigText(text, `${name}.yaml`, dir);
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(expectedLines(name));
    expect(result.desired).toBeUndefined();
  });

  it('never points at the document start for a problem inside the document', () => {
    const atStart = new Set(['empty-file', 'comments-only', 'top-level-list']);
    for (const name of names) {
      if (atStart.has(name)) continue;
      for (const line of expectedLines(name)) expect(line.startsWith(`${name}.yaml:1:1:`), line).toBe(false);
    }
  });
});
