/** The parts of `idc profiles` without AWS: who reaches what, names, the block, merging. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import type { Desired } from '../../src/model/desired.js';
import type { Live } from '../../src/model/live.js';
import { buildProfiles } from '../../src/profiles/build.js';
import { beginMarker, endMarker, renderBlock } from '../../src/profiles/config-block.js';
import { mergeBlock } from '../../src/profiles/merge.js';
import { DEFAULT_NAME_TEMPLATE, profileName, templateProblems } from '../../src/profiles/names.js';

const NOW = new Date('2026-03-15T12:00:00Z');

function load(yaml: string): Desired {
  const r = loadConfigText(yaml, 'access.yaml', '/nonexistent');
  if (!r.desired) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.desired;
}

const TEAM = `version: 1
identity_center:
  start_url: https://acme.awsapps.com/start
accounts:
  prod: "222222222222"
  dev: "333333333333"
users:
  ana: { display_name: Ana A, given_name: Ana, family_name: A, email: ana@example.com }
  bo: { display_name: Bo B, given_name: Bo, family_name: B, email: bo@example.com }
groups:
  developers: { members: [ana, bo] }
permission_sets:
  ReadOnly: { managed_policies: [ReadOnlyAccess] }
  Admin: { managed_policies: [AdministratorAccess] }
  Old: { managed_policies: [ReadOnlyAccess] }
assignments:
  - { permission_set: ReadOnly, groups: [developers], accounts: [prod, dev] }
  - { permission_set: Admin, users: [ana], accounts: [dev] }
  - { permission_set: Old, users: [ana], accounts: [prod], expires: 2026-01-01 }
`;

const noLive = async (): Promise<Live> => {
  throw new Error('no AWS in this test');
};
const request = { ssoRegion: 'eu-west-1', nameTemplate: DEFAULT_NAME_TEMPLATE, output: 'json', now: NOW, readLive: noLive, note: () => {} };

describe('buildProfiles', () => {
  it('gives a user what they reach directly and through groups, not expired rules, without AWS', async () => {
    const config = await buildProfiles(load(TEAM), { ...request, users: ['ana'] });
    expect(config.startUrl).toBe('https://acme.awsapps.com/start');
    expect(config.sessionName).toBe('acme');
    expect([...config.profiles.keys()]).toEqual(['dev-Admin', 'dev-ReadOnly', 'prod-ReadOnly']);
    expect(config.profiles.get('dev-Admin')).toMatchObject({ accountId: '333333333333', permissionSet: 'Admin', users: ['ana'] });
    const bo = await buildProfiles(load(TEAM), { ...request, users: ['bo'] });
    expect([...bo.profiles.keys()]).toEqual(['dev-ReadOnly', 'prod-ReadOnly']);
  });

  it('--all: every profile someone reaches, with who', async () => {
    const config = await buildProfiles(load(TEAM), { ...request, users: 'all' });
    expect([...config.profiles.entries()].map(([n, r]) => `${n}: ${r.users.join(',')}`)).toEqual([
      'dev-Admin: ana',
      'dev-ReadOnly: ana,bo',
      'prod-ReadOnly: ana,bo',
    ]);
  });

  it('says why it needs AWS (OU targets, no start URL) and what to do when AWS cannot be read', async () => {
    const withOu = TEAM.replace('start_url: https://acme.awsapps.com/start', 'region: eu-west-1').replace(
      '{ permission_set: ReadOnly, groups: [developers], accounts: [prod, dev] }',
      '{ permission_set: ReadOnly, groups: [developers], organizational_units: [/Workloads] }',
    );
    const notes: string[] = [];
    const error = await buildProfiles(load(withOu), { ...request, users: ['bo'], note: (l) => notes.push(l) }).catch((e: Error) => e.message);
    expect(notes.join('\n')).toContain('identity_center.start_url');
    expect(notes.join('\n')).toContain('targets organizational units');
    expect(error).toContain('cannot read AWS (no AWS in this test)');
    expect(error).toContain('set identity_center.start_url in access.yaml');
  });

  it('reports an unknown user with a suggestion', async () => {
    await expect(buildProfiles(load(TEAM), { ...request, users: ['anna'] })).rejects.toThrow('user "anna" is not in access.yaml (did you mean "ana"?)');
  });
});

describe('profile names', () => {
  const reach = { accountId: '222222222222', accountName: 'prod team', permissionSet: 'ReadOnly', users: [] };
  it('fills the template and keeps only characters the SDK accepts in a profile name', () => {
    expect(profileName(DEFAULT_NAME_TEMPLATE, reach)).toBe('prod-team-ReadOnly');
    expect(profileName('{account_id}/{permission_set}', reach)).toBe('222222222222/ReadOnly');
  });
  it('rejects templates that cannot give unique names', () => {
    expect(templateProblems('{account}')).toEqual([expect.stringContaining('{permission_set}')]);
    expect(templateProblems('{acount}-{permission_set}')).toEqual([
      expect.stringContaining('unknown placeholder {acount}'),
      expect.stringContaining('{account} or {account_id}'),
    ]);
    expect(templateProblems(DEFAULT_NAME_TEMPLATE)).toEqual([]);
  });
});

describe('start_url in access.yaml', () => {
  it('must be an https URL', () => {
    const r = loadConfigText('version: 1\nidentity_center:\n  start_url: acme.awsapps.com/start\n', 'access.yaml', '/nonexistent');
    expect(r.desired).toBeUndefined();
    expect(r.diagnostics.map((d) => d.message).join('\n')).toContain('start_url');
  });
});

describe('mergeBlock', () => {
  const block = async (users: string[]): Promise<string> => renderBlock(await buildProfiles(load(TEAM), { ...request, users }));

  it('for any file without its markers: keeps it, adds the block once, and a second merge changes nothing', async () => {
    const b = await block(['ana']);
    const smaller = await block(['bo']);
    const line = fc.stringMatching(/^[^\n]*$/).filter((l) => !l.includes('idc profiles'));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.array(line, { maxLength: 6 }), async (beforeLines, afterLines) => {
        const existing = beforeLines.join('\n');
        const once = mergeBlock(existing, b, 'acme');
        expect(once.startsWith(existing)).toBe(true);
        expect(once.split(beginMarker('acme')).length).toBe(2);
        expect(mergeBlock(once, b, 'acme')).toBe(once);
        // Text after the block survives an update, and the update prunes what is no longer reached.
        const withTail = `${once}${afterLines.join('\n')}`;
        const updated = mergeBlock(withTail, smaller, 'acme');
        expect(updated).toBe(withTail.replace(b, smaller));
        expect(updated).not.toContain('dev-Admin');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a block whose end marker was deleted', () => {
    expect(() => mergeBlock(`${beginMarker('acme')}\n[profile x]\n`, 'new', 'acme')).toThrow(`has no matching "${endMarker('acme')}"`);
  });
});
