import { Emulator } from './emulator.js';
import type { EmulatorOptions, RunningEmulator } from './options.js';
import { closeServer, listen } from './server.js';

export type { EmulatorOptions, Faults, RunningEmulator } from './options.js';
export type * from './world-types.js';
export { readWorldFile } from './world-load.js';
export { generateWorld, type WorldSize } from './generate.js';

/** Starts the emulator on 127.0.0.1; `port: 0` (default) picks a free port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = new Emulator(options);
  const { server, port } = await listen(emu, options.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    get state() {
      return emu.state;
    },
    calls: () => emu.calls(),
    errors: () => emu.errors(),
    regions: () => emu.regions(),
    resetCalls: () => emu.resetCalls(),
    dump: () => emu.dump(),
    setFaults: (f) => {
      emu.setFaults(f);
    },
    setCaller: (c) => emu.setCaller(c),
    now: () => new Date(emu.now()),
    advanceClock: (ms) => new Date(emu.advanceClock(ms)),
    close: () => closeServer(server),
  };
}
