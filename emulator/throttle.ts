/**
 * A token bucket: `rate` tokens per emulated second, burst of `rate`, refilled
 * `timeScale` times faster in wall time. rate 0 or Infinity: never empty.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private rate: number,
    private timeScale: number,
    now: number,
  ) {
    this.tokens = rate;
    this.last = now;
  }

  get enabled(): boolean {
    return this.rate > 0 && Number.isFinite(this.rate);
  }

  /** Takes a token; false when the bucket is empty (the call is throttled). */
  take(now: number): boolean {
    if (!this.enabled) return true;
    const elapsedS = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.rate, this.tokens + elapsedS * this.rate * this.timeScale);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
