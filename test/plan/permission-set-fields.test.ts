/**
 * Which permission set fields a plan shows as changed: the comparison must follow what AWS stores
 * (durations in seconds, policy lists as sets, a missing path as `/`), so an equal set gives no
 * update and every real edit is listed.
 */
import { describe, expect, it } from 'vitest';
import type { PermissionSet, PermissionsBoundary } from '../../src/model/permission-set.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { desired, live, livePermissionSet, managedPolicy, NOW, permissionSet } from './builders.js';

type Over = Partial<PermissionSet>;

/** The fields the plan's update of set "Dev" lists ([] when the plan has no update). */
function updated(want: Over, have: Over): string[] {
  const { plan, diagnostics } = buildPlan(
    desired({ permissionSets: [permissionSet('Dev', want)] }),
    live({ permissionSets: [livePermissionSet('Dev', have)] }),
    { now: NOW },
  );
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const change = plan.changes.find((c) => c.kind === 'permission-set' && c.name === 'Dev');
  if (change === undefined) return [];
  expect(change.kind === 'permission-set' && change.action).toBe('update');
  return change.kind === 'permission-set' ? change.fields : [];
}

describe('session duration', () => {
  it.each([
    ['PT1H', 'PT60M'],
    ['PT1H', 'PT3600S'],
    ['PT1H30M', 'PT90M'],
    ['PT1M30S', 'PT90S'],
    ['PT10H', 'PT600M'],
    ['PT2H', 'PT7200S'],
    ['bogus', 'bogus'],
  ])('%s and %s are the same duration: no update', (a, b) => {
    expect(updated({ sessionDuration: a }, { sessionDuration: b })).toEqual([]);
  });

  it.each([
    ['PT2H', 'PT1H'],
    ['PT1H', 'PT3601S'],
    ['PT1H', 'PT3600X'],
    ['XPT1H', 'PT1H'],
    ['PT1H', 'PT1HX'],
    ['PT', 'PT0S'],
    ['bogus', 'PT1H'],
    ['PTxS', 'PT1H'],
  ])('%s against %s is an update of sessionDuration', (a, b) => {
    expect(updated({ sessionDuration: a }, { sessionDuration: b })).toEqual(['sessionDuration']);
  });
});

describe('managed policies', () => {
  const A = managedPolicy('A');
  const B = managedPolicy('B');
  it('the same policies in another order, or repeated, are no update', () => {
    expect(updated({ managedPolicies: [A, B] }, { managedPolicies: [B, A] })).toEqual([]);
    expect(updated({ managedPolicies: [A, A, B] }, { managedPolicies: [B, A] })).toEqual([]);
  });
  it('a policy added, removed or swapped is an update', () => {
    expect(updated({ managedPolicies: [A] }, { managedPolicies: [A, B] })).toEqual(['managedPolicies']);
    expect(updated({ managedPolicies: [A, B] }, { managedPolicies: [A] })).toEqual(['managedPolicies']);
    expect(updated({ managedPolicies: [A] }, { managedPolicies: [B] })).toEqual(['managedPolicies']);
  });
});

describe('customer-managed policies', () => {
  it('an empty path is the root path `/`', () => {
    expect(updated({ customerManagedPolicies: [{ name: 'p', path: '' }] }, { customerManagedPolicies: [{ name: 'p', path: '/' }] })).toEqual([]);
  });
  it('another name or another path is an update', () => {
    expect(updated({ customerManagedPolicies: [{ name: 'p', path: '/' }] }, { customerManagedPolicies: [{ name: 'q', path: '/' }] })).toEqual([
      'customerManagedPolicies',
    ]);
    expect(updated({ customerManagedPolicies: [{ name: 'p', path: '/a/' }] }, { customerManagedPolicies: [{ name: 'p', path: '/b/' }] })).toEqual([
      'customerManagedPolicies',
    ]);
    expect(updated({ customerManagedPolicies: [{ name: 'p', path: '/a/' }] }, { customerManagedPolicies: [{ name: 'p', path: '' }] })).toEqual([
      'customerManagedPolicies',
    ]);
  });
});

describe('permissions boundary', () => {
  const aws = (name: string): PermissionsBoundary => ({
    kind: 'aws-managed',
    arn: managedPolicy(name),
  });
  const cust = (name: string, path: string): PermissionsBoundary => ({
    kind: 'customer-managed',
    name,
    path,
  });
  const b = (boundary: PermissionsBoundary | undefined): Over => (boundary === undefined ? {} : { permissionsBoundary: boundary });

  it.each<[string, PermissionsBoundary | undefined, PermissionsBoundary | undefined]>([
    ['none on either side', undefined, undefined],
    ['the same AWS managed policy', aws('A'), aws('A')],
    ['the same customer policy, path "" and "/"', cust('p', ''), cust('p', '/')],
    ['the same customer policy, path "/" and ""', cust('p', '/'), cust('p', '')],
    ['the same customer policy and path', cust('p', '/x/'), cust('p', '/x/')],
  ])('%s: no update', (_, want, have) => {
    expect(updated(b(want), b(have))).toEqual([]);
  });

  it.each<[string, PermissionsBoundary | undefined, PermissionsBoundary | undefined]>([
    ['added', aws('A'), undefined],
    ['removed', undefined, aws('A')],
    ['added (customer)', cust('p', '/'), undefined],
    ['another AWS managed policy', aws('A'), aws('B')],
    ['AWS managed replaced by a customer policy', cust('A', '/'), aws('A')],
    ['a customer policy replaced by an AWS managed one', aws('A'), cust('A', '/')],
    ['another customer policy name', cust('p', '/'), cust('q', '/')],
    ['another customer policy path', cust('p', '/a/'), cust('p', '/b/')],
    ['a customer policy path against the default', cust('p', '/a/'), cust('p', '')],
    ['the default against a customer policy path', cust('p', ''), cust('p', '/a/')],
  ])('%s: an update of permissionsBoundary', (_, want, have) => {
    expect(updated(b(want), b(have))).toEqual(['permissionsBoundary']);
  });
});

describe('tags', () => {
  it('the same tags in another order are no update', () => {
    expect(updated({ tags: { a: '1', b: '2' } }, { tags: { b: '2', a: '1' } })).toEqual([]);
  });
  it('a tag added, removed, renamed or with another value is an update', () => {
    expect(updated({ tags: { a: '1' } }, { tags: { a: '2' } })).toEqual(['tags']);
    expect(updated({ tags: { a: '1' } }, { tags: { b: '1' } })).toEqual(['tags']);
    expect(updated({ tags: { a: '1' } }, { tags: { a: '1', b: '2' } })).toEqual(['tags']);
    expect(updated({ tags: { a: '1', b: '2' } }, { tags: { a: '1' } })).toEqual(['tags']);
  });
});

describe('the sets a plan shows', () => {
  it('a new set lists only the fields it has, and shows exactly its configuration', () => {
    const { plan } = buildPlan(
      desired({
        permissionSets: [
          permissionSet('Bare', { description: '' }),
          permissionSet('Full', {
            description: 'All of it',
            relayState: 'https://console.aws.amazon.com/',
            managedPolicies: [managedPolicy('A')],
            customerManagedPolicies: [{ name: 'p', path: '/x/' }],
            inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
            permissionsBoundary: {
              kind: 'customer-managed',
              name: 'b',
              path: '/',
            },
            tags: { team: 'app' },
          }),
        ],
      }),
      live(),
      { now: NOW },
    );
    const creates = plan.changes.filter((c) => c.kind === 'permission-set');
    expect(creates.map((c) => [c.name, c.action, c.fields])).toEqual([
      ['Bare', 'create', ['sessionDuration']],
      [
        'Full',
        'create',
        ['description', 'sessionDuration', 'relayState', 'managedPolicies', 'customerManagedPolicies', 'inlinePolicy', 'permissionsBoundary', 'tags'],
      ],
    ]);
    const full = creates[1];
    expect(full?.kind === 'permission-set' && full.after).toStrictEqual({
      name: 'Full',
      description: 'All of it',
      sessionDuration: 'PT1H',
      relayState: 'https://console.aws.amazon.com/',
      managedPolicies: [managedPolicy('A')],
      customerManagedPolicies: [{ name: 'p', path: '/x/' }],
      inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
      permissionsBoundary: { kind: 'customer-managed', name: 'b', path: '/' },
      tags: { team: 'app' },
    });
  });

  it('an update shows before and after without the live-only fields or absent ones', () => {
    const { plan } = buildPlan(
      desired({
        permissionSets: [permissionSet('Dev', { sessionDuration: 'PT2H' })],
      }),
      live({
        permissionSets: [livePermissionSet('Dev', { provisioned: ['222222222222'] })],
      }),
      { now: NOW },
    );
    const change = plan.changes.find((c) => c.kind === 'permission-set');
    expect(change?.kind === 'permission-set' && change.before).toStrictEqual({
      name: 'Dev',
      sessionDuration: 'PT1H',
      managedPolicies: [],
      customerManagedPolicies: [],
      tags: {},
    });
    expect(change?.kind === 'permission-set' && change.after).toStrictEqual({
      name: 'Dev',
      sessionDuration: 'PT2H',
      managedPolicies: [],
      customerManagedPolicies: [],
      tags: {},
    });
  });
});
