/**
 * Apply against the emulator changes only the user attributes the plan shows: an address set
 * outside the file (a second email, the email's type) survives a display-name change and an
 * email change.
 */
import { DescribeUserCommand, UpdateUserCommand } from '@aws-sdk/client-identitystore';
import { afterEach, describe, expect, it } from 'vitest';
import { ByHand } from './by-hand.js';
import { MESSY_YAML, messyWorld } from './fixtures/messy.js';
import { applied, changeLines, show, startE2E, type E2E } from './harness.js';

let e2e: E2E | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

describe('apply: user attributes the file does not manage', () => {
  it('keeps a second email and the email type set outside the file', async () => {
    e2e = await startE2E({ world: messyWorld() });
    await e2e.write(MESSY_YAML);
    applied(await e2e.apply());
    const byHand = new ByHand(e2e.emu, e2e.sdk);
    const storeId = e2e.emu.state.identityStoreId;
    const emailsOf = async (userName: string) =>
      (await e2e!.sdk.ids.send(new DescribeUserCommand({ IdentityStoreId: storeId, UserId: byHand.userId(userName) }))).Emails;
    const setEmails = (userName: string, emails: { value: string; type: string; primary: boolean }[]) =>
      e2e!.sdk.ids.send(
        new UpdateUserCommand({ IdentityStoreId: storeId, UserId: byHand.userId(userName), Operations: [{ AttributePath: 'emails', AttributeValue: emails }] }),
      );
    // An identity provider or an admin adds a second address to bob and carol, and makes carol's a home address.
    await setEmails('bob', [
      { value: 'bob@example.com', type: 'work', primary: true },
      { value: 'bob.oncall@example.org', type: 'other', primary: false },
    ]);
    await setEmails('carol', [
      { value: 'carol.alt@example.org', type: 'other', primary: false },
      { value: 'carol@example.com', type: 'home', primary: true },
    ]);
    expect((await e2e.plan()).changes).toEqual([]);

    const edited = MESSY_YAML.replace('bob: { display_name: bob,', 'bob: { display_name: Robert,').replace(
      'email: carol@example.com }',
      'email: carol@new.example.com }',
    );
    expect(edited).not.toEqual(MESSY_YAML);
    await e2e.write(edited);
    const outcome = applied(await e2e.apply());
    expect(changeLines(outcome.plan)).toEqual(['update user bob [displayName]', 'update user carol [email]']);
    expect(outcome.report.failed).toEqual([]);
    expect(changeLines(await e2e.plan()), show(await e2e.plan())).toEqual([]);

    expect(await emailsOf('bob')).toEqual([
      { Value: 'bob@example.com', Type: 'work', Primary: true },
      { Value: 'bob.oncall@example.org', Type: 'other', Primary: false },
    ]);
    expect(await emailsOf('carol')).toEqual([
      { Value: 'carol.alt@example.org', Type: 'other', Primary: false },
      { Value: 'carol@new.example.com', Type: 'home', Primary: true },
    ]);
  });
});
