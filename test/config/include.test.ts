/**
 * Split configuration: access.yaml with `include:` globs. Files are merged in path order, a name
 * defined twice is an error naming both file:line:col positions, settings that must be single
 * stay in the root file, and included files are read like any untrusted repository file.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { checkChanges } from '../../src/github/changed-files.js';
import { formatDiagnostic } from '../../src/model/source.js';
import { ruleLabel } from '../../src/plan/rule-label.js';

let base: string;
let repo: string;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'idc-include-'));
  repo = join(base, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

function write(files: Record<string, string>, dir = repo): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const user = (name: string): string => `  ${name}:\n    display_name: ${name}\n    given_name: ${name}\n    family_name: X\n    email: ${name}@example.com\n`;
const ROOT = `version: 1\ninclude:\n  - access.d/*.yaml\naccounts:\n  prod: "111122223333"\nusers:\n${user('root')}`;

async function load(path = 'access.yaml', cwd = repo): Promise<{ lines: string[]; result: Awaited<ReturnType<typeof loadConfig>> }> {
  const result = await loadConfig(path, { cwd });
  return { lines: result.diagnostics.map(formatDiagnostic), result };
}

describe('include: merging', () => {
  it('merges every section of the included files, rules in path order after the root file, each rule naming its file', async () => {
    write({
      'access.yaml': `${ROOT}permission_sets:\n  ReadOnly:\n    managed_policies: [ReadOnlyAccess]\nassignments:\n  - permission_set: ReadOnly\n    users: [root]\n    accounts: [prod]\n`,
      'access.d/web.yaml': `users:\n${user('wes')}groups:\n  web:\n    members: [wes]\nassignments:\n  - permission_set: Web\n    groups: [web]\n    accounts: [prod]\npermission_sets:\n  Web:\n    managed_policies: [PowerUserAccess]\n`,
      'access.d/data.yaml': `# the data team\nusers:\n${user('dana')}accounts:\n  lake: "222233334444"\nassignments:\n  - permission_set: ReadOnly\n    users: [dana]\n    accounts: [lake]\n  - permission_set: ReadOnly\n    users: [dana]\n    accounts: [prod]\n`,
    });
    const { lines, result } = await load();
    expect(lines).toEqual([]);
    const d = result.desired!;
    expect(Object.keys(d.users)).toEqual(['dana', 'root', 'wes']);
    expect(Object.keys(d.groups)).toEqual(['web']);
    expect(Object.keys(d.permissionSets)).toEqual(['ReadOnly', 'Web']);
    expect(d.accountAliases).toEqual({ lake: '222233334444', prod: '111122223333' });
    expect(d.rules.map((r) => `${r.index} ${r.pos.file}:${r.pos.line} ${r.fileIndex ?? '-'}`)).toEqual([
      '0 access.yaml:16 -',
      '1 access.d/data.yaml:11 0',
      '2 access.d/data.yaml:14 1',
      '3 access.d/web.yaml:11 0',
    ]);
    expect(ruleLabel(d.rules[0]!)).toBe('assignments[0]: ReadOnly → user root on account prod');
    expect(ruleLabel(d.rules[2]!)).toBe('access.d/data.yaml assignments[1]: ReadOnly → user dana on account prod');
    // Positions of included definitions name their file.
    expect(d.positions['users.wes']).toMatchObject({ file: 'access.d/web.yaml', line: 2 });
    expect(d.positions['assignments[3].groups[0]']).toMatchObject({ file: 'access.d/web.yaml', line: 12, col: 14 });
    expect(result.files).toEqual(['access.d/data.yaml', 'access.d/web.yaml', 'access.yaml']);
    expect(result.include).toEqual(['access.d/*.yaml']);
  });

  it('reads files in sorted path order whatever the order of the globs, each file once', async () => {
    write({
      'access.yaml': `version: 1\ninclude: [teams/z.yaml, "teams/**/*.yaml", teams/a.yaml]\npermission_sets:\n  P:\n    managed_policies: [ReadOnlyAccess]\naccounts:\n  prod: "111122223333"\n`,
      'teams/z.yaml': `users:\n${user('zed')}assignments:\n  - {permission_set: P, users: [zed], accounts: [prod]}\n`,
      'teams/a.yaml': `users:\n${user('amy')}assignments:\n  - {permission_set: P, users: [amy], accounts: [prod]}\n`,
      'teams/m/b.yaml': `users:\n${user('bob')}assignments:\n  - {permission_set: P, users: [bob], accounts: [prod]}\n`,
      'teams/.hidden.yaml': 'this: is not read\n',
    });
    const { lines, result } = await load();
    expect(lines).toEqual([]);
    expect(result.desired!.rules.map((r) => `${r.pos.file} ${r.users.join()}`)).toEqual(['teams/a.yaml amy', 'teams/m/b.yaml bob', 'teams/z.yaml zed']);
  });

  it('names included files from the directory the root file was given in, and globs from the repository root', async () => {
    write({ 'infra/access.yaml': ROOT, 'infra/access.d/a.yaml': 'users:\n  x: {}\n' });
    const { lines, result } = await load('infra/access.yaml');
    expect(lines.some((l) => l.startsWith('infra/access.d/a.yaml:2:3: '))).toBe(true);
    expect(result.files).toEqual(['infra/access.d/a.yaml', 'infra/access.yaml']);
    expect(result.include).toEqual(['infra/access.d/*.yaml']);
  });

  it('accepts an included file that holds only comments, and warns about a glob that matches nothing', async () => {
    write({ 'access.yaml': `${ROOT.replace('  - access.d/*.yaml\n', '  - access.d/*.yaml\n  - extra/*.yaml\n')}`, 'access.d/empty.yaml': '# nothing yet\n' });
    const { lines, result } = await load();
    expect(lines).toEqual(['access.yaml:4:5: warning: include "extra/*.yaml" matches no file']);
    expect(result.desired).toBeDefined();
  });
});

describe('include: errors', () => {
  it('the same user, group, permission set or account alias in two files is an error naming both positions', async () => {
    write({
      'access.yaml': `${ROOT}groups:\n  ops: {}\n`,
      'access.d/a.yaml': `users:\n${user('root')}permission_sets:\n  Shared:\n    managed_policies: [ReadOnlyAccess]\n`,
      'access.d/b.yaml': `groups:\n  ops: {}\npermission_sets:\n  Shared:\n    managed_policies: [ReadOnlyAccess]\naccounts:\n  prod: "111122223333"\n`,
    });
    const { lines, result } = await load();
    expect(result.desired).toBeUndefined();
    expect(lines).toEqual([
      'access.d/a.yaml:2:3: user "root" is defined twice: at access.yaml:7:3 and at access.d/a.yaml:2:3: keep one definition (in the file of the team that owns it)',
      'access.d/b.yaml:2:3: group "ops" is defined twice: at access.yaml:13:3 and at access.d/b.yaml:2:3: keep one definition (in the file of the team that owns it)',
      'access.d/b.yaml:4:3: permission set "Shared" is defined twice: at access.d/a.yaml:8:3 and at access.d/b.yaml:4:3: keep one definition (in the file of the team that owns it)',
      'access.d/b.yaml:7:3: account alias "prod" is defined twice: at access.yaml:5:3 and at access.d/b.yaml:7:3: keep one definition (in the file of the team that owns it)',
    ]);
  });

  it('settings that must be single are refused in an included file, once each, saying where they go', async () => {
    write({
      'access.yaml': ROOT,
      'access.d/a.yaml':
        'version: 1\nidentity_center:\n  region: us-east-1\nownership:\n  users: managed\nsafety:\n  max_deletes: 1\ninclude: ["*.yaml"]\ncolour: blue\n',
    });
    const { lines } = await load();
    expect(lines).toEqual([
      'access.d/a.yaml:2:1: identity_center can only be set in access.yaml, which includes access.d/a.yaml: move it there',
      'access.d/a.yaml:4:1: ownership can only be set in access.yaml, which includes access.d/a.yaml: move it there',
      'access.d/a.yaml:6:1: safety can only be set in access.yaml, which includes access.d/a.yaml: move it there',
      'access.d/a.yaml:8:1: include can only be set in access.yaml, which includes access.d/a.yaml: move it there',
      'access.d/a.yaml:9:1: unknown key "colour" at the top level (expected one of: $schema, version, users, groups, permission_sets, accounts, assignments)',
    ]);
  });

  it('diagnostics of an included file name it, and its rules by their number in that file', async () => {
    write({
      'access.yaml': `${ROOT}assignments:\n  - {permission_set: P, users: [root], accounts: [prod]}\npermission_sets:\n  P: {managed_policies: [ReadOnlyAccess]}\n`,
      'access.d/a.yaml': `users:\n  bad:\n    email: 12\nassignments:\n  - {permission_set: P, users: [root], accounts: [prod]}\n  - {permission_set: P, users: [ghost]}\n`,
    });
    const { lines } = await load();
    expect(lines.every((l) => l.startsWith('access.d/a.yaml:'))).toBe(true);
    expect(lines.join('\n')).toContain('access.d/a.yaml:3:12: email of user "bad" must be text');
    expect(lines.join('\n')).toMatch(/access\.d\/a\.yaml:6:5: assignment rule 2 /);
    expect(lines.join('\n')).not.toMatch(/assignment rule 3/);
    expect(lines.join('\n')).toContain('access.d/a.yaml:6:33: user "ghost" is not defined');
  });

  it('a syntax error in one included file is reported with the schema problems of the others', async () => {
    write({ 'access.yaml': ROOT, 'access.d/a.yaml': 'users: [\n', 'access.d/b.yaml': 'users:\n  x:\n    email: 1\n' });
    const { lines, result } = await load();
    expect(result.desired).toBeUndefined();
    expect(lines.map((l) => l.split(':')[0])).toEqual(['access.d/a.yaml', 'access.d/b.yaml']);
    expect(lines[1]).toBe('access.d/b.yaml:3:12: email of user "x" must be text: quote it: "1"');
  });

  it('never reads outside the repository: ".." and absolute globs, symlinked files and directories out', async () => {
    write({ 'outside/secret.yaml': 'users:\n  s3cr3t-outside: {}\n' }, base);
    write({ 'access.yaml': `version: 1\ninclude:\n  - ../outside/*.yaml\n  - ${join(base, 'outside')}/*.yaml\n  - access.d/*.yaml\n  - linked/*.yaml\n` });
    mkdirSync(join(repo, 'access.d'));
    symlinkSync(join(base, 'outside', 'secret.yaml'), join(repo, 'access.d', 'link.yaml'));
    symlinkSync(join(base, 'outside'), join(repo, 'linked'));
    const { lines, result } = await load();
    expect(result.desired).toBeUndefined();
    expect(lines).toEqual([
      'access.yaml:3:5: include "../outside/*.yaml" leaves the directory of this file (".."): included files live beside it or below (access.d/*.yaml)',
      `access.yaml:4:5: include "${join(base, 'outside')}/*.yaml" is absolute: write it relative to the directory of this file (access.d/*.yaml)`,
      // A symlinked file is not followed by the glob at all.
      'access.yaml:5:5: warning: include "access.d/*.yaml" matches no file',
      expect.stringMatching(
        /^access\.yaml:6:5: cannot read included file linked\/secret\.yaml: it points outside the repository \(.*\) through a symlink: linked\/secret\.yaml: only files in the repository of access\.yaml are read/,
      ),
    ]);
    expect(lines.join('\n')).not.toContain('s3cr3t-outside');
  });

  it('a glob that matches the root file itself is an error', async () => {
    write({ 'access.yaml': 'version: 1\ninclude: ["*.yaml"]\n', 'other.yaml': 'users: {}\n' });
    const { lines } = await load();
    expect(lines).toEqual([
      'access.yaml:2:11: include "*.yaml" matches access.yaml itself: a file cannot include itself; narrow the pattern (access.d/*.yaml)',
    ]);
  });
});

describe('include: changes', () => {
  it('an included file added or removed changes the configuration, another file does not', async () => {
    write({ 'infra/access.yaml': ROOT, 'infra/access.d/a.yaml': '# a\n' });
    const { result } = await load('infra/access.yaml');
    const check = (filename: string, status = 'removed') => checkChanges('infra/access.yaml', result.files, [{ filename, status }], result.include);
    expect(check('infra/access.d/gone.yaml')).toEqual({ kind: 'changed', files: ['infra/access.d/gone.yaml'] });
    expect(check('infra/access.d/a.yaml', 'modified')).toEqual({ kind: 'changed', files: ['infra/access.d/a.yaml'] });
    expect(check('infra/access.d/notes.md').kind).toBe('unchanged');
    expect(check('access.d/gone.yaml').kind).toBe('unchanged');
  });
});
