/**
 * Issue 4, "What it must show": a messy org with drift of every kind; plan → (manual fix through
 * the SDK) → plan is empty. Control Tower's set and group are never in the plan.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ByHand } from './by-hand.js';
import { DEPLOY_INLINE_NEW, MESSY_YAML, MGMT, SANDBOX, SHARED, WORKLOADS, aws, messyWorld } from './fixtures/messy.js';
import { accessLines, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

const EXPECTED_CHANGES = [
  `create assignment ReadOnly GROUP admins ${SANDBOX}`, // OU /Workloads includes the nested /Workloads/Dev
  'create membership bob in admins',
  `delete assignment Deploy USER carol ${SANDBOX}`,
  `delete assignment Legacy GROUP admins ${WORKLOADS}`,
  `delete assignment ReadOnly USER mallory ${WORKLOADS}`,
  'delete group old-team',
  'delete membership carol in admins',
  'delete permission-set Legacy',
  'delete user mallory',
  `provision Audit drift ${SHARED}`,
  `provision Billing edited ${MGMT}`,
  `provision Deploy edited ${WORKLOADS},${SANDBOX},${SHARED}`,
  `provision ReadOnly edited ${WORKLOADS}`,
  // The inline policy of Billing is reformatted by AWS but equal: not a change.
  'update permission-set Billing [managedPolicies,permissionsBoundary]',
  'update permission-set Deploy [inlinePolicy,permissionsBoundary]',
  'update permission-set ReadOnly [description,sessionDuration,relayState,managedPolicies,tags]',
  'update user jonathan [email]',
].sort();

describe('plan against a messy organization', () => {
  it('shows exactly the drift, leaves Control Tower and suspended accounts alone; a manual fix empties it', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML);
    const before = e2e.emu.dump();

    const plan = await e2e.plan();
    expect(changeLines(plan), show(plan)).toEqual(EXPECTED_CHANGES);
    expect(accessLines(plan)).toEqual(
      [
        `gain GROUP admins ReadOnly ${SANDBOX}`,
        // alice stays in admins: she gains what the group gains and loses what it loses.
        `gain USER alice ReadOnly ${SANDBOX}`,
        `lose USER alice Legacy ${WORKLOADS}`,
        `gain USER bob ReadOnly ${WORKLOADS}`,
        `gain USER bob ReadOnly ${SANDBOX}`,
        `lose GROUP admins Legacy ${WORKLOADS}`,
        `lose USER carol Deploy ${SANDBOX}`,
        `lose USER carol Legacy ${WORKLOADS}`,
        `lose USER carol ReadOnly ${WORKLOADS}`,
        `lose USER mallory ReadOnly ${WORKLOADS}`,
      ].sort(),
    );
    expect(plan.counts).toEqual({ create: 2, update: 8, delete: 7 });
    const text = JSON.stringify(plan.changes);
    expect(text).not.toContain('AWSControlTower');
    expect(text).not.toContain('777788889999'); // the suspended account, tagged env=prod
    expect(plan.warnings.map((w) => `${w.code} ${w.subject}`)).toEqual(expect.arrayContaining(['reprovision Audit', 'reprovision Deploy']));
    // Planning changes nothing.
    expect(e2e.emu.dump()).toEqual(before);
    expect(Object.keys(e2e.emu.calls()).filter((op) => !/:(List|Describe|Get)/.test(op))).toEqual([]);

    // The manual fix, through the real SDK clients, as an administrator would do it.
    const hand = new ByHand(e2e.emu, e2e.sdk);
    await hand.setEmail('jonathan', 'jonathan@example.com');
    await hand.addMember('admins', 'bob');
    await hand.removeMember('admins', 'carol');
    await hand.deleteGroup('old-team');
    await hand.updateSet('ReadOnly', { description: 'Read-only access', sessionDuration: 'PT8H' });
    await hand.detach('ReadOnly', aws('ViewOnlyAccess'));
    await hand.tag('ReadOnly', { owner: 'security' });
    await hand.attach('Billing', aws('ReadOnlyAccess'));
    await hand.putBoundary('Billing', { ManagedPolicyArn: aws('PowerUserAccess') });
    await hand.putInline('Deploy', DEPLOY_INLINE_NEW);
    await hand.deleteBoundary('Deploy');
    await hand.assign('ReadOnly', { group: 'admins' }, SANDBOX);
    await hand.unassign('ReadOnly', { user: 'mallory' }, WORKLOADS);
    await hand.unassign('Deploy', { user: 'carol' }, SANDBOX);
    await hand.unassign('Legacy', { group: 'admins' }, WORKLOADS);
    await e2e.settle();
    for (const set of ['ReadOnly', 'Billing', 'Deploy', 'Audit']) await hand.provision(set);
    await hand.deleteUser('mallory');
    await hand.deleteSet('Legacy');
    await e2e.settle();

    const after = await e2e.plan();
    expect(changeLines(after), show(after)).toEqual([]);
    expect(after.accessChanges).toEqual([]);
  });

  it('shows a change made by hand after the file was applied (drift), then nothing once undone', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML);
    const hand = new ByHand(e2e.emu, e2e.sdk);
    // Same fixes as above, in bulk: apply, then check we start from an empty plan.
    const outcome = await e2e.apply();
    expect(outcome.status).toBe('applied');
    expect(changeLines(await e2e.plan())).toEqual([]);

    // Someone detaches a policy and grants an assignment in the console.
    await hand.detach('Audit', aws('SecurityAudit'));
    await hand.assign('Deploy', { user: 'alice' }, SHARED);
    await e2e.settle();
    const drift = await e2e.plan();
    expect(changeLines(drift), show(drift)).toEqual(
      [
        `delete assignment Deploy USER alice ${SHARED}`,
        `provision Audit edited ${WORKLOADS},${SANDBOX},${SHARED}`,
        'update permission-set Audit [managedPolicies]',
      ].sort(),
    );
    await hand.attach('Audit', aws('SecurityAudit'));
    await hand.provision('Audit');
    await hand.unassign('Deploy', { user: 'alice' }, SHARED);
    await e2e.settle();
    expect(changeLines(await e2e.plan())).toEqual([]);
  });
});
