/** `revoke_sessions` on a rule and as the `safety` default: loaded as written, anything but true/false refused at its position. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';

const file = (rule: string, safety = ''): string => `version: 1
${safety}users:
  ana: { display_name: Ana, given_name: Ana, family_name: A, email: ana@example.com }
permission_sets:
  ReadOnly: { managed_policies: [ReadOnlyAccess] }
assignments:
  - permission_set: ReadOnly
    users: [ana]
    accounts: ["111122223333"]
${rule}`;

describe('revoke_sessions in access.yaml', () => {
  it('loads on a rule and in safety, and is absent when not written', () => {
    const loaded = loadConfigText(file('    revoke_sessions: true\n', 'safety:\n  revoke_sessions: false\n'), 'access.yaml', '.');
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(loaded.desired?.rules[0]?.revokeSessions).toBe(true);
    expect(loaded.desired?.safety.revokeSessions).toBe(false);
    const plain = loadConfigText(file(''), 'access.yaml', '.');
    expect(plain.desired?.rules[0]?.revokeSessions).toBeUndefined();
    expect(plain.desired?.safety.revokeSessions).toBeUndefined();
  });

  it('refuses a value that is not true or false, at its line and column', () => {
    const onRule = loadConfigText(file('    revoke_sessions: yes\n'), 'access.yaml', '.');
    expect(onRule.diagnostics.map(formatDiagnostic)).toEqual([
      expect.stringMatching(/^access\.yaml:10:22: revoke_sessions of assignment rule 1 must be true or false/),
    ]);
    const inSafety = loadConfigText(file('', 'safety:\n  revoke_sessions: 1\n'), 'access.yaml', '.');
    expect(inSafety.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^access\.yaml:3:20: safety\.revoke_sessions must be true or false/)]);
  });

  it('refuses a Sid of the file that idc would take for its own revocation', () => {
    const text = file('').replace(
      'ReadOnly: { managed_policies: [ReadOnlyAccess] }',
      'ReadOnly:\n    inline_policy:\n      Version: "2012-10-17"\n      Statement:\n        - Sid: IdcRevokeMine\n          Effect: Deny\n          Action: "*"\n          Resource: "*"',
    );
    expect(loadConfigText(text, 'access.yaml', '.').diagnostics.map(formatDiagnostic)).toEqual([
      'access.yaml:9:16: inline policy of permission set "ReadOnly": Sid "IdcRevokeMine" starts with IdcRevoke, which idc keeps for its session revocations (revoke_sessions); rename the Sid',
    ]);
  });
});
