import { afterEach, describe, expect, it } from 'vitest';
import { EmulatedClock } from '../../emulator/clock.js';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';

describe('emulated clock', () => {
  it('starts where asked, runs `scale` times faster than the wall, and only moves forward', () => {
    let wall = 1_000;
    const clock = new EmulatedClock({ start: '2026-06-01T12:00:00Z', scale: 60 }, () => wall);
    expect(new Date(clock.now()).toISOString()).toBe('2026-06-01T12:00:00.000Z');
    wall += 1_000; // one wall second is one emulated minute
    expect(new Date(clock.now()).toISOString()).toBe('2026-06-01T12:01:00.000Z');
    clock.advance(3_600_000);
    expect(new Date(clock.now()).toISOString()).toBe('2026-06-01T13:01:00.000Z');
    expect(() => clock.advance(-1)).toThrow(/only moves forward/);
    expect(() => new EmulatedClock({ scale: 0 })).toThrow(/scale/);
    expect(() => new EmulatedClock({ start: 'yesterday' })).toThrow(/not a date-time/);
  });

  describe('over HTTP', () => {
    let emu: RunningEmulator | undefined;
    afterEach(async () => emu?.close());

    it('GET /_emulator/clock reads it and POST advances it', async () => {
      emu = await startEmulator({ clock: { start: '2026-06-01T12:00:00Z', scale: 1 } });
      const read = async (): Promise<string> => ((await (await fetch(`${emu?.endpoint}/_emulator/clock`)).json()) as { now: string }).now;
      expect(Date.parse(await read()) - Date.parse('2026-06-01T12:00:00Z')).toBeLessThan(60_000);
      const moved = (await (await fetch(`${emu.endpoint}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 2 * 3_600_000 }) })).json()) as {
        now: string;
      };
      expect(moved.now.slice(0, 13)).toBe('2026-06-01T14');
      expect(emu.now().toISOString().slice(0, 13)).toBe('2026-06-01T14');
      const bad = await fetch(`${emu.endpoint}/_emulator/clock`, { method: 'POST', body: '{}' });
      expect(bad.status).toBe(400);
    });
  });
});
