/** Runs `idc ARGV` in-process with captured output: the command-line tests' one way to call it. */
import type { CliIo } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/run.js';

export interface IdcResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `cwd` resolves relative paths; `engine` (e.g. wired to the emulator) replaces the default one. */
export async function runIdc(argv: readonly string[], options: Pick<CliIo, 'cwd'> & Partial<Pick<CliIo, 'engine' | 'env'>>): Promise<IdcResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    ...options,
  });
  return { code, stdout, stderr };
}
