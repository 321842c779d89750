/**
 * When AWS started an asynchronous operation, on our clock. Identity Center's status answers carry
 * the operation's `CreatedDate` (AWS's clock); the request that started it was sent at `sentAt`
 * and answered at `answeredAt` (ours), so the start lies between the two, and every request bounds
 * the offset between the clocks: offset = CreatedDate − start ∈ [CreatedDate − answeredAt,
 * CreatedDate − sentAt]. The largest lower bound seen so far gives the latest start consistent with
 * every answer (NTP's reasoning, one-sided): a poll timed from it is never early because of the
 * clocks. Without a CreatedDate the start is taken as the answer (the old, late assumption).
 * The start is what CreatedDate says (AWS does not document its precision; the emulator's are
 * whole ms, floored, and it ends an operation at CreatedDate + d): a poll sent at CreatedDate + d,
 * AWS's clock, arrives after it. Were AWS to round CreatedDate down to coarser units, some first
 * polls would come early; they find the operation IN_PROGRESS and the duration estimate rises
 * (src/apply/async-operation.ts). The start never leaves [sent, answered].
 *
 * apply uses it to time the first status poll from the operation's start rather than from the
 * answer, which comes a network trip later (src/apply/async-operation.ts).
 */
/** The wall clock in ms with a fraction (Date.now has whole ms): the start of an operation is
 * placed to a fraction of a ms, so that its first poll is not up to a ms late. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

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
    const start = Math.min(answeredAt, Math.max(sentAt, createdAt - this.offsetLow));
    return answeredAt - start;
  }
}
