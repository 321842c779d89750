/**
 * Lists the loader deduplicates and checks for repeats, for all lists: `managed_policies` written
 * as names, as ARNs or both, with repeats or none. The loader sorts instead of hashing (faster for
 * long lists); these properties compare it with the plain Set-based definition.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { normalise } from '../../src/config/normalise.js';
import { parseYaml } from '../../src/config/parse.js';
import { compareStrings } from '../../src/model/compare.js';

const NAMES = ['ReadOnlyAccess', 'AdministratorAccess', 'PowerUserAccess', 'job-function/ViewOnlyAccess', 'SecurityAudit'];
const arnOf = (w: string): string => (w.startsWith('arn:') ? w : `arn:aws:iam::aws:policy/${w}`);
const written = fc.constantFrom(...NAMES, ...NAMES.map(arnOf));
/** Names only (the loader's shortcut) or names and ARNs mixed, up to the 20 a permission set may attach. */
const policyList = fc.oneof(fc.array(fc.constantFrom(...NAMES), { maxLength: 20 }), fc.array(written, { maxLength: 20 }));

const fileWith = (list: readonly string[]): string =>
  [
    'version: 1',
    'permission_sets:',
    '  S:',
    list.length === 0 ? '    managed_policies: []' : '    managed_policies:',
    ...list.map((w) => `      - ${w}`),
    '',
  ].join('\n');

/** How many "twice" diagnostics the list deserves: a text seen before, and an ARN first written another way. */
function repeatsOf(list: readonly string[]): number {
  let n = 0;
  const seen = new Set<string>();
  const firstWritten = new Map<string, string>();
  for (const w of list) {
    if (seen.has(w)) n++;
    seen.add(w);
    const first = firstWritten.get(arnOf(w));
    if (first === undefined) firstWritten.set(arnOf(w), w);
    else if (first !== w) n++;
  }
  return n;
}

describe('managed_policies, for all lists', () => {
  it('normalise keeps each ARN once, sorted by code unit', () => {
    fc.assert(
      fc.property(policyList, (list) => {
        const parsed = parseYaml(fileWith(list), 'access.yaml');
        const { desired } = normalise(parsed.data, parsed.source, '.');
        expect(desired.permissionSets['S']?.managedPolicies).toEqual([...new Set(list.map(arnOf))].sort(compareStrings));
      }),
      { numRuns: 300 },
    );
  });

  it('every repeat is reported, as a repeated text or as a policy named twice, and nothing else', () => {
    fc.assert(
      fc.property(policyList, (list) => {
        const { diagnostics } = loadConfigText(fileWith(list), 'access.yaml', '.');
        expect(diagnostics.filter((d) => d.message.includes(' twice ')).length).toBe(repeatsOf(list));
        expect(diagnostics.filter((d) => !d.message.includes(' twice '))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
