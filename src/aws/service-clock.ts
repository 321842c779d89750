/**
 * When AWS started an asynchronous operation, on our clock. Identity Center's status answers carry
 * the operation's `CreatedDate` (AWS's clock); the request that started it was sent at `sentAt`
 * and answered at `answeredAt` (ours), so the start lies between the two, and every request bounds
 * the offset between the clocks: offset = CreatedDate − start ∈ [CreatedDate − answeredAt,
 * CreatedDate − sentAt]. The largest lower bound seen so far gives the latest start consistent with
 * every answer (NTP's reasoning, one-sided): a poll timed from it is never early because of the
 * clocks. Without a CreatedDate the start is taken as the answer (the old, late assumption).
 * CreatedDate has whole milliseconds (the emulator's are floored; AWS does not document its
 * precision): the start is taken 1 ms later than the bounds say. A coarser CreatedDate makes some
 * first polls early; those find the operation IN_PROGRESS and the duration estimate rises
 * (src/apply/async-operation.ts), and the start never leaves [sent, answered].
 *
 * apply uses it to time the first status poll from the operation's start rather than from the
 * answer, which comes a network trip later (src/apply/async-operation.ts).
 */
const CREATED_DATE_RESOLUTION_MS = 1;

export class ServiceClock {
  /** Largest lower bound of (AWS clock − ours), ms; -Infinity until the first answer. */
  private offsetLow = Number.NEGATIVE_INFINITY;

  /**
   * How long before `answeredAt` the operation started (≥ 0, ≤ the request's round trip).
   * `createdAt`: the CreatedDate AWS reported, ms since the epoch (AWS's clock).
   */
  startedAgo(createdAt: number | undefined, sentAt: number, answeredAt: number): number {
    if (createdAt === undefined || !Number.isFinite(createdAt)) return 0;
    this.offsetLow = Math.max(this.offsetLow, createdAt - answeredAt);
    const start = Math.min(answeredAt, Math.max(sentAt, createdAt + CREATED_DATE_RESOLUTION_MS - this.offsetLow));
    return answeredAt - start;
  }
}
