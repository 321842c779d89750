/**
 * `idc validate` on assignment rules whose targets or names are present but empty, or given in an
 * unusual form: each problem is reported once, at its line and column, and valid forms pass.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';

const HEAD = [
  'version: 1',
  'users:',
  '  ann: {display_name: Ann, given_name: Ann, family_name: E, email: ann@example.com}',
  'permission_sets:',
  '  RO: {}',
  'assignments:',
];
const validate = (...lines: string[]): string[] => loadConfigText([...HEAD, ...lines, ''].join('\n'), 'access.yaml', '.').diagnostics.map(formatDiagnostic);

describe('a rule names a permission set, a principal and a target', () => {
  it('an empty permission_set or users is no name: both the rule and the value are reported', () => {
    expect(validate('  - {permission_set: , users: [ann], accounts: [prod]}')).toEqual([
      'access.yaml:7:5: assignment rule 1 names no permission set: add permission_set: NAME (or permission_sets: [A, B])',
      'access.yaml:7:6: permission_set of assignment rule 1 must be text, not empty',
    ]);
    expect(validate('  - {permission_set: RO, users: , accounts: [prod]}')).toEqual([
      'access.yaml:7:5: assignment rule 1 names no user or group: add users: [NAME] or groups: [NAME]',
      'access.yaml:7:26: users of assignment rule 1 must be a list, not empty',
    ]);
    expect(validate('  - {permission_set: RO, group: , accounts: [prod]}')).toEqual([
      'access.yaml:7:5: assignment rule 1 names no user or group: add users: [NAME] or groups: [NAME]',
      'access.yaml:7:26: group of assignment rule 1 must be text, not empty',
    ]);
  });

  it('the singular user: and an organizational_units target are enough', () => {
    expect(validate('  - {permission_set: RO, user: ann, accounts: [prod]}')).toEqual([]);
    expect(validate('  - {permission_set: RO, users: [ann], organizational_units: [/Workloads]}')).toEqual([]);
  });

  it('empty or missing account_tags is no target', () => {
    expect(validate('  - {permission_set: RO, users: [ann], account_tags: {}}')).toEqual([
      'access.yaml:7:5: assignment rule 1 has no target: add accounts, organizational_units, account_tags or all_accounts: true',
      'access.yaml:7:54: account_tags of assignment rule 1 must not be empty',
    ]);
    expect(validate('  - {permission_set: RO, users: [ann], account_tags: }')).toEqual([
      'access.yaml:7:5: assignment rule 1 has no target: add accounts, organizational_units, account_tags or all_accounts: true',
      'access.yaml:7:40: account_tags of assignment rule 1 must be a mapping (key: value), not empty',
    ]);
  });
});

describe('all_accounts: true stands alone', () => {
  it('empty account_tags beside it is only the empty-tags error', () => {
    expect(validate('  - {permission_set: RO, users: [ann], all_accounts: true, account_tags: {}}')).toEqual([
      'access.yaml:7:74: account_tags of assignment rule 1 must not be empty',
    ]);
  });

  it('names every other target, at all_accounts', () => {
    expect(validate('  - {permission_set: RO, users: [ann], all_accounts: true, account_tags: {env: prod}, organizational_units: [/W]}')).toEqual([
      'access.yaml:7:54: assignment rule 1 has all_accounts: true and also organizational_units, account_tags: all_accounts already targets every active account except the management account; remove organizational_units, account_tags or move them to a rule of its own',
    ]);
  });

  it('is not a key of a protected assignment (one error, from the schema)', () => {
    expect(validate('  []', 'safety:', '  protected:', '    - {permission_set: RO, users: [ann], accounts: [prod], all_accounts: true}')).toEqual([
      'access.yaml:10:60: unknown key "all_accounts" in protected assignment 1 (did you mean "accounts"?)',
    ]);
  });
});

describe('expires', () => {
  it('a list or a date with a prefix is a shape error only, not also "not a real date"', () => {
    expect(validate('  - {permission_set: RO, users: [ann], accounts: [prod], expires: [2026-02-30]}')).toEqual([
      'access.yaml:7:67: expires of assignment rule 1 must be text, not a list',
    ]);
    expect(validate('  - {permission_set: RO, users: [ann], accounts: [prod], expires: x2026-02-30}')).toEqual([
      'access.yaml:7:67: expires of assignment rule 1 must be a date written YYYY-MM-DD or a date-time written YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], e.g. 2026-12-31 or 2026-12-31T17:00+02:00 (got "x2026-02-30")',
    ]);
  });

  it('a 13th month and a 30 February are not real dates', () => {
    for (const date of ['2026-13-01', '2026-02-30']) {
      expect(validate(`  - {permission_set: RO, users: [ann], accounts: [prod], expires: ${date}}`)).toEqual([
        `access.yaml:7:67: expires of assignment rule 1 is not a real date: "${date}" (write a date such as 2026-12-31, or a date-time such as 2026-12-31T17:00+02:00; UTC when the offset is absent)`,
      ]);
    }
  });
});
