/**
 * The emulator's clock: what "now" is for everything it stamps or times (CreatedDate, STS
 * Expiration, asynchronous operations, throttling). By default the wall clock. Tests of time-bound
 * behaviour start it at a chosen instant, run it faster (`scale`), or move it forward (`advance`),
 * and give idc the same time (`IDC_NOW`, or the engine's `now`).
 */
export interface ClockOptions {
  /** Emulated time at start (ms since the epoch, or an ISO date-time). Default: the wall clock. */
  start?: number | string;
  /** Emulated ms per wall ms. Default 1. */
  scale?: number;
}

export class EmulatedClock {
  private readonly wallStart: number;
  private readonly start: number;
  private readonly scale: number;
  private offset = 0;

  constructor(options: ClockOptions = {}, wall: () => number = Date.now) {
    this.wall = wall;
    this.wallStart = wall();
    const start = typeof options.start === 'string' ? Date.parse(options.start) : (options.start ?? this.wallStart);
    if (!Number.isFinite(start)) throw new Error(`emulator: clock.start is not a date-time: ${String(options.start)}`);
    const scale = options.scale ?? 1;
    if (!(scale > 0) || !Number.isFinite(scale)) throw new Error('emulator: clock.scale must be a finite number > 0');
    this.start = start;
    this.scale = scale;
  }

  private readonly wall: () => number;

  /** Emulated ms since the epoch. */
  now(): number {
    return Math.floor(this.start + (this.wall() - this.wallStart) * this.scale + this.offset);
  }

  /** Moves the clock forward (never back: AWS time does not go backwards). */
  advance(ms: number): number {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error('emulator: the clock only moves forward: advance by a finite number of ms >= 0');
    this.offset += ms;
    return this.now();
  }
}
