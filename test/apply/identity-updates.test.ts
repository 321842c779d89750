/** Apply sends, for a user update, exactly the fields the plan lists: never the whole user. */
import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.js';
import type { User } from '../../src/model/identity.js';
import { silentProgress } from '../../src/progress/progress.js';
import { FakeGateway } from './fake-gateway.js';
import { fakeClock, liveUser, makeLive, makePlan, user } from './fixtures.js';

const options = () => ({ progress: silentProgress, ...fakeClock(), asyncTimeoutMs: 10 * 60_000 });

class RecordingGateway extends FakeGateway {
  readonly userUpdates: { userId: string; fields: (keyof User)[] }[] = [];
  override async updateUser(store: string, userId: string, u: User, fields: readonly (keyof User)[]) {
    this.userUpdates.push({ userId, fields: [...fields] });
    return super.updateUser(store, userId, u, fields);
  }
}

describe('applyPlan: user updates', () => {
  it('a display-name change updates the display name only', async () => {
    const live = makeLive({ users: { bob: liveUser('bob') } });
    const after = { ...user('bob'), displayName: 'Robert' };
    const plan = makePlan([{ kind: 'user', action: 'update', userName: 'bob', before: user('bob'), after, fields: ['displayName'] }]);
    const fake = new RecordingGateway(live);
    // Someone changed the email outside the file after the plan: apply must not put it back.
    fake.users.set('uid-bob', { ...liveUser('bob'), email: 'bob@elsewhere.example' });
    const report = await applyPlan(plan, live, fake, options());
    expect(report.failed).toEqual([]);
    expect(fake.userUpdates).toEqual([{ userId: 'uid-bob', fields: ['displayName'] }]);
    expect(fake.users.get('uid-bob')).toEqual({ ...liveUser('bob'), displayName: 'Robert', email: 'bob@elsewhere.example' });
  });
});
