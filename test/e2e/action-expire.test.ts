/**
 * The bundled Action (dist/index.js) in `mode: expire` on workflow_dispatch from main, against the
 * emulator with its clock: nothing before the rule's end, its removal after, and the summary and
 * the plan-hash output carry the hash of the expiry-only plan. Run `npm run build` first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readWorldFile } from '../../emulator/index.js';
import { pushPayload, runAction, startActionWorld, type ActionWorld } from './action-harness.js';

let w: ActionWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const FILE = `version: 1
users:
  ana: { display_name: Ana, given_name: Ana, family_name: A, email: ana@example.com }
permission_sets:
  ReadOnly: { managed_policies: [ReadOnlyAccess] }
assignments:
  - permission_set: ReadOnly
    users: [ana]
    accounts: [workloads]
    expires: 2026-06-01T13:00Z
`;

const MAIN = 'c'.repeat(40);

describe('Action mode: expire', () => {
  it('removes the expired grant after its end and not before, printing the expiry-only plan hash', async () => {
    w = await startActionWorld(await readWorldFile('emulator/worlds/demo.json'), { clock: { start: '2026-06-01T12:00:00Z' } });
    await w.writeConfig(FILE);
    const at = (): Record<string, string> => ({ IDC_NOW: (w as ActionWorld).emu.now().toISOString() });
    const expire = (): ReturnType<typeof runAction> =>
      runAction(w as ActionWorld, { eventName: 'workflow_dispatch', payload: pushPayload(MAIN), sha: MAIN, with: { mode: 'expire' }, env: at() });
    const grants = (): number => (w as ActionWorld).emu.dump().assignments?.length ?? 0;

    // Set up ana's access with a forced apply (the reviewed path is tested elsewhere).
    const setup = await runAction(w, {
      eventName: 'workflow_dispatch',
      payload: pushPayload(MAIN),
      sha: MAIN,
      with: { mode: 'apply', force: 'true' },
      env: at(),
    });
    expect(setup.code, setup.stderr).toBe(0);
    expect(grants()).toBe(1);

    const before = await expire();
    expect(before.code, before.stderr).toBe(0);
    expect(before.summary).toContain('No expired access left to remove');
    expect(grants()).toBe(1);

    w.emu.advanceClock(3_600_000);
    const after = await expire();
    expect(after.code, after.stderr).toBe(0);
    expect(grants()).toBe(0);
    expect(after.outputs['deletes']).toBe('1');
    expect(after.outputs['plan-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(after.summary).toContain(`Expiry-only plan hash: \`${after.outputs['plan-hash']}\``);
    expect(after.summary).toContain('user ana on account workloads until 2026-06-01 13:00 UTC has expired');
  });
});
