/**
 * `npm run demo`: what a newcomer sees first. Starts the local Identity Center emulator with a
 * small organization (the management account and a workloads account, an empty identity store),
 * then runs the real `idc` commands against it: plan, apply, plan again.
 * Nothing here touches AWS: every call goes to 127.0.0.1.
 */
import { createSdkGateway } from '../src/aws/sdk-gateway.js';
import { runCli, type CliIo } from '../src/cli/run.js';
import { createEngine } from '../src/engine.js';
import { readWorldFile, startEmulator } from '../test/emulator/index.js';

const CONFIG = process.argv[2] ?? 'access.yaml';
const WORLD = 'test/emulator/worlds/demo.json';

const tty = process.stdout.isTTY === true && !process.env['NO_COLOR'];
const bold = (s: string): string => (tty ? `\x1b[1m${s}\x1b[22m` : s);
const dim = (s: string): string => (tty ? `\x1b[2m${s}\x1b[22m` : s);

function step(n: number, command: string, why: string): void {
  process.stdout.write(`\n${bold(`━━ ${n}/3  $ ${command}`)}  ${dim(`# ${why}`)}\n\n`);
}

const world = await readWorldFile(WORLD);
// Assignments and provisioning take a moment in AWS; the emulator answers IN_PROGRESS for
// about half a second before SUCCEEDED, so the progress lines have something to show.
const emulator = await startEmulator({ world, asyncMs: 500, asyncPolls: 2 });
const accounts = world.organization.accounts.map((a) => `${a.name} (${a.id})`).join(', ');
process.stdout.write(
  `${bold('idc-gitops demo')}\n` +
    `A local IAM Identity Center is running at ${emulator.endpoint}: an organization with ${accounts},\n` +
    `an empty identity store and no permission sets. The demo runs the real idc commands against it\n` +
    `with ${CONFIG}, the single-account setup a team starts from.\n`,
);

const engine = createEngine({
  region: 'us-east-1',
  gatewayFor: (region) =>
    createSdkGateway({
      region,
      endpoint: emulator.endpoint,
      credentials: async () => ({ accessKeyId: 'demo', secretAccessKey: 'demo' }),
    }),
  apply: { pollIntervalMs: 200 },
});
const io: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: { ...process.env },
  engine,
};

let failed = false;
try {
  step(1, `idc plan ${CONFIG}`, 'what would change? (exit code 2: there are changes)');
  const planned = await runCli(['plan', CONFIG], io);
  if (planned !== 2) throw new Error(`idc plan exited ${planned}, expected 2 (changes to make)`);

  step(2, `idc apply --yes ${CONFIG}`, 'make it so, in a safe order, waiting for AWS to finish each step');
  const applied = await runCli(['apply', '--yes', CONFIG], io);
  if (applied !== 0) throw new Error(`idc apply exited ${applied}`);

  step(3, `idc plan ${CONFIG}`, 'read everything again: nothing is left to do (exit code 0)');
  const replanned = await runCli(['plan', CONFIG], io);
  if (replanned !== 0) throw new Error(`the second idc plan exited ${replanned}: something did not converge`);

  const state = emulator.dump();
  const calls = Object.values(emulator.calls()).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `\n${bold('Done.')} Identity Center now has ${state.users?.length ?? 0} user(s), ${state.permissionSets?.length ?? 0} permission set(s) ` +
      `and ${state.assignments?.length ?? 0} assignment(s), in ${calls} API calls.\n` +
      `Next: edit ${CONFIG} (add a user, a group, an assignment to the workloads account) and run ` +
      `"npm run demo" again, or check it with "npx idc validate ${CONFIG}". The README explains every key.\n`,
  );
} catch (e) {
  failed = true;
  process.stderr.write(`\ndemo failed: ${(e as Error).message}\n`);
} finally {
  await emulator.close();
}
process.exitCode = failed ? 1 : 0;
