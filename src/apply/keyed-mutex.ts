/**
 * Per-key mutexes (one change per target account at a time). "At most N at once" is p-limit's
 * job everywhere (the reads, apply's phases, the rate limiter's calls in flight).
 */
import { sortedStrings } from '../model/compare.js';

/** One holder per key at a time; waiters on a key are served in order. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let open!: () => void;
    const mine = new Promise<void>((resolve) => (open = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(key, tail);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }

  /** Holds every key (taken in sorted order, so two callers never deadlock). */
  async acquireAll(keys: readonly string[]): Promise<() => void> {
    const sorted = sortedStrings(keys);
    const releases: (() => void)[] = [];
    for (const key of sorted) releases.push(await this.acquire(key));
    return () => {
      for (let i = releases.length - 1; i >= 0; i--) releases[i]?.();
    };
  }
}
