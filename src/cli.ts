// The `idc` command (bundled to dist/cli.js). All logic is in cli/run.ts, testable without a process.
import { runCli } from './cli/run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
});
