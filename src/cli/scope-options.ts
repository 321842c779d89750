/** `--base REF`, `--base-file PATH`, `--full` of `idc plan` and `idc apply`: what the plan reads. */
import { resolve } from 'node:path';
import { loadBase } from '../config/load-base.js';
import type { PlanRequest } from '../engine-contract.js';
import { UsageError, type CommandArgs, type Options } from './command.js';

export const SCOPE_OPTIONS: Options = { base: { type: 'string' }, 'base-file': { type: 'string' }, full: { type: 'boolean' } };

/** The `--help` entries, aligned at `column`; an option too long for it gets its text on the next line. */
export function scopeHelp(column: number): string {
  const more = ' '.repeat(column);
  const pad = (s: string): string => (s.length + 3 <= column ? `  ${s.padEnd(column - 2)}` : `  ${s}\n${more}`);
  return [
    `${pad('--base REF')}plan only what changed since the git commit REF (scoped`,
    `${more}plan): the file and those beside it as they were at REF are`,
    `${more}the base`,
    `${pad('--base-file PATH')}the same, with another file as the base`,
    `${pad('--full')}read and plan everything (the default without --base)`,
  ].join('\n');
}

export async function scopeRequest(args: CommandArgs, configPath: string, cwd: string): Promise<PlanRequest> {
  const ref = args.values['base'];
  const file = args.values['base-file'];
  const full = args.values['full'] === true;
  if (typeof ref === 'string' && typeof file === 'string') throw new UsageError('--base and --base-file cannot be used together');
  if (full && (typeof ref === 'string' || typeof file === 'string')) throw new UsageError('--full reads everything: leave out --base and --base-file');
  if (typeof ref === 'string') return { base: await loadBase(resolve(cwd, configPath), { ref }) };
  if (typeof file === 'string') return { base: await loadBase(resolve(cwd, configPath), { file: resolve(cwd, file) }) };
  return {};
}
