import type { Caller, Faults } from './options.js';
import type { World } from './world-types.js';

/** What the HTTP control endpoints act on. */
export interface Controllable {
  calls(): Record<string, number>;
  errors(): Record<string, number>;
  resetCalls(): void;
  dump(): World;
  setFaults(f: Faults): Faults;
  setCaller(c: Caller): void;
  loadWorld(w: World): void;
  settle(): void;
  /** Emulated ms since the epoch. */
  now(): number;
  advanceClock(ms: number): number;
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/**
 * `/_emulator/…`:
 *   GET  health · GET calls · POST calls/reset · GET world · POST world (replace) ·
 *   POST faults (merge) · POST caller · POST settle (complete every async operation now) ·
 *   GET clock · POST clock {"advanceMs": N} (move the emulated clock forward)
 */
export function control(emu: Controllable, method: string, path: string, body: string): ControlAnswer {
  const json = (): unknown => (body.trim() === '' ? {} : JSON.parse(body));
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  switch (key) {
    case 'GET /_emulator/health':
      return { status: 200, body: { ok: true } };
    case 'GET /_emulator/calls': {
      const calls = emu.calls();
      return { status: 200, body: { calls, errors: emu.errors(), total: Object.values(calls).reduce((a, b) => a + b, 0) } };
    }
    case 'POST /_emulator/calls/reset':
      emu.resetCalls();
      return { status: 200, body: { ok: true } };
    case 'GET /_emulator/world':
      return { status: 200, body: emu.dump() };
    case 'POST /_emulator/world':
      emu.loadWorld(json() as World);
      return { status: 200, body: { ok: true } };
    case 'POST /_emulator/faults':
      return { status: 200, body: emu.setFaults(json() as Faults) };
    case 'POST /_emulator/caller':
      emu.setCaller(json() as Caller);
      return { status: 200, body: { ok: true } };
    case 'POST /_emulator/settle':
      emu.settle();
      return { status: 200, body: { ok: true } };
    case 'GET /_emulator/clock':
      return { status: 200, body: { now: new Date(emu.now()).toISOString() } };
    case 'POST /_emulator/clock': {
      const advanceMs = (json() as { advanceMs?: unknown }).advanceMs;
      if (typeof advanceMs !== 'number') return { status: 400, body: { message: 'POST /_emulator/clock takes {"advanceMs": N}' } };
      return { status: 200, body: { now: new Date(emu.advanceClock(advanceMs)).toISOString() } };
    }
    default:
      return { status: 404, body: { message: `No control endpoint ${key}` } };
  }
}
