/** `idc validate [path]`: check access.yaml and report every problem. */
import { loadConfig, summarise } from '../config/load.js';
import { plainText } from '../render/escape.js';
import type { Command } from './command.js';
import { EXIT } from './command.js';
import { printDiagnostics } from './runtime.js';
import { count } from '../model/plural.js';

export const DEFAULT_CONFIG_PATH = 'access.yaml';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check access.yaml: syntax, schema, Identity Center limits and references',
  maxPositionals: 1,
  options: {},
  help: `Usage: idc validate [path]

Checks an access.yaml file without calling AWS: YAML syntax, the schema
(schema/access.schema.json), every Identity Center limit on names, lengths and
policies, and references between users, groups, permission sets and accounts.

Arguments:
  path          the file to check (default: ${DEFAULT_CONFIG_PATH})

Options:
  -h, --help    show this help

Exit codes:
  0  the file is valid: prints one line, e.g.
     access.yaml: valid — 1 user, 0 groups, 2 permission sets, 2 assignment rules
  1  the file has problems: each is printed to stderr as file:line:col: message
  2  the command line is wrong
`,
  async run(args, io) {
    const path = args.positionals[0] ?? DEFAULT_CONFIG_PATH;
    const result = await loadConfig(path, { cwd: io.cwd });
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    printDiagnostics(io, result.diagnostics);
    if (!result.desired) {
      io.stderr.write(`${plainText(path)}: ${count(errors.length, 'problem')} found\n`);
      return EXIT.failure;
    }
    io.stdout.write(`${plainText(summarise(result.desired))}${warnings.length > 0 ? ` (${count(warnings.length, 'warning')})` : ''}\n`);
    return EXIT.ok;
  },
};
