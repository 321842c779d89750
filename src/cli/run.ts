/** The `idc` command line: finds the command, parses its flags, runs it, returns the exit code. */
import { parseArgs } from 'node:util';
import type { CliIo, Command } from './command.js';
import { EXIT, UsageError } from './command.js';
import { COMMANDS } from './commands.js';
import { closest } from '../model/did-you-mean.js';
import { diagnosticText } from '../render/escape.js';
import { idcVersion } from './version.js';

export type { CliIo } from './command.js';

export function mainHelp(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Usage: idc <command> [options]

Manage AWS IAM Identity Center from one declarative access.yaml.

Commands:
${lines.join('\n')}

Options:
  -h, --help    show this help (also: idc <command> --help)
  --version     print the version of idc

Run "idc <command> --help" for the options of a command.
`;
}

/** Runs `idc` with `argv` (without node and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(mainHelp(commands));
    return EXIT.usage;
  }
  if (first === '-h' || first === '--help' || first === 'help') {
    const target = first === 'help' ? rest[0] : undefined;
    const command = target === undefined ? undefined : commands.find((c) => c.name === target);
    if (target !== undefined && !command) return usage(io, `unknown command "${target}"${hint(target, commands)}`, 'idc --help');
    io.stdout.write(command ? command.help : mainHelp(commands));
    return EXIT.ok;
  }
  if (first === '--version' || first === '-V') {
    io.stdout.write(`idc ${idcVersion()}\n`);
    return EXIT.ok;
  }
  if (first.startsWith('-')) return usage(io, `unknown option "${first}": options go after the command`, 'idc --help');
  const command = commands.find((c) => c.name === first);
  if (!command) return usage(io, `unknown command "${first}"${hint(first, commands)}`, 'idc --help');
  try {
    const parsed = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (parsed.values['help'] === true) {
      io.stdout.write(command.help);
      return EXIT.ok;
    }
    if (parsed.positionals.length > command.maxPositionals) {
      throw new UsageError(`too many arguments: ${parsed.positionals.slice(command.maxPositionals).join(' ')}`);
    }
    return await command.run({ positionals: parsed.positionals, values: parsed.values }, io);
  } catch (e) {
    const exitCode = command.usageExitCode ?? EXIT.usage;
    if (e instanceof UsageError) return usage(io, e.message, `idc ${command.name} --help`, command.name, exitCode);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      return usage(io, parseArgsMessage(e as Error), `idc ${command.name} --help`, command.name, exitCode);
    }
    // Anything else (AWS refused, network down, …) is the command failing, not a crash: one
    // clear line (AWS's text may hold anything: shown escaped), never a class name; the stack
    // (and the cause's) only with IDC_DEBUG=1.
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(`idc ${command.name}: ${diagnosticText(message)}\n`);
    if (io.env['IDC_DEBUG'] === '1' && e instanceof Error && e.stack) {
      io.stderr.write(`${e.stack}\n`);
      if (e.cause instanceof Error && e.cause.stack) io.stderr.write(`Caused by: ${e.cause.stack}\n`);
    }
    return EXIT.failure;
  }
}

function usage(io: CliIo, message: string, helpCommand: string, commandName?: string, exitCode: number = EXIT.usage): number {
  io.stderr.write(`idc${commandName ? ` ${commandName}` : ''}: ${diagnosticText(message)}\nRun "${helpCommand}" for usage.\n`);
  return exitCode;
}

function hint(name: string, commands: readonly Command[]): string {
  const c = closest(
    name,
    commands.map((x) => x.name),
  );
  return c === undefined ? '' : ` (did you mean "${c}"?)`;
}

/** node:util's messages, first sentence only (they suggest `--` for positionals, which confuses). */
function parseArgsMessage(e: Error): string {
  const m = /^Unknown option '([^']+)'/.exec(e.message);
  if (m) return `unknown option "${m[1]}"`;
  return e.message.split('. ')[0] ?? e.message;
}
