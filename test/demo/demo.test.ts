/**
 * `npm run demo` twice with an edit in between: the second run starts from the first one's state
 * and shows the edit as an update and a removal, applies it, and converges. A third run with
 * --reset starts from the empty Identity Center again.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../scripts/demo-run.js';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idc-demo-'));
  await writeFile(join(dir, 'access.yaml'), await readFile(join(ROOT, 'access.yaml'), 'utf8'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function demo(reset = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runDemo({
    // Absolute: the engine reads the file relative to the process's directory, as the CLI does.
    config: join(dir, 'access.yaml'),
    statePath: join(dir, '.idc-demo', 'state.json'),
    reset,
    out: { write: (s: string) => (out += s) },
    err: { write: (s: string) => (err += s) },
    cwd: dir,
    asyncMs: 20,
  });
  return { code, out, err };
}

describe('npm run demo keeps its state between runs', () => {
  it('first run creates everything; an edit then shows as an update and a removal; --reset starts over', async () => {
    const first = await demo();
    expect(first.code).toBe(0);
    expect(first.out).toContain('It starts empty');
    expect(first.out).toMatch(/Users:\n {2}\+ jonathan/);
    expect(first.out).toContain('Done.');

    const again = await demo();
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing to change');

    // The edit: a new display name, and the UploadBackups rule removed.
    const edited = (await readFile(join(dir, 'access.yaml'), 'utf8'))
      .replace('display_name: Jonathan Bergknoff', 'display_name: Jon Bergknoff')
      .replace(/ {2}- permission_set: UploadBackups\n {4}users: \[jonathan\]\n {4}accounts: \[management\]\n/, '');
    await writeFile(join(dir, 'access.yaml'), edited);
    const second = await demo();
    expect(second.err).not.toContain('demo failed');
    expect(second.code).toBe(0);
    expect(second.out).toContain('It starts where the last run left it');
    const plan = second.out.slice(0, second.out.indexOf('━━ 2/3'));
    expect(plan).toMatch(/Users:\n {2}~ jonathan\n {6}display name: "Jonathan Bergknoff" -> "Jon Bergknoff"/);
    expect(plan).toContain('- UploadBackups -> user jonathan on management (111122223333)');
    expect(plan).toContain('Plan: 0 to create, 1 to update, 1 to delete.');
    expect(second.out).toContain('Identity Center now matches the file');

    const reset = await demo(true);
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('It starts empty');
    expect(reset.out).toMatch(/Users:\n {2}\+ jonathan/);
  });
});
