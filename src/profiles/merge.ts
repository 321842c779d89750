/**
 * `idc profiles --merge FILE`: puts the block into an existing AWS config file. Everything outside
 * the block's markers is kept byte for byte (other profiles, comments, blank lines); the block
 * itself is replaced, so profiles written earlier are updated, and those no longer reachable are
 * pruned. The rest of the file is read with the AWS SDK's own loader (`loadSharedConfigFiles`)
 * to refuse a section of the same name outside the block (the AWS CLI's parser rejects a file
 * with a duplicate section; the SDK would merge them); the result is written to a temporary file
 * and read back the same way to check that every section says what the block says; then a backup
 * of the old file is made and the new one renamed into place. Running it again with the same
 * access.yaml writes nothing.
 */
import { chmod, copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadSharedConfigFiles } from '@smithy/core/config';
import { beginMarker, endMarker, sections, type ProfilesConfig } from './config-block.js';

/** The file's text with the block in place of the one with the same sso-session (else appended). */
export function mergeBlock(existing: string, block: string, sessionName: string): string {
  const lines = existing.split('\n');
  const begin = lines.findIndex((l) => l.trimEnd() === beginMarker(sessionName));
  const end = lines.findIndex((l, i) => i > begin && l.trimEnd() === endMarker(sessionName));
  if (begin >= 0 && end < 0) {
    throw new Error(
      `the line "${beginMarker(sessionName)}" has no matching "${endMarker(sessionName)}": restore the end marker or delete the block, then run again`,
    );
  }
  if (begin >= 0) {
    const before = lines.slice(0, begin).join('\n');
    const after = lines.slice(end + 1).join('\n');
    return `${before}${begin > 0 ? '\n' : ''}${block}${after}`;
  }
  if (existing === '') return block;
  const separator = existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return `${existing}${separator}${block}`;
}

export interface MergeResult {
  changed: boolean;
  /** The copy of the previous file, when there was one and it changed. */
  backup?: string;
}

async function readIfAny(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const header = (config: ProfilesConfig, section: string): string =>
  section.startsWith('sso-session.') ? `[sso-session ${config.sessionName}]` : `[profile ${section}]`;

/** The config file sections of `text`, as the SDK reads them. */
async function readSections(path: string, text: string): Promise<Record<string, Record<string, string | undefined>>> {
  await writeFile(path, text, { mode: 0o600 });
  const { configFile } = await loadSharedConfigFiles({ configFilepath: path, filepath: `${path}.none`, ignoreCache: true });
  return configFile;
}

/** Sections of the block that `outside` (the file without the block) defines too. */
async function clashes(path: string, outside: string, config: ProfilesConfig): Promise<string[]> {
  const read = await readSections(path, outside);
  return Object.keys(sections(config))
    .filter((s) => read[s] !== undefined)
    .map((s) => header(config, s));
}

/** Sections of `merged` that the SDK reads differently from what the block says. */
async function misread(path: string, merged: string, config: ProfilesConfig): Promise<string[]> {
  const read = await readSections(path, merged);
  return Object.entries(sections(config))
    .filter(([s, values]) => {
      const got = read[s] ?? {};
      return Object.keys(got).length !== Object.keys(values).length || Object.entries(values).some(([k, v]) => got[k] !== v);
    })
    .map(([s]) => header(config, s));
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export async function mergeIntoFile(path: string, block: string, config: ProfilesConfig, now: Date = new Date()): Promise<MergeResult> {
  const existing = await readIfAny(path);
  const merged = mergeBlock(existing ?? '', block, config.sessionName);
  if (merged === existing) return { changed: false };

  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const mode = existing === undefined ? 0o600 : (await stat(path)).mode & 0o777;
  const temporary = `${path}.idc-profiles.tmp`;
  try {
    const clash = await clashes(temporary, mergeBlock(existing ?? '', '', config.sessionName), config);
    if (clash.length > 0) {
      throw new Error(
        `${path} also defines ${clash.join(', ')} outside the block idc writes (the AWS CLI refuses a file with a section twice). ` +
          'Rename or remove them, or choose other names with --name-template / --sso-session. Nothing was written.',
      );
    }
    // Leaves `merged` in the temporary file: that file becomes the new one.
    const wrong = await misread(temporary, merged, config);
    if (wrong.length > 0) throw new Error(`the AWS SDK does not read ${wrong.join(', ')} back as written in ${temporary}. Nothing was written.`);
    await chmod(temporary, mode);
    let backup: string | undefined;
    if (existing !== undefined) {
      backup = `${path}.idc-backup-${stamp(now)}`;
      await copyFile(path, backup);
    }
    await rename(temporary, path);
    return { changed: true, ...(backup ? { backup } : {}) };
  } finally {
    await rm(temporary, { force: true });
  }
}
