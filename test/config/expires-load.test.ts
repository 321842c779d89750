/** `expires` as people write it in YAML, unquoted: a date or a date-time stays the text written. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { formatDiagnostic } from '../../src/model/source.js';

const file = (expires: string): string => `version: 1
users:
  ana: { display_name: Ana, given_name: Ana, family_name: A, email: ana@example.com }
permission_sets:
  ReadOnly: { managed_policies: [ReadOnlyAccess] }
assignments:
  - permission_set: ReadOnly
    users: [ana]
    accounts: ["111122223333"]
    expires: ${expires}
`;

describe('expires in access.yaml', () => {
  it.each(['2026-12-31', '2026-12-31T17:00', '2026-12-31T17:00:00Z', '2026-12-31T17:00+02:00', '"2026-12-31T17:00-05:30"'])('%s loads as written', (text) => {
    const loaded = loadConfigText(file(text), 'access.yaml', '.');
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(loaded.desired?.rules[0]?.expires).toBe(text.replace(/"/g, ''));
  });

  it('a time that does not exist is an error at the value', () => {
    const loaded = loadConfigText(file('2026-12-31T25:00Z'), 'access.yaml', '.');
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      'access.yaml:10:14: expires of assignment rule 1 is not a real time of day: "2026-12-31T25:00Z" (write a date such as 2026-12-31, or a date-time such as 2026-12-31T17:00+02:00; UTC when the offset is absent)',
    ]);
  });
});
