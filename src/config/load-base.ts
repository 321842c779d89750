/**
 * The base version of access.yaml for a scoped plan: a file (`--base-file`), or the version at a
 * git commit (`--base REF`: `git show REF:<path>` of the file and of every file beside it, so the
 * policy files it references come too), loaded by the same loader as the head. When it cannot be
 * read, says why: the plan is then full.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { BaseConfig } from '../engine-contract.js';
import { loadConfig } from './load.js';

const run = promisify(execFile);

export type BaseSource = { file: string } | { ref: string };

async function git(cwd: string, args: string[], encoding: 'utf8' | 'buffer' = 'utf8'): Promise<string | Buffer> {
  const out = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024, encoding });
  return out.stdout;
}

async function fromFile(path: string): Promise<BaseConfig> {
  const loaded = await loadConfig(path);
  if (!loaded.desired) return { unavailable: `the base file ${path} does not load (${loaded.diagnostics[0]?.message ?? 'invalid'})` };
  return { desired: loaded.desired, label: path };
}

async function fromRef(configPath: string, ref: string): Promise<BaseConfig> {
  const dir = dirname(resolve(configPath));
  let top: string;
  try {
    top = String(await git(dir, ['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return { unavailable: `${configPath} is not in a git repository, so its base version cannot be read` };
  }
  try {
    await git(top, ['cat-file', '-e', `${ref}^{commit}`]);
  } catch {
    return { unavailable: `the base commit ${ref} is not in this clone (a shallow checkout without it?)` };
  }
  const rel = relative(top, resolve(configPath)).split(sep).join('/');
  const relDir = relative(top, dir).split(sep).join('/');
  const files = String(await git(top, ['ls-tree', '-r', '--name-only', ref, '--', relDir === '' ? '.' : relDir]))
    .split('\n')
    .filter((f) => f !== '');
  const short = ref.length > 12 ? ref.slice(0, 12) : ref;
  if (!files.includes(rel)) return { unavailable: `${rel} does not exist at ${short} (the first commit, or the file moved)` };
  const tmp = await mkdtemp(join(tmpdir(), 'idc-base-'));
  try {
    for (const f of files) {
      const target = join(tmp, ...f.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, (await git(top, ['show', `${ref}:${f}`], 'buffer')) as Buffer);
    }
    const loaded = await fromFile(join(tmp, ...rel.split('/')));
    return 'unavailable' in loaded ? { unavailable: `the version of ${rel} at ${short} does not load` } : { desired: loaded.desired, label: `${short}:${rel}` };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

export async function loadBase(configPath: string, source: BaseSource): Promise<BaseConfig> {
  return 'file' in source ? fromFile(source.file) : fromRef(configPath, source.ref);
}
