/**
 * Child process of the benchmarks: builds a scenario's world and access.yaml, runs the emulator
 * on 127.0.0.1, and answers the parent over IPC. Keeping the emulator in its own process gives it
 * its own CPU core and keeps its memory out of the benchmark's peak RSS.
 *
 * Messages in: start · calls · close. It exits when the parent goes away (IPC disconnect).
 */
import { writeFileSync } from 'node:fs';
import { startEmulator, type EmulatorOptions, type RunningEmulator, type World } from '../../emulator/index.js';
import type { HostReply, HostRequest, ScenarioName } from './emulator-process.js';
import { applyScenario } from './apply-scenario.js';
import { planScenario } from './plan-scenario.js';

const scenarios: Record<ScenarioName, (region: string) => { world: World; yaml: string }> = {
  plan: planScenario,
  apply: applyScenario,
};

let emu: RunningEmulator | undefined;
const reply = (m: HostReply): void => {
  process.send?.(m);
};

process.on('disconnect', () => process.exit(0));
process.on('message', (raw) => {
  const m = raw as HostRequest;
  void (async () => {
    try {
      if (m.type === 'start') {
        const { world, yaml, ...info } = scenarios[m.scenario](m.region);
        delete (info as { file?: unknown }).file; // the parent builds it again if it needs it
        writeFileSync(m.yamlPath, yaml);
        const options: EmulatorOptions = { ...m.options, world };
        emu = await startEmulator(options);
        reply({ type: 'ready', endpoint: emu.endpoint, info, yamlBytes: Buffer.byteLength(yaml) });
      } else if (m.type === 'calls') {
        const cpu = process.cpuUsage();
        reply({ type: 'calls', calls: emu?.calls() ?? {}, errors: emu?.errors() ?? {}, cpuMs: (cpu.user + cpu.system) / 1000 });
      } else {
        await emu?.close();
        process.exit(0);
      }
    } catch (error) {
      reply({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  })();
});
