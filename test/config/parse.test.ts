import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../src/config/load.js';
import { MAX_ALIAS_NODES, parseYaml } from '../../src/config/parse.js';
import { formatDiagnostic } from '../../src/model/source.js';

describe('parseYaml', () => {
  it('keeps the position of values, keys and list items', () => {
    const text = 'version: 1\nusers:\n  jonathan:\n    email: j@example.com\nlist: [a, "b"]\n';
    const { data, source, diagnostics } = parseYaml(text, 'a.yaml');
    expect(diagnostics).toEqual([]);
    expect(data).toEqual({ version: 1, users: { jonathan: { email: 'j@example.com' } }, list: ['a', 'b'] });
    expect(source.at(['users', 'jonathan', 'email'])).toEqual({ file: 'a.yaml', line: 4, col: 12 });
    expect(source.keyAt(['users', 'jonathan', 'email'])).toEqual({ file: 'a.yaml', line: 4, col: 5 });
    expect(source.at(['users', 'jonathan'])).toEqual({ file: 'a.yaml', line: 3, col: 3 });
    expect(source.at(['list', 1])).toEqual({ file: 'a.yaml', line: 5, col: 11 });
    // Unknown paths fall back to the nearest known ancestor.
    expect(source.at(['users', 'jonathan', 'email', 'deeper'])).toEqual({ file: 'a.yaml', line: 4, col: 12 });
  });

  it('reads a 12-digit number with a leading zero as YAML 1.2 does, and keeps what was written', () => {
    const { data, source } = parseYaml('id: 012345678901\n', 'a.yaml');
    expect(data).toEqual({ id: 12345678901 });
    expect(source.sourceOf(['id'])).toBe('012345678901');
  });

  it('expands ordinary aliases', () => {
    const text = 'team: &team [ana, bo]\nother: *team\n';
    const { data, diagnostics, fatal } = parseYaml(text, 'a.yaml');
    expect(fatal).toBe(false);
    expect(diagnostics).toEqual([]);
    expect(data).toEqual({ team: ['ana', 'bo'], other: ['ana', 'bo'] });
  });

  it('refuses aliases that expand past the budget, quickly and without the memory', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = performance.now();
    const { diagnostics, fatal } = parseYaml(levels.join('\n'), 'bomb.yaml');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(fatal).toBe(true);
    // b expands 10 × 11 nodes, c 10 × 111, d's aliases 1,111 each: the 8th *c of line 4 (column
    // 8 + 7 × 4) passes 10,000.
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `bomb.yaml:4:36: alias *c makes the aliases of this file expand to more than ${MAX_ALIAS_NODES.toLocaleString('en-US')} nodes: anchors and aliases this large look like a "billion laughs" attack; write the values out instead`,
    ]);
  });

  it('leaves process.env alone while parsing (neither replaced nor changed)', () => {
    const env = process.env;
    const before = { ...env };
    const descriptor = Object.getOwnPropertyDescriptor(process, 'env');
    if (!descriptor) throw new Error('process.env is not an own property');
    const assigned: unknown[] = [];
    Object.defineProperty(process, 'env', {
      configurable: true,
      enumerable: descriptor.enumerable ?? true,
      get: () => env,
      set: (v: unknown) => assigned.push(v),
    });
    try {
      parseYaml('version: 1\nusers:\n  ana: { email: ana@example.com }\nlist: [a, 1, true]\n', 'a.yaml');
    } finally {
      Object.defineProperty(process, 'env', descriptor);
    }
    expect(assigned).toEqual([]);
    expect(process.env).toBe(env);
    expect({ ...process.env }).toEqual(before);
  });

  it('locates alias expansions at the alias, and what is inside them at the anchor', () => {
    const text = 'a: &x\n  k: 1\nb: *x\nc: [*x]\n';
    const { source, diagnostics } = parseYaml(text, 'a.yaml');
    expect(diagnostics).toEqual([]);
    expect(source.at(['b'])).toEqual({ file: 'a.yaml', line: 3, col: 4 });
    expect(source.at(['b', 'k'])).toEqual({ file: 'a.yaml', line: 2, col: 6 });
    expect(source.at(['c', 0])).toEqual({ file: 'a.yaml', line: 4, col: 5 });
    expect(source.keyAt(['a', 'k'])).toEqual({ file: 'a.yaml', line: 2, col: 3 });
  });

  it('gives every node its position in Desired.positions, built when first read', () => {
    const text = 'version: 1\npermission_sets:\n  Admin:\n    managed_policies: [ReadOnlyAccess]\n';
    const { desired } = loadConfigText(text, 'a.yaml', '.');
    expect(desired?.positions['permission_sets.Admin']).toEqual({ file: 'a.yaml', line: 3, col: 3 });
    expect(desired?.positions['permission_sets.Admin.managed_policies[0]']).toEqual({ file: 'a.yaml', line: 4, col: 24 });
    expect(Object.keys(desired?.positions ?? {}).sort()).toEqual([
      '',
      'permission_sets',
      'permission_sets.Admin',
      'permission_sets.Admin.managed_policies',
      'permission_sets.Admin.managed_policies[0]',
      'version',
    ]);
  });

  it('treats a __proto__ key as data', () => {
    const { data } = parseYaml('__proto__: { polluted: true }\n', 'a.yaml');
    expect(Object.keys(data as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('loadConfigText', () => {
  it('reports schema problems and semantic problems of one file in one run', () => {
    const text = [
      'version: 1',
      'permission_sets:',
      '  ReadOnly:',
      '    managed_polices: [ReadOnlyAccess]',
      'assignments:',
      '  - permission_set: ReadOnyl',
      '    groups: [ops]',
      '    accounts: [management]',
      '',
    ].join('\n');
    const result = loadConfigText(text, 'access.yaml', '.');
    expect(result.desired).toBeUndefined();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'access.yaml:4:5: unknown key "managed_polices" in permission set "ReadOnly" (did you mean "managed_policies"?)',
      'access.yaml:6:21: permission set "ReadOnyl" is not defined (did you mean "ReadOnly"?)',
      'access.yaml:7:14: group "ops" is not defined in groups: define it, or set ownership.groups: referenced',
    ]);
  });

  it('normalises short policy names, singular keys and defaults', () => {
    const text = [
      'version: 1',
      'ownership: { groups: referenced, permission_sets: referenced }',
      'permission_sets:',
      '  Ops:',
      '    session_duration: PT60M',
      '    managed_policies: [job-function/ViewOnlyAccess, AdministratorAccess]',
      '    customer_managed_policies: [{ name: B, path: /z/ }, A, { name: C, path: /a/ }]',
      'assignments:',
      '  - permission_set: Ops',
      '    group: ops',
      '    accounts: ["012345678901"]',
      '',
    ].join('\n');
    const result = loadConfigText(text, 'access.yaml', '.');
    expect(result.diagnostics).toEqual([]);
    const ops = result.desired?.permissionSets['Ops'];
    expect(ops?.sessionDuration).toBe('PT1H');
    expect(ops?.managedPolicies).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']);
    expect(ops?.customerManagedPolicies).toEqual([
      { name: 'A', path: '/' },
      { name: 'C', path: '/a/' },
      { name: 'B', path: '/z/' },
    ]);
    expect(result.desired?.rules[0]).toMatchObject({ permissionSets: ['Ops'], groups: ['ops'], users: [] });
    expect(result.desired?.ownership.ignore.permissionSets).toEqual(['AWSControlTower*', 'AWSReservedSSO*', 'AWSServiceCatalog*']);
    expect(result.desired?.safety).toEqual({ maxDeletes: { kind: 'count', value: 10 }, protected: [] });
  });
});
