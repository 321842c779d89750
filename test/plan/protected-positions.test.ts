/**
 * `safety.protected` read from a real access.yaml: a name that will not exist after the plan, or an
 * account that does not resolve, is an error at the exact line and column of that name, in the
 * singular (`user:`) and plural (`users: [...]`) forms, in every item of the list.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { live, liveAssignment, liveGroup, livePermissionSet, liveUser, MGMT, NOW } from './builders.js';

const world = live({
  users: [liveUser('breakglass'), liveUser('ann')],
  groups: [liveGroup('admins', ['ann']), liveGroup('auditors', [])],
  permissionSets: [livePermissionSet('AdminAccess', { provisioned: [MGMT] }), livePermissionSet('ReadOnly', { provisioned: [MGMT] })],
  assignments: [
    liveAssignment('AdminAccess', 'USER', 'breakglass', MGMT),
    liveAssignment('AdminAccess', 'GROUP', 'admins', MGMT),
    liveAssignment('ReadOnly', 'GROUP', 'auditors', MGMT),
  ],
});

/** The errors `idc plan` prints for this `safety:` block (names only AWS knows: everything referenced). */
function planErrors(safety: string[]): string[] {
  const text = [
    'version: 1',
    'ownership:',
    '  users: referenced',
    '  groups: referenced',
    '  permission_sets: referenced',
    '  assignments: referenced',
    'safety:',
    ...safety,
    '',
  ].join('\n');
  const loaded = loadConfigText(text, 'access.yaml', '.');
  expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
  const { diagnostics } = buildPlan(loaded.desired!, world, { now: NOW });
  return diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
}

describe('safety.protected errors point at the name', () => {
  it('a valid list gives no error', () => {
    expect(
      planErrors(['  protected:', '    - permission_set: AdminAccess', '      user: breakglass', '      group: admins', '      accounts: [management]']),
    ).toEqual([]);
  });

  it('singular user: and group: are reported at their value, with did-you-mean', () => {
    expect(
      planErrors(['  protected:', '    - permission_set: AdminAccess', '      user: breakglas', '      group: admin', '      accounts: [management]']),
    ).toEqual([
      'access.yaml:10:13: safety.protected: user "breakglas" does not exist in the identity store (did you mean "breakglass"?)',
      'access.yaml:11:14: safety.protected: group "admin" does not exist in the identity store (did you mean "admins"?)',
    ]);
  });

  it('a singular permission_set: is reported at its value', () => {
    expect(planErrors(['  protected:', '    - permission_set: ReadOnyl', '      user: breakglass', '      accounts: [management]'])).toEqual([
      'access.yaml:9:23: safety.protected: permission set "ReadOnyl" does not exist in Identity Center (did you mean "ReadOnly"?)',
    ]);
  });

  it('in the second item, each name of a plural list at its own column', () => {
    expect(
      planErrors([
        '  protected:',
        '    - permission_sets: [AdminAccess]',
        '      users: [breakglass]',
        '      accounts: [management]',
        '    - permission_sets: [ReadOnly, AdminAcess]',
        '      users: [ann, breakglas]',
        '      groups: [auditors, admns]',
        '      accounts: [management, managment]',
      ]),
    ).toEqual([
      'access.yaml:12:35: safety.protected: permission set "AdminAcess" does not exist in Identity Center (did you mean "AdminAccess"?)',
      'access.yaml:13:20: safety.protected: user "breakglas" does not exist in the identity store (did you mean "breakglass"?)',
      'access.yaml:14:26: safety.protected: group "admns" does not exist in the identity store (did you mean "admins"?)',
      'access.yaml:15:30: safety.protected: account "managment" is not an account ID, an alias under accounts:, or the name of an account in the organization (did you mean "management"?)',
    ]);
  });

  it('two items on one line (a flow list) are told apart by column', () => {
    expect(
      planErrors([
        '  protected: [{permission_set: AdminAccess, user: breakglass, accounts: [management]}, {permission_set: ReadOnly, user: bob, accounts: [management]}]',
      ]),
    ).toEqual(['access.yaml:8:121: safety.protected: user "bob" does not exist in the identity store']);
  });
});
