/**
 * Names that are also members of every JavaScript object (`__proto__`, `constructor`,
 * `toString`, …) are ordinary names in AWS (pattern `[\w+=,.@-]+`): loaded from access.yaml and
 * read from AWS, they must count, resolve and plan like any other name.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import type { Desired } from '../../src/model/desired.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { canonicalJson } from '../../src/plan/canonical-json.js';
import { samePolicy } from '../../src/plan/policy.js';
import { LEGACY, live, liveGroup, livePermissionSet, liveUser, MGMT, NOW, PROD_APP, PROD_DATA, STAGING } from './builders.js';

const SPECIAL = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];
const NAMES = [...SPECIAL, 'alice', 'ops', 'ReadOnly'];
const ACCOUNT_IDS = [MGMT, PROD_APP, PROD_DATA, STAGING, LEGACY];

interface World {
  users: string[];
  groups: string[];
  sets: string[];
  aliases: string[];
  liveUsers: string[];
  liveGroups: string[];
  liveSets: string[];
}

const names = fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: NAMES.length });
const worldArb: fc.Arbitrary<World> = fc.record({
  users: names,
  groups: names,
  sets: names,
  aliases: names,
  liveUsers: names,
  liveGroups: names,
  liveSets: names,
});

const accountOf = (w: World, alias: string): string => ACCOUNT_IDS[w.aliases.indexOf(alias) % ACCOUNT_IDS.length] as string;
const list = (xs: readonly string[]): string => `[${xs.join(', ')}]`;

/** access.yaml for the world: every set assigned to every user and group on every alias. */
function yamlOf(w: World): string[] {
  const lines = ['version: 1'];
  if (w.aliases.length > 0) lines.push('accounts:', ...w.aliases.map((a) => `  ${a}: "${accountOf(w, a)}"`));
  if (w.users.length > 0) {
    lines.push('users:');
    w.users.forEach((u, i) =>
      lines.push(`  ${u}:`, `    display_name: User ${i}`, `    given_name: G${i}`, `    family_name: F${i}`, `    email: u${i}@example.com`),
    );
  }
  if (w.groups.length > 0) lines.push('groups:', ...w.groups.map((g) => `  ${g}:${w.users.length > 0 ? ` { members: ${list(w.users)} }` : ' {}'}`));
  if (w.sets.length > 0) lines.push('permission_sets:', ...w.sets.map((s) => `  ${s}: { managed_policies: [ReadOnlyAccess] }`));
  const rules = w.aliases.length > 0 && w.users.length + w.groups.length > 0 ? w.sets : [];
  if (rules.length > 0) lines.push('assignments:');
  for (const s of rules) {
    lines.push(`  - permission_set: ${s}`);
    if (w.users.length > 0) lines.push(`    users: ${list(w.users)}`);
    if (w.groups.length > 0) lines.push(`    groups: ${list(w.groups)}`);
    lines.push(`    accounts: ${list(w.aliases)}`);
  }
  return lines;
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const minus = (a: readonly string[], b: readonly string[]): string[] => sorted(a.filter((x) => !b.includes(x)));

function loaded(text: string): { desired?: Desired; errors: string[] } {
  const r = loadConfigText(text, 'access.yaml', '/nowhere');
  return {
    ...(r.desired ? { desired: r.desired } : {}),
    errors: r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.col}: ${d.message}`),
  };
}

describe('names that JavaScript objects already have', () => {
  it('are loaded and counted like any other name', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const { desired, errors } = loaded(`${yamlOf(w).join('\n')}\n`);
        expect(errors).toEqual([]);
        const d = desired as Desired;
        expect(sorted(Object.keys(d.users))).toEqual(sorted(w.users));
        expect(sorted(Object.keys(d.groups))).toEqual(sorted(w.groups));
        expect(sorted(Object.keys(d.permissionSets))).toEqual(sorted(w.sets));
        expect(sorted(Object.keys(d.accountAliases))).toEqual(sorted(w.aliases));
        for (const g of w.groups) expect(d.groups[g]?.members).toEqual(sorted(w.users));
      }),
      { numRuns: 200 },
    );
  });

  it('that the file does not define are unknown references, at their file:line:col', () => {
    fc.assert(
      fc.property(
        worldArb.filter((w) => w.sets.length > 0 && w.aliases.length > 0),
        fc.constantFrom(...SPECIAL),
        fc.constantFrom('user', 'group', 'permission_set'),
        (w, name, kind) => {
          const world = { ...w, users: w.users.filter((n) => n !== name), groups: w.groups.filter((n) => n !== name) };
          if (kind === 'permission_set') world.sets = world.sets.filter((n) => n !== name);
          const ref = kind === 'permission_set' ? `  - permission_set: ${name}` : `    ${kind}s: [${name}]`;
          const lines = [...yamlOf(world)];
          if (!lines.includes('assignments:')) lines.push('assignments:');
          if (kind === 'permission_set') lines.push(ref, `    accounts: [${world.aliases[0]}]`, `    users: [${name}x]`);
          else lines.push(`  - permission_set: ${world.sets[0] ?? name}`, ref, `    accounts: [${world.aliases[0]}]`);
          const at = `${lines.indexOf(ref) + 1}:${ref.indexOf(name) + 1}`;
          const what = kind === 'permission_set' ? 'permission set' : kind;
          const { desired, errors } = loaded(`${lines.join('\n')}\n`);
          expect(desired).toBeUndefined();
          expect(errors.some((e) => e.startsWith(`${at}: ${what} "${name}" is not defined`))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('are planned for creation and deletion exactly as set differences say', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const d = loaded(`${yamlOf(w).join('\n')}\n`).desired as Desired;
        const l = live({
          users: w.liveUsers.map((u) => liveUser(u)),
          groups: w.liveGroups.map((g) => liveGroup(g, [])),
          permissionSets: w.liveSets.map((s) => livePermissionSet(s)),
        });
        const { plan } = buildPlan(d, l, { now: NOW });
        const named = (kind: string, action: string): string[] =>
          sorted(
            plan.changes.flatMap((c) => {
              if (c.kind !== kind || c.action !== action) return [];
              if (c.kind === 'user') return [c.userName];
              if (c.kind === 'group') return [c.displayName];
              return c.kind === 'permission-set' ? [c.name] : [];
            }),
          );
        expect(named('user', 'create')).toEqual(minus(w.users, w.liveUsers));
        expect(named('user', 'delete')).toEqual(minus(w.liveUsers, w.users));
        expect(named('group', 'create')).toEqual(minus(w.groups, w.liveGroups));
        expect(named('group', 'delete')).toEqual(minus(w.liveGroups, w.groups));
        expect(named('permission-set', 'create')).toEqual(minus(w.sets, w.liveSets));
        expect(named('permission-set', 'delete')).toEqual(minus(w.liveSets, w.sets));
        const memberships = plan.changes.flatMap((c) => (c.kind === 'membership' && c.action === 'create' ? [`${c.group}|${c.user}`] : []));
        expect(sorted(memberships)).toEqual(sorted(w.groups.flatMap((g) => w.users.map((u) => `${g}|${u}`))));
        const assignments = plan.changes.flatMap((c) =>
          c.kind === 'assignment' && c.action === 'create'
            ? [`${c.assignment.permissionSet}|${c.assignment.principalType}|${c.assignment.principal}|${c.assignment.accountId}`]
            : [],
        );
        const principals = [...w.users.map((u) => `USER|${u}`), ...w.groups.map((g) => `GROUP|${g}`)];
        const expected = new Set(w.sets.flatMap((s) => principals.flatMap((p) => w.aliases.map((a) => `${s}|${p}|${accountOf(w, a)}`))));
        expect(sorted(assignments)).toEqual(sorted(expected));
      }),
      { numRuns: 200 },
    );
  });

  it.each(SPECIAL)('as a tag key or a policy condition key (%s) are part of every comparison', (key) => {
    const tagged = JSON.parse(`{"tags":{${JSON.stringify(key)}:"x"}}`) as unknown;
    expect(canonicalJson(tagged)).toBe(`{"tags":{${JSON.stringify(key)}:"x"}}`);
    const policy = (condition: string): string =>
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{${condition}}}}]}`;
    expect(samePolicy(policy(`${JSON.stringify(key)}:"a"`), policy(''))).toBe(false);
    expect(samePolicy(policy(`${JSON.stringify(key)}:"a"`), policy(`${JSON.stringify(key)}:["a"]`))).toBe(true);
  });
});
