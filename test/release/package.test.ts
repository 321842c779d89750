/**
 * The CLI as users get it from the registry: `npm pack` the repository, install the tarball into
 * an empty folder (offline: the package has no dependencies, so nothing else is fetched) and run
 * `npx idc-gitops validate` there, without the repository. A broken copy of the package (no
 * `idc-gitops` command, no schema) is packed the same way and must fail.
 * Uses the committed dist/cli.js (`npm run build`; CI checks it matches the source).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const env = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

interface Packed {
  tarball: string;
  files: string[];
  manifest: Record<string, unknown>;
}

/** `npm pack` of the package in `dir` into `dest`: the tarball, its file list and package.json. */
async function pack(dir: string, dest: string): Promise<Packed> {
  const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], { cwd: dir, env });
  const [info] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  return {
    tarball: join(dest, info.filename),
    files: info.files.map((f) => f.path).sort(),
    manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>,
  };
}

/** An empty project with the tarball installed from the file, offline. */
async function install(tarball: string, into: string): Promise<string> {
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
  await run(npm, ['install', '--offline', '--no-package-lock', tarball], { cwd: into, env });
  return into;
}

async function npxIn(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(npx, ['--offline', '--no-install', ...args], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** What a user needs in the package; an empty list when it is all there. */
function missing(p: Packed): string[] {
  const problems: string[] = [];
  for (const f of ['dist/cli.js', 'schema/access.schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']) {
    if (!p.files.includes(f)) problems.push(`${f} is not in the package`);
  }
  const bin = (p.manifest['bin'] ?? {}) as Record<string, string>;
  for (const name of ['idc-gitops', 'idc']) if (bin[name] !== 'dist/cli.js') problems.push(`bin.${name} is not dist/cli.js`);
  if (p.manifest['private'] === true) problems.push('package.json says private: true');
  return problems;
}

let tmp: string;
let packed: Packed;
let project: string;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run npm run build first');
  tmp = mkdtempSync(join(tmpdir(), 'idc-pack-'));
  packed = await pack(root, tmp);
  project = await install(packed.tarball, join(tmp, 'project'));
  copyFileSync(join(root, 'access.yaml'), join(project, 'access.yaml'));
  writeFileSync(join(project, 'broken.yaml'), 'version: 1\naccounts:\n  management: 111122223333\n');
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the npm package', () => {
  it('holds the bundled CLI, the schema, README, LICENSE and CHANGELOG, and no source or tests', () => {
    expect(missing(packed)).toEqual([]);
    expect(packed.files.filter((f) => /^(src|test|bench|scripts|examples|node_modules)\//.test(f))).toEqual([]);
  });

  it('has no runtime dependencies: dist/cli.js is one bundle, so installing it fetches nothing else', () => {
    // A package added with `npm install --save` lands here; the bundle does not need it at run
    // time (esbuild includes it), so add it with --save-dev instead.
    expect(packed.manifest['dependencies']).toBeUndefined();
    expect(existsSync(join(project, 'node_modules/yaml'))).toBe(false);
  });

  it('npx idc-gitops validate access.yaml works in a project without the repository', async () => {
    const r = await npxIn(project, 'idc-gitops', 'validate', 'access.yaml');
    expect(r).toMatchObject({ code: 0, stdout: 'access.yaml: valid — 1 user, 0 groups, 2 permission sets, 2 assignment rules\n' });
  }, 60_000);

  it('npx idc-gitops --version prints the packed version', async () => {
    const r = await npxIn(project, 'idc-gitops', '--version');
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(r).toMatchObject({ code: 0, stdout: `idc ${version}\n` });
  }, 60_000);

  it('npx idc validate (the short name) reports problems with exit code 1', async () => {
    const r = await npxIn(project, 'idc', 'validate', 'broken.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.yaml:3:15: account ID 111122223333 must be quoted');
  }, 60_000);

  it('the schema in the package is the repository schema, at its published URL', () => {
    const shipped = readFileSync(join(project, 'node_modules/idc-gitops/schema/access.schema.json'), 'utf8');
    expect(shipped).toBe(readFileSync(join(root, 'schema/access.schema.json'), 'utf8'));
    expect((JSON.parse(shipped) as { $id: string }).$id).toMatch(
      /^https:\/\/raw\.githubusercontent\.com\/[\w-]+\/idc-gitops\/v1\/schema\/access\.schema\.json$/,
    );
  });

  it('a broken copy (no idc-gitops command, no schema in files) is caught and its command fails', async () => {
    const copy = join(tmp, 'broken-package');
    mkdirSync(copy);
    for (const f of ['README.md', 'LICENSE', 'CHANGELOG.md']) copyFileSync(join(root, f), join(copy, f));
    cpSync(join(root, 'dist'), join(copy, 'dist'), { recursive: true });
    cpSync(join(root, 'schema'), join(copy, 'schema'), { recursive: true });
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    manifest['name'] = 'idc-gitops-broken';
    manifest['bin'] = { idc: 'dist/cli.js' };
    manifest['files'] = ['dist/', 'README.md', 'LICENSE', 'CHANGELOG.md'];
    writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest));
    const broken = await pack(copy, tmp);
    expect(missing(broken)).toEqual(['schema/access.schema.json is not in the package', 'bin.idc-gitops is not dist/cli.js']);
    const where = await install(broken.tarball, join(tmp, 'broken-project'));
    copyFileSync(join(root, 'access.yaml'), join(where, 'access.yaml'));
    expect((await npxIn(where, 'idc-gitops', 'validate', 'access.yaml')).code).not.toBe(0);
  }, 120_000);
});
