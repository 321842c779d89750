/**
 * Session durations: the one ISO-8601 duration grammar of the project.
 *
 * AWS stores and returns `PT<h>H<m>M<s>S` (any part may be missing, at least one is present), so
 * live values may carry seconds (`PT3600S`). access.yaml accepts hours and minutes only (PT8H,
 * PT90M, PT1H30M), as the schema's `session_duration` pattern does.
 */

const DURATION = /^PT(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/;

/** The parts of an ISO-8601 time duration; a part not written is undefined. */
export interface DurationParts {
  hours: number | undefined;
  minutes: number | undefined;
  seconds: number | undefined;
}

/** `PT1H30M` → { hours: 1, minutes: 30 }; undefined when `text` is not a duration. */
export function parseDuration(text: string): DurationParts | undefined {
  const m = DURATION.exec(text);
  if (!m) return undefined;
  const part = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  return { hours: part(m[1]), minutes: part(m[2]), seconds: part(m[3]) };
}

/** `PT1H`, `PT60M`, `PT3600S` → 3600; undefined when `text` is not a duration. */
export function durationSeconds(text: string): number | undefined {
  const d = parseDuration(text);
  if (!d) return undefined;
  return (d.hours ?? 0) * 3600 + (d.minutes ?? 0) * 60 + (d.seconds ?? 0);
}

/**
 * Minutes in a duration as access.yaml accepts it (hours and minutes, `PT1H30M`), or undefined
 * when it is not one (seconds are not accepted there).
 */
export function durationMinutes(text: string): number | undefined {
  const d = parseDuration(text);
  if (!d || d.seconds !== undefined) return undefined;
  return (d.hours ?? 0) * 60 + (d.minutes ?? 0);
}

/** The canonical form of a duration: `PT90M` → `PT1H30M`, `PT60M` → `PT1H`. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h > 0 ? `${h}H` : ''}${m > 0 || h === 0 ? `${m}M` : ''}`;
}

/** `text` in canonical form, or `text` itself when it is not a duration access.yaml accepts. */
export function canonicalDuration(text: string): string {
  const minutes = durationMinutes(text);
  return minutes === undefined ? text : formatDuration(minutes);
}

export const MIN_SESSION_MINUTES = 60;
export const MAX_SESSION_MINUTES = 12 * 60;
