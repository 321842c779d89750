/**
 * The benchmark's side of the emulator child process (see emulator-host.ts): start it with a
 * scenario, read its call counters, stop it. Loopback only; the child dies with this process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorOptions } from '../../emulator/index.js';

export type ScenarioName = 'plan' | 'apply';
type HostOptions = Omit<EmulatorOptions, 'world' | 'port'>;

export type HostRequest =
  | { type: 'start'; scenario: ScenarioName; yamlPath: string; region: string; options: HostOptions }
  | { type: 'calls' }
  | { type: 'close' };

export type HostReply =
  | { type: 'ready'; endpoint: string; info: unknown; yamlBytes: number }
  | { type: 'calls'; calls: Record<string, number>; errors: Record<string, number>; cpuMs: number }
  | { type: 'error'; message: string };

export interface EmulatorProcess<Info> {
  endpoint: string;
  info: Info;
  yamlBytes: number;
  /** Requests the emulator received per `service:Operation` (throttled and failed ones included), and
   * the CPU time (user + system) its process has used so far. */
  calls(): Promise<{ calls: Record<string, number>; errors: Record<string, number>; total: number; cpuMs: number }>;
  close(): Promise<void>;
}

export async function startEmulatorProcess<Info>(
  scenario: ScenarioName,
  yamlPath: string,
  region: string,
  options: HostOptions,
): Promise<EmulatorProcess<Info>> {
  const host = fileURLToPath(new URL('./emulator-host.ts', import.meta.url));
  const child: ChildProcess = fork(host, [], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  // Answers come in request order (one request at a time).
  const next = (): Promise<HostReply> =>
    new Promise((resolve, reject) => {
      const onExit = (): void => reject(new Error('the emulator process exited'));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        const r = m as HostReply;
        if (r.type === 'error') reject(new Error(`emulator process: ${r.message}`));
        else resolve(r);
      });
    });
  const ask = async (m: HostRequest): Promise<HostReply> => {
    const answer = next();
    child.send(m);
    return answer;
  };
  const close = async (): Promise<void> => {
    if (exited) return;
    child.send({ type: 'close' } satisfies HostRequest);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };
  try {
    const ready = await ask({ type: 'start', scenario, yamlPath, region, options });
    if (ready.type !== 'ready') throw new Error(`unexpected answer ${ready.type}`);
    return {
      endpoint: ready.endpoint,
      info: ready.info as Info,
      yamlBytes: ready.yamlBytes,
      async calls() {
        const r = await ask({ type: 'calls' });
        if (r.type !== 'calls') throw new Error(`unexpected answer ${r.type}`);
        return { calls: r.calls, errors: r.errors, total: Object.values(r.calls).reduce((a, b) => a + b, 0), cpuMs: r.cpuMs };
      },
      close,
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
