import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import { createProgress } from '../../src/progress/create-progress.js';
import { FakeTerminal } from '../progress/fake-terminal.js';
import { FakeGateway } from './fake-gateway.js';
import { fakeClock } from './fixtures.js';
import { fullScenario } from './scenario.js';

describe('applyPlan: progress', () => {
  it('shows each phase with its count and summary, failures and skips included', async () => {
    const { live, plan } = fullScenario();
    const fake = new FakeGateway(live).inject({ method: 'deleteAccountAssignment', error: 'failed', reason: 'nope' });
    const log = new FakeTerminal();
    const progress = createProgress(log, { now: () => 0 });
    await applyPlan(plan, live, fake, { progress, ...fakeClock() });
    expect(log.raw.split('\n')).toEqual([
      'create users and groups: 3 to do',
      'create users and groups: 3 done (0.0s)',
      'create memberships: 1 to do',
      'create memberships: 1 done (0.0s)',
      'create and update permission sets: 2 to do',
      'create and update permission sets: 2 done (0.0s)',
      'provision permission sets: 1 to do',
      'provision permission sets: 1 done (0.0s)',
      'create assignments: 3 to do',
      'create assignments: 3 done (0.0s)',
      'delete assignments: 1 to do',
      'delete assignments: 0 done, 1 failed (0.0s)',
      'delete memberships: 1 to do',
      'delete memberships: 1 done (0.0s)',
      'delete permission sets: 1 skipped (they depend on a failed change)',
      'delete users and groups: 1 to do',
      'delete users and groups: 1 done, 1 skipped (they depend on a failed change) (0.0s)',
      '',
    ]);
  });
});
