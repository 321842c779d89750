/**
 * The one clock of idc: what "now" is for rule expiry and revoked sessions. The system clock,
 * unless `IDC_NOW` gives a fixed instant (an ISO date-time with Z or an offset): used by tests
 * against the emulator's clock, and to preview what a plan will be at a later time.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const fixed = env['IDC_NOW'];
  if (fixed === undefined || fixed === '') return systemClock;
  const at = new Date(fixed);
  if (!ISO_INSTANT.test(fixed) || Number.isNaN(at.getTime())) {
    throw new Error(
      `IDC_NOW is not a date-time with a time zone (got ${JSON.stringify(fixed.slice(0, 40))}): write e.g. 2026-12-31T17:00:00Z, or unset it to use the system clock`,
    );
  }
  return () => new Date(at.getTime());
}
