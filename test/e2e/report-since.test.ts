/**
 * Issue 14, "What it must show": `idc report --since` after an apply lists exactly the
 * differences. Against the emulator: a report before an apply (a pending membership, a rule
 * removed, and an assignment made by hand outside the file), the apply, then a report since the
 * first one. The expected differences are computed here from the emulator's own state before and
 * after (its assignments and memberships by ID), never from idc's view of it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorldFile, type World } from '../../emulator/index.js';
import type { Report } from '../../src/report/types.js';
import { runIdc } from '../cli/run-idc.js';
import { ByHand } from './by-hand.js';
import { applied, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const MGMT = '111122223333';

/** Every `user|account|set` the emulator's state grants, directly or through a group. */
function effectiveAccess(w: World): Set<string> {
  const userName = new Map((w.users ?? []).map((u) => [u.id, u.userName]));
  const setName = new Map((w.permissionSets ?? []).map((p) => [p.arn ?? p.name, p.name]));
  const out = new Set<string>();
  for (const a of w.assignments ?? []) {
    const set = setName.get(a.permissionSet) ?? a.permissionSet;
    const users = a.principalType === 'USER' ? [a.principalId] : (w.memberships ?? []).filter((m) => m.groupId === a.principalId).map((m) => m.userId);
    for (const id of users) out.add(`${userName.get(id) ?? id}|${a.accountId}|${set}`);
  }
  return out;
}

const ana = '  ana:\n    display_name: Ana Lima\n    given_name: Ana\n    family_name: Lima\n    email: ana@example.com\n';

describe('idc report --since after an apply (issue 14)', () => {
  it('lists exactly the access gained and lost, as the emulator’s state changed', async () => {
    e2e = await startE2E({ world: await readWorldFile('emulator/worlds/demo.json') });
    const example = await readFile('access.yaml', 'utf8');
    const withOps = (members: string): string =>
      example
        .replace('\nusers:\n', `\nusers:\n${ana}`)
        .replace('\npermission_sets:\n', `\ngroups:\n  ops:\n    members: [${members}]\n\npermission_sets:\n`)
        .concat('  - permission_set: ReadOnly\n    groups: [ops]\n    accounts: [management]\n');
    await e2e.write(withOps('jonathan'));
    applied(await e2e.apply());

    // Drift by hand, and an edit not applied yet: ana joins ops, jonathan's UploadBackups rule goes.
    const hand = new ByHand(e2e.emu, e2e.sdk);
    await hand.assign('UploadBackups', { user: 'ana' }, MGMT);
    await hand.settle();
    const direct = '  - permission_set: UploadBackups\n    users: [jonathan]\n    accounts: [management]\n';
    await e2e.write(withOps('jonathan, ana').replace(direct, ''));
    const { engine, dir, config } = e2e;
    const idc = (args: string[]) => runIdc([...args, config, '--quiet'], { cwd: dir, engine });

    const before = await idc(['report', '--output', 'before.json']);
    expect(before.stderr).toMatch(/^Report written to before\.json: 4 rows, hash [0-9a-f]{12}\.\n$/);
    expect(before.code).toBe(0);
    const earlier = JSON.parse(await readFile(join(e2e.dir, 'before.json'), 'utf8')) as Report;
    const summary = (r: Report['rows'][number]): string =>
      `${r.user} ${r.permissionSet} ${r.source} ${r.paths.map((p) => `${p.via}${p.group ?? ''}:${p.source}${p.drift === true ? ':drift' : ''}`).join(',')}`;
    expect(earlier.rows.map(summary)).toEqual([
      'ana ReadOnly file-only groupops:file-only',
      'ana UploadBackups aws-only direct:aws-only:drift',
      'jonathan ReadOnly both direct:both,groupops:both',
      'jonathan UploadBackups aws-only direct:aws-only:drift',
    ]);

    const stateBefore = effectiveAccess(e2e.emu.dump());
    applied(await e2e.apply());
    const stateAfter = effectiveAccess(e2e.emu.dump());
    const gained = [...stateAfter].filter((k) => !stateBefore.has(k)).sort();
    const lost = [...stateBefore].filter((k) => !stateAfter.has(k)).sort();
    expect(gained).toEqual([`ana|${MGMT}|ReadOnly`]);
    expect(lost).toEqual([`ana|${MGMT}|UploadBackups`, `jonathan|${MGMT}|UploadBackups`]);

    const since = await idc(['report', '--since', 'before.json', '--format', 'json']);
    expect(since.code).toBe(0);
    const report = JSON.parse(since.stdout) as Report;
    const keys = (rows: Report['rows']): string[] => rows.map((r) => `${r.user}|${r.accountId}|${r.permissionSet}`);
    expect(keys(report.since?.gained ?? [])).toEqual(gained);
    expect(keys(report.since?.lost ?? [])).toEqual(lost);
    expect(report.since?.hash).toBe(earlier.hash);
    // After the apply every row is in both: the file and AWS agree.
    expect(report.rows.every((r) => r.source === 'both')).toBe(true);

    const table = await idc(['report', '--since', 'before.json']);
    expect(table.stdout).toContain(`Since the report ${earlier.hash.slice(0, 12)} of ${earlier.generatedAt}: 1 gained, 2 lost\n`);
    expect(table.stdout).toMatch(/\n\+ {2}ana {2,}management \(111122223333\) {2,}ReadOnly {2,}both {2,}group ops \(\S*access\.yaml:\d+\)\n/);
    expect(table.stdout).toMatch(/\n- {2}jonathan {2,}management \(111122223333\) {2,}UploadBackups {2,}aws-only {2,}direct \(aws-only: drift\)\n/);
  });
});
