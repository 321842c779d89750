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
}
