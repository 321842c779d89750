/** Asking a person on a terminal before changing anything, as `terraform apply` does. */
import { createInterface } from 'node:readline/promises';
import type { CliIo } from './command.js';

/** Asks `question` on the terminal; only "yes" counts. false when there is no terminal to ask on. */
export async function askYes(io: CliIo, question: string): Promise<boolean> {
  const stdin = io.stdin;
  if (stdin?.isTTY !== true) return false;
  const rl = createInterface({ input: stdin, output: io.stderr as NodeJS.WritableStream });
  try {
    const answer = await rl.question(`${question} Only "yes" is accepted: `);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
