/** Runs `idc` in-process with captured output: the command line tests' one way to call it. */
import { runCli } from '../../src/cli/run.js';
import type { Engine } from '../../src/engine-contract.js';

export interface IdcResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runIdc(
  argv: readonly string[],
  context: { cwd: string; env?: Record<string, string | undefined>; engine?: Engine },
): Promise<IdcResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: context.cwd,
    env: context.env ?? {},
    ...(context.engine ? { engine: context.engine } : {}),
  });
  return { code, stdout, stderr };
}
