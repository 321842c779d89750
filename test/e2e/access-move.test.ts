/**
 * Issue 9, "What it must show": against the emulator, moving jonathan's UploadBackups from a direct
 * assignment to a new group `backup-operators` that has him as its only member shows no one
 * gaining or losing anything, and the group's grant as a group change that changes no one's access.
 * After apply, jonathan still holds it (through the group), as the emulator's state shows.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { readWorldFile } from '../../emulator/index.js';
import { accessLines, applied, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const MGMT = '111122223333';

/** The example with UploadBackups given to a new group holding only jonathan. */
function movedToGroup(example: string): string {
  const direct = '  - permission_set: UploadBackups\n    users: [jonathan]\n    accounts: [management]\n';
  if (!example.includes(direct)) throw new Error('the example access.yaml changed: update this test');
  return example
    .replace(direct, '  - permission_set: UploadBackups\n    groups: [backup-operators]\n    accounts: [management]\n')
    .replace('\npermission_sets:\n', '\ngroups:\n  backup-operators:\n    members: [jonathan]\n\npermission_sets:\n');
}

describe('moving a grant from a user to a group (issue 9)', () => {
  it('shows jonathan gaining and losing nothing, the group grant as a group change, and he keeps the access after apply', async () => {
    e2e = await startE2E({ world: await readWorldFile('emulator/worlds/demo.json') });
    const example = await readFile('access.yaml', 'utf8');
    await e2e.write(example);
    applied(await e2e.apply());

    await e2e.write(movedToGroup(example));
    const plan = await e2e.plan();
    expect(changeLines(plan), show(plan)).toEqual([
      `create assignment UploadBackups GROUP backup-operators ${MGMT}`,
      'create group backup-operators',
      'create membership jonathan in backup-operators',
      `delete assignment UploadBackups USER jonathan ${MGMT}`,
    ]);
    // No user row: jonathan's effective access does not change. One group row.
    expect(accessLines(plan)).toEqual([`gain GROUP backup-operators UploadBackups ${MGMT}`]);
    expect(plan.accessChanges).toEqual([
      expect.objectContaining({
        kind: 'group',
        group: 'backup-operators',
        memberCount: 1,
        changesAccessOf: [],
        unchanged: [{ user: 'jonathan', because: 'already has it directly' }],
      }),
    ]);
    const text = show(plan);
    expect(text).toContain("Access changes:\n  nobody's access changes\n");
    expect(text).toContain(
      `  + group backup-operators (1 member) gains UploadBackups on management (${MGMT})\n` +
        '      via assignments[1]: UploadBackups → group backup-operators on account management\n' +
        "      no one's access changes: jonathan already has it directly\n",
    );
    expect(text).not.toMatch(/loses/);

    applied(await e2e.apply({ expectedHash: plan.hash }));
    const world = e2e.emu.dump();
    const jonathan = world.users?.find((u) => u.userName === 'jonathan');
    const group = world.groups?.find((g) => g.displayName === 'backup-operators');
    const upload = world.permissionSets?.find((p) => p.name === 'UploadBackups');
    expect(world.memberships?.some((m) => m.groupId === group?.id && m.userId === jonathan?.id)).toBe(true);
    expect(world.assignments?.filter((a) => a.permissionSet === upload?.arn).map((a) => `${a.principalType} ${a.principalId} ${a.accountId}`)).toEqual([
      `GROUP ${group?.id} ${MGMT}`,
    ]);
    expect(changeLines(await e2e.plan())).toEqual([]);
  });
});
