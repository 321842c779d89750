/**
 * npm run emulator -- --world emulator/worlds/demo.json --port 4566
 *   [--latency-ms N] [--time-scale N] [--rate-limit N] [--seed N] [--async-polls N] [--async-ms N]
 *   [--throttle-rate P] [--server-error-rate P] [--conflict-rate P] [--failed-status-rate P]
 *   [--caller-account ID --caller-arn ARN] [--example-roles OWNER/REPO]
 *   [--clock-start ISO-DATE-TIME] [--clock-scale N]   (GET/POST /_emulator/clock reads/advances it)
 */
import { parseArgs } from 'node:util';
import { exampleRoles } from './example-roles.js';
import { startEmulator } from './index.js';
import { readWorldFile } from './world-load.js';
import type { EmulatorOptions } from './options.js';

const { values } = parseArgs({
  options: {
    world: { type: 'string' },
    port: { type: 'string', default: '4566' },
    'latency-ms': { type: 'string' },
    'time-scale': { type: 'string' },
    'rate-limit': { type: 'string' },
    seed: { type: 'string' },
    'async-polls': { type: 'string' },
    'async-ms': { type: 'string' },
    'throttle-rate': { type: 'string' },
    'server-error-rate': { type: 'string' },
    'conflict-rate': { type: 'string' },
    'failed-status-rate': { type: 'string' },
    'caller-account': { type: 'string' },
    'caller-arn': { type: 'string' },
    'example-roles': { type: 'string' },
    'clock-start': { type: 'string' },
    'clock-scale': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(
    'usage: npm run emulator -- --world FILE [--port N] [--latency-ms N] [--time-scale N] [--rate-limit N] [--seed N] [--clock-start ISO] [--clock-scale N]',
  );
  process.exit(0);
}

const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const options: EmulatorOptions = { port: Number(values.port) };
const set = <K extends keyof EmulatorOptions>(k: K, v: EmulatorOptions[K] | undefined): void => {
  if (v !== undefined) options[k] = v;
};
if (values.world) options.world = await readWorldFile(values.world);
set('latencyMs', num(values['latency-ms']));
set('timeScale', num(values['time-scale']));
set('rateLimit', num(values['rate-limit']));
set('seed', num(values.seed));
set('asyncPolls', num(values['async-polls']));
set('asyncMs', num(values['async-ms']));
const faults = {
  throttleRate: num(values['throttle-rate']),
  serverErrorRate: num(values['server-error-rate']),
  conflictRate: num(values['conflict-rate']),
  failedStatusRate: num(values['failed-status-rate']),
};
if (values['clock-start'] !== undefined || values['clock-scale'] !== undefined) {
  options.clock = {
    ...(values['clock-start'] !== undefined ? { start: values['clock-start'] } : {}),
    ...(values['clock-scale'] !== undefined ? { scale: Number(values['clock-scale']) } : {}),
  };
}
options.faults = Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined));
if (values['caller-account']) {
  options.caller = {
    accountId: values['caller-account'],
    arn: values['caller-arn'] ?? `arn:aws:sts::${values['caller-account']}:assumed-role/IdcGitOpsAdmin/emulator`,
  };
}

if (values['example-roles']) {
  const [owner, repo, ...rest] = values['example-roles'].split('/');
  if (!owner || !repo || rest.length > 0) throw new Error(`--example-roles ${values['example-roles']}: expected OWNER/REPO`);
  const accountId = options.world?.organization.managementAccountId ?? '111122223333';
  options.iam = exampleRoles({ accountId, owner, repo });
}

const emu = await startEmulator(options);
console.log(`idc emulator listening on ${emu.endpoint} (AWS_ENDPOINT_URL=${emu.endpoint})`);
const stop = (): void => {
  void emu.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
