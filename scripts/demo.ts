/**
 * `npm run demo [-- [--reset] [--state FILE] [access.yaml]]`: the real idc commands against a local
 * Identity Center emulator whose state is kept between runs (see demo-run.ts).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_STATE, runDemo } from './demo-run.js';

const { values, positionals } = parseArgs({
  options: { reset: { type: 'boolean' }, state: { type: 'string' } },
  allowPositionals: true,
});

process.exitCode = await runDemo({
  config: positionals[0] ?? 'access.yaml',
  statePath: values.state ?? DEFAULT_STATE,
  reset: values.reset === true,
  out: process.stdout,
  err: process.stderr,
  cwd: process.cwd(),
  color: process.stdout.isTTY === true && !process.env['NO_COLOR'],
});
