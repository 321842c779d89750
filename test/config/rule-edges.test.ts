/** The limits `idc validate` enforces, at their edges: what is just allowed and what is just refused. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';

const validate = (lines: string[]): string[] => loadConfigText(['version: 1', ...lines, ''].join('\n'), 'access.yaml', '.').diagnostics.map(formatDiagnostic);

describe('session_duration', () => {
  it('accepts PT1H and PT12H, refuses a minute less or more', () => {
    for (const ok of ['PT1H', 'PT60M', 'PT12H', 'PT720M']) {
      expect(validate(['permission_sets:', '  S:', `    session_duration: ${ok}`]), ok).toEqual([]);
    }
    expect(validate(['permission_sets:', '  S:', '    session_duration: PT59M'])).toEqual([
      'access.yaml:4:23: session_duration of permission set "S" must be from PT1H to PT12H (got "PT59M")',
    ]);
    expect(validate(['permission_sets:', '  S:', '    session_duration: PT721M'])).toEqual([
      'access.yaml:4:23: session_duration of permission set "S" must be from PT1H to PT12H (got "PT721M", which is PT12H1M)',
    ]);
  });
});

describe('attached policies', () => {
  const set = (customer: number): string[] => [
    'permission_sets:',
    '  Crowded:',
    '    managed_policies: [ReadOnlyAccess]',
    '    customer_managed_policies:',
    ...Array.from({ length: customer }, (_, i) => `      - Customer${String(i).padStart(2, '0')}`),
  ];

  it('allows 20 together and refuses 21', () => {
    expect(validate(set(19))).toEqual([]);
    expect(validate(set(20))).toEqual([
      'access.yaml:3:3: permission set "Crowded" attaches 21 policies (1 managed + 20 customer-managed): Identity Center allows at most 20 together; merge policies or split the permission set',
    ]);
  });
});

describe('managed policies', () => {
  it('the same policy written as a name and as an ARN is reported at the second', () => {
    expect(validate(['permission_sets:', '  S:', '    managed_policies: [ReadOnlyAccess, arn:aws:iam::aws:policy/ReadOnlyAccess]'])).toEqual([
      'access.yaml:4:40: managed_policies of permission set "S" lists arn:aws:iam::aws:policy/ReadOnlyAccess twice ("ReadOnlyAccess" and "arn:aws:iam::aws:policy/ReadOnlyAccess"): remove one',
    ]);
  });

  it('suggests an unknown one in the form it was written, ARN or name', () => {
    expect(
      validate(['permission_sets:', '  S:', '    managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAcess]', '  T:', '    managed_policies: [ReadOnlyAcess]']),
    ).toEqual([
      'access.yaml:4:24: managed_policies of permission set "S": "arn:aws:iam::aws:policy/ReadOnlyAcess" is not an AWS managed policy (did you mean "arn:aws:iam::aws:policy/ReadOnlyAccess"?)',
      'access.yaml:6:24: managed_policies of permission set "T": "ReadOnlyAcess" is not an AWS managed policy (did you mean "ReadOnlyAccess"?)',
    ]);
  });

  it('checks the permissions boundary too', () => {
    expect(validate(['permission_sets:', '  S:', '    permissions_boundary:', '      managed_policy: PowerUserAcess'])).toEqual([
      'access.yaml:5:23: permissions_boundary.managed_policy of permission set "S": "PowerUserAcess" is not an AWS managed policy (did you mean "PowerUserAccess"?)',
    ]);
  });
});

describe('account IDs in rules', () => {
  const rule = (accounts: string, aliases: string[] = []): string[] =>
    validate([
      ...(aliases.length > 0 ? ['accounts:', ...aliases.map((a) => `  "${a}": "111111111111"`)] : []),
      'permission_sets:',
      '  RO: {}',
      'groups:',
      '  ops: {}',
      'assignments:',
      '  - permission_set: RO',
      '    groups: [ops]',
      `    ${accounts}`,
    ]);

  it('digits that are not 12 of them are a mistyped ID, in accounts and in exclude_accounts', () => {
    expect(rule('all_accounts: true\n    exclude_accounts: ["12345678901"]')).toEqual([
      'access.yaml:10:24: account "12345678901" has 11 digits: an account ID has exactly 12 (check for a missing leading zero)',
    ]);
  });

  it('unless an alias has that name', () => {
    expect(rule('accounts: ["2024"]', ['2024'])).toEqual([]);
  });
});
