/**
 * `expires` of an assignment rule: a date (`2026-12-31`, the last day of the access, UTC) or a
 * date-time with an optional offset (`2026-12-31T17:30`, `2026-12-31T17:30:00+02:00`; UTC when the
 * offset is absent). Either way the rule grants nothing from one instant on: the day after the
 * date (00:00 UTC), or the date-time itself.
 */

export interface Expiry {
  /** The first instant the rule grants nothing. */
  endsAt: Date;
  /** `date`: written `YYYY-MM-DD`; `date-time`: with a time. */
  kind: 'date' | 'date-time';
}

export type ExpiryParse = { ok: true; expiry: Expiry } | { ok: false; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-](\d{2}):(\d{2}))?$/;

export const EXPIRES_FORMS = 'a date such as 2026-12-31, or a date-time such as 2026-12-31T17:00+02:00; UTC when the offset is absent';

function realDate(y: number, mo: number, d: number): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Parses `expires` as written in access.yaml. */
export function parseExpires(text: string): ExpiryParse {
  const d = DATE.exec(text);
  if (d) {
    const [y, mo, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    if (!realDate(y, mo, day)) return { ok: false, message: `not a real date: "${text}"` };
    return { ok: true, expiry: { kind: 'date', endsAt: new Date(Date.UTC(y, mo - 1, day + 1)) } };
  }
  const t = DATE_TIME.exec(text);
  if (!t) return { ok: false, message: `not a date or date-time: "${text}"` };
  const [y, mo, day, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(t[i] ?? 0)) as [number, number, number, number, number, number];
  if (!realDate(y, mo, day)) return { ok: false, message: `not a real date: "${text}"` };
  if (h > 23 || mi > 59 || s > 59) return { ok: false, message: `not a real time of day: "${text}"` };
  let offsetMin = 0;
  if (t[7] !== undefined && t[7] !== 'Z') {
    const [oh, om] = [Number(t[8]), Number(t[9])];
    if (oh > 23 || om > 59) return { ok: false, message: `not a real time zone offset: "${text}"` };
    offsetMin = (t[7].startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const endsAt = new Date(Date.UTC(y, mo - 1, day, h, mi, s) - offsetMin * 60_000);
  return { ok: true, expiry: { kind: 'date-time', endsAt } };
}

/** When a rule's access ends; undefined when it has no (valid) `expires`. */
export function expiryEnd(expires: string | undefined): Date | undefined {
  if (expires === undefined) return undefined;
  const p = parseExpires(expires);
  return p.ok ? p.expiry.endsAt : undefined;
}

/** True when `expires` has passed at `now`: the rule grants nothing. */
export function hasExpired(expires: string | undefined, now: Date): boolean {
  const end = expiryEnd(expires);
  return end !== undefined && now.getTime() >= end.getTime();
}

/**
 * How a plan shows the end of a grant: a date as written (the last day), a date-time as the UTC
 * instant it ends, e.g. `2026-12-31 15:00 UTC`.
 */
export function expiresLabel(expires: string): string {
  const p = parseExpires(expires);
  if (!p.ok || p.expiry.kind === 'date') return expires;
  const iso = p.expiry.endsAt.toISOString();
  const seconds = iso.slice(17, 19) === '00' ? '' : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}
