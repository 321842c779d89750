/** What apply takes and what it reports. */
import type { Change } from '../plan/types.js';

export interface ApplyFailure {
  change: Change;
  /** One-line description of the change, e.g. `create assignment ReadOnly → user jonathan on 111122223333`. */
  subject: string;
  /** What went wrong, with AWS's reason when it gave one. */
  message: string;
}

export interface ApplyReport {
  /** Changes carried out successfully. */
  succeeded: number;
  failed: ApplyFailure[];
  /** Changes not attempted because something they depend on failed. */
  skipped: number;
  /** API calls made by apply, per operation. */
  calls: Record<string, number>;
  durationMs: number;
  /**
   * Set when apply stopped early because every later change would fail the same way (the
   * credentials may not write, are no longer valid, or the run's deadline passed): why, and how
   * many changes were not made because of it (not started, or refused the same way while in flight).
   */
  stopped?: { reason: string; notAttempted: number };
}
