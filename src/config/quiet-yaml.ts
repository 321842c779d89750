/**
 * Runs yaml's parser and composer with their debug logging switched off, whatever the
 * environment holds.
 *
 * yaml's Node build reads `process.env.LOG_TOKENS` for every token its parser is given and
 * `process.env.LOG_STREAM` for every node its composer is given (node_modules/yaml/dist/parse/
 * parser.js `Parser.next`, dist/compose/composer.js `Composer.next`; its browser build does
 * neither). When one is set, every token of the file is printed to stdout: `idc plan --json` or
 * `idc export` then write an access.yaml's tokens into their output, and a pull request's text
 * reaches the job log with only JSON.stringify's escaping (U+202E, U+2028 pass). And each read
 * goes through Node's environment interceptor into C++: about 170 ns, 240,000 times for a
 * 40,000-entry list, a fifth of the whole load.
 *
 * So, for the synchronous parse only, `process.env` is a frozen empty object (yaml reads it as
 * `require('process').env`, the same process object). No other code runs in between: the
 * parse never awaits, calls back into code of ours that reads the environment, or yields to
 * the event loop, and the environment is put back even when the parse throws.
 */
const NO_ENVIRONMENT: NodeJS.ProcessEnv = Object.freeze(Object.create(null) as NodeJS.ProcessEnv);

/** `parse()`, with yaml's LOG_TOKENS and LOG_STREAM unset for its duration; `parse` must be synchronous. */
export function withoutYamlLogging<T>(parse: () => T): T {
  const environment = process.env;
  process.env = NO_ENVIRONMENT;
  try {
    return parse();
  } finally {
    process.env = environment;
  }
}
