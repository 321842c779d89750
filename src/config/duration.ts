/** Session durations: ISO-8601 in hours and minutes (PT8H, PT90M, PT1H30M). */

const DURATION = /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?$/;

/** Minutes in an ISO-8601 duration such as `PT1H30M`, or undefined when it is not one. */
export function durationMinutes(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

/** The canonical form of a duration: `PT90M` → `PT1H30M`, `PT60M` → `PT1H`. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`;
}

/** `text` in canonical form, or `text` itself when it is not a duration. */
export function canonicalDuration(text: string): string {
  const minutes = durationMinutes(text);
  return minutes === undefined ? text : formatDuration(minutes);
}

export const MIN_SESSION_MINUTES = 60;
export const MAX_SESSION_MINUTES = 12 * 60;
