/**
 * Names that are also members of every JavaScript object are ordinary names in AWS (pattern
 * `[\w+=,.@-]+`): a live user `constructor` that the file does not define is deleted (users are
 * managed), and a permission set `__proto__` in the file is created, through the real SDK
 * against the emulator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MESSY_YAML, messyWorld } from './fixtures/messy.js';
import { applied, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const YAML = MESSY_YAML.replace(
  'permission_sets:\n',
  'permission_sets:\n  __proto__:\n    description: Named like a JavaScript prototype\n    managed_policies: [ReadOnlyAccess]\n',
);

describe('names such as __proto__ and constructor', () => {
  it('plans and applies the deletion of a live user constructor and the creation of a set __proto__', async () => {
    expect(YAML).not.toEqual(MESSY_YAML);
    const world = messyWorld();
    const users = world.users ?? [];
    const template = users[0];
    if (template === undefined) throw new Error('messyWorld has no user');
    world.users = [
      ...users,
      {
        ...structuredClone(template),
        id: '9067000001-00000000-0000-0000-0000-0000000000c1',
        userName: 'constructor',
        displayName: 'constructor',
        emails: [{ value: 'constructor@example.com', type: 'work', primary: true }],
      },
    ];
    e2e = await startE2E({ world });
    await e2e.write(YAML);

    const plan = await e2e.plan();
    const lines = changeLines(plan);
    expect(lines, show(plan)).toContain('delete user constructor');
    expect(lines, show(plan)).toContain('create permission-set __proto__');

    const outcome = applied(await e2e.apply());
    expect(outcome.report.failed).toEqual([]);
    const state = e2e.emu.dump();
    expect((state.users ?? []).map((u) => u.userName)).not.toContain('constructor');
    expect((state.permissionSets ?? []).map((s) => s.name)).toContain('__proto__');
    // The next plan has nothing left to do for either name.
    const after = changeLines(await e2e.plan());
    expect(after.filter((l) => l.includes('constructor') || l.includes('__proto__'))).toEqual([]);
  });
});
