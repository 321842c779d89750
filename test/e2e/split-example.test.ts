/**
 * Issue 14, "What it must show" (split configuration): examples/split (a root file and three
 * team files) validates, plans and applies against the emulator, then plans empty; its plan
 * names the file of every rule; a definition duplicated across two files gives both positions.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorldFile } from '../../emulator/index.js';
import { loadConfig } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';
import { renderText } from '../../src/render/text.js';
import { applied, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const ACCOUNTS = [
  ['111122223333', 'management'],
  ['222233334444', 'data-prod'],
  ['333344445555', 'web-prod'],
  ['444455556666', 'web-staging'],
] as const;

async function splitWorld() {
  const world = await readWorldFile('emulator/worlds/demo.json');
  world.organization.accounts = ACCOUNTS.map(([id, name]) => ({ id, name, email: `aws+${name}@example.com` }));
  return world;
}

describe('examples/split', () => {
  it('validates, plans with every rule named by its file, applies, then plans nothing', async () => {
    e2e = await startE2E({ world: await splitWorld() });
    await cp('examples/split', e2e.dir, { recursive: true });

    const loaded = await loadConfig(e2e.config);
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(loaded.files.filter((f) => f.includes('access.d/')).map((f) => f.slice(f.indexOf('access.d/')))).toEqual([
      'access.d/data.yaml',
      'access.d/security.yaml',
      'access.d/web.yaml',
    ]);

    const plan = await e2e.plan();
    const lines = changeLines(plan);
    expect(lines.filter((l) => l.startsWith('create user')).sort()).toEqual([
      'create user ana',
      'create user lee',
      'create user priya',
      'create user sam',
      'create user tomas',
    ]);
    expect(lines.filter((l) => l.startsWith('create permission-set')).length).toBe(5);
    // ReadOnly and SecurityAudit on the 3 member accounts (all_accounts leaves the management
    // account out), DataEngineer on 1, WebDeveloper on 2, Admin on 2.
    expect(lines.filter((l) => l.startsWith('create assignment')).length).toBe(11);
    const text = renderText(plan, { color: false });
    expect(text).toMatch(/\+ DataEngineer -> group data-engineers on .*\([^()]*access\.d\/data\.yaml assignments\[0\]\)/);
    expect(text).toMatch(/\+ Admin -> group security on .*\([^()]*access\.d\/security\.yaml assignments\[1\]\)/);
    expect(text).toMatch(/\+ ReadOnly -> user priya on .*\(assignments\[0\]\)/);
    // Users, groups and permission sets of a team file name it; the root file's do not.
    expect(text).toMatch(/\+ ana \(Ana Lima, ana@example\.com\)  \([^()]*access\.d\/data\.yaml\)$/m);
    expect(text).toMatch(/\+ group security  \([^()]*access\.d\/security\.yaml\)$/m);
    expect(text).toMatch(/\+ WebDeveloper  \([^()]*access\.d\/web\.yaml\)$/m);
    expect(text).toMatch(/\+ priya \(Priya Raman, priya@example\.com\)$/m);

    const outcome = applied(await e2e.apply({ expectedHash: plan.hash }));
    expect(outcome.report.failed).toEqual([]);
    expect(changeLines(outcome.remaining), show(outcome.remaining)).toEqual([]);
    expect(changeLines(await e2e.plan())).toEqual([]);
    expect(
      e2e.emu
        .dump()
        .groups?.map((g) => g.displayName)
        .sort(),
    ).toEqual(['data-engineers', 'security', 'web-developers']);
  });

  it('a permission set defined in two team files is refused with both positions', async () => {
    e2e = await startE2E({ world: await splitWorld() });
    await cp('examples/split', e2e.dir, { recursive: true });
    const web = join(e2e.dir, 'access.d', 'web.yaml');
    const text = await readFile(web, 'utf8');
    await writeFile(web, text.replace('permission_sets:\n', 'permission_sets:\n  DataEngineer:\n    managed_policies: [ReadOnlyAccess]\n'));
    const loaded = await loadConfig('access.yaml', { cwd: e2e.dir });
    expect(loaded.desired).toBeUndefined();
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      'access.d/web.yaml:16:3: permission set "DataEngineer" is defined twice: at access.d/data.yaml:21:3 and at access.d/web.yaml:16:3: keep one definition (in the file of the team that owns it)',
    ]);
  });
});
