/**
 * The name cache on disk: one file per Identity Center instance in the cache directory
 * (`$IDC_CACHE_DIR`, else `$XDG_CACHE_HOME/idc-gitops`, else `~/.cache/idc-gitops`). The cache only
 * saves calls, so nothing about it may fail a run: a missing, unreadable or malformed file is a
 * cold cache (a malformed one with a one-line notice), and a write that fails (read-only home, full
 * disk) is a notice. Writes are atomic (a temporary file in the same directory, then a rename), so
 * a reader never sees half a file and two runs at once leave one whole file.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ENDPOINT_VARIABLES } from '../aws/endpoint.js';
import { plainText } from '../render/escape.js';
import { formatNameCache, MAX_CACHE_BYTES, parseNameCache, type NameCache } from './name-cache.js';

/** Loads and saves the name cache of an instance; never throws. */
export interface NameCacheStore {
  load(instanceArn: string): Promise<NameCache | undefined>;
  save(cache: NameCache): Promise<void>;
}

export interface NameCacheFileOptions {
  dir: string;
  /** Load only (a pull request's plan job: it reads the base branch's cache and never writes one). */
  readOnly?: boolean;
  /** One line for the person running idc (already escaped). */
  notice: (line: string) => void;
}

/**
 * The cache directory for this environment, or undefined for none. `IDC_CACHE_DIR` wins. Else, when
 * an AWS_ENDPOINT_URL* variable sends the calls somewhere other than AWS (the local emulator),
 * none: the cache rests on AWS's promises (names never change, ARNs are never handed out twice)
 * and an emulator started again from another world may give an old ARN another name. Else
 * `$XDG_CACHE_HOME/idc-gitops` (an absolute XDG_CACHE_HOME only, as the XDG spec says), else
 * `$HOME/.cache/idc-gitops`.
 */
export function cacheDirFor(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const explicit = env['IDC_CACHE_DIR']?.trim();
  if (explicit) return explicit;
  if (ENDPOINT_VARIABLES.some((name) => (env[name] ?? '') !== '')) return undefined;
  const xdg = env['XDG_CACHE_HOME']?.trim();
  if (xdg && isAbsolute(xdg)) return join(xdg, 'idc-gitops');
  const home = (env['HOME'] || env['USERPROFILE'])?.trim();
  return home ? join(home, '.cache', 'idc-gitops') : undefined;
}

/**
 * The file of an instance: `<instance id>.json` (e.g. `ssoins-72230000a1b2c3d4.json`), the
 * instance ARN hashed when it has no such id. The file also names its instance: a file copied
 * from another instance is ignored.
 */
export function cacheFileName(instanceArn: string): string {
  const id = /:instance\/((?:sso)?ins-[a-zA-Z0-9-.]{16})$/.exec(instanceArn)?.[1];
  const stem = id ?? `instance-${createHash('sha256').update(instanceArn).digest('hex').slice(0, 16)}`;
  return `permission-set-names-${stem}.json`;
}

const reasonOf = (error: unknown): string => plainText(error instanceof Error ? error.message : String(error)).slice(0, 300);

export function nameCacheFile(options: NameCacheFileOptions): NameCacheStore {
  const pathOf = (instanceArn: string): string => join(options.dir, cacheFileName(instanceArn));
  return {
    async load(instanceArn) {
      const path = pathOf(instanceArn);
      let text: string;
      try {
        const { size } = await stat(path);
        if (size > MAX_CACHE_BYTES) {
          options.notice(`Permission set name cache ${plainText(path)} ignored (larger than ${MAX_CACHE_BYTES} bytes): reading every name.`);
          return undefined;
        }
        text = await readFile(path, 'utf8');
      } catch (error) {
        // No file yet: the first run, or a job whose cache was not restored. Quietly cold.
        if ((error as { code?: unknown }).code !== 'ENOENT')
          options.notice(`Permission set name cache ${plainText(path)} not read (${reasonOf(error)}): reading every name.`);
        return undefined;
      }
      const parsed = parseNameCache(text, instanceArn);
      if ('unusable' in parsed) {
        options.notice(`Permission set name cache ${plainText(path)} ignored (${plainText(parsed.unusable)}): reading every name.`);
        return undefined;
      }
      return parsed;
    },
    async save(cache) {
      if (options.readOnly) return;
      const path = pathOf(cache.instanceArn);
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await mkdir(options.dir, { recursive: true, mode: 0o700 });
        await writeFile(temp, formatNameCache(cache), { mode: 0o600 });
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => undefined);
        options.notice(`Permission set name cache ${plainText(path)} not written (${reasonOf(error)}); the next run reads every name again.`);
      }
    },
  };
}
