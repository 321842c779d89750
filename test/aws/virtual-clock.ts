/** Virtual time for tests: `sleep` waits until `run` advances the clock; nothing really waits. */
export interface VirtualClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Every sleep requested, in ms. */
  sleeps: number[];
  /** Runs `work` to completion, advancing time to the next timer whenever everything is idle. */
  run<T>(work: Promise<T>): Promise<T>;
}

export function virtualClock(): VirtualClock {
  let t = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const sleeps: number[] = [];
  const idle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleeps,
    sleep(ms) {
      sleeps.push(ms);
      return new Promise<void>((resolve) => {
        timers.push({ at: t + ms, resolve });
        timers.sort((a, b) => a.at - b.at);
      });
    },
    async run(work) {
      let done = false;
      const result = work.finally(() => {
        done = true;
      });
      result.catch(() => undefined);
      while (!done) {
        await idle();
        const next = timers.shift();
        if (next) {
          t = Math.max(t, next.at);
          next.resolve();
        }
      }
      return result;
    },
  };
}
