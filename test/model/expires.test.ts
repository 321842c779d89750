import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expiresLabel, hasExpired, parseExpires } from '../../src/model/expires.js';

const endOf = (text: string): string => {
  const p = parseExpires(text);
  if (!p.ok) throw new Error(p.message);
  return p.expiry.endsAt.toISOString();
};

describe('parseExpires', () => {
  it('a date is the last day of the access: it ends at 00:00 UTC the day after', () => {
    expect(endOf('2026-12-31')).toBe('2027-01-01T00:00:00.000Z');
    expect(endOf('2028-02-28')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('a date-time without offset is UTC; Z and offsets move the instant', () => {
    expect(endOf('2026-12-31T17:00')).toBe('2026-12-31T17:00:00.000Z');
    expect(endOf('2026-12-31T17:00:30Z')).toBe('2026-12-31T17:00:30.000Z');
    expect(endOf('2026-12-31T17:00+02:00')).toBe('2026-12-31T15:00:00.000Z');
    expect(endOf('2026-12-31T23:30-05:30')).toBe('2027-01-01T05:00:00.000Z');
  });

  it('refuses dates and times that do not exist, saying which part is wrong', () => {
    expect(parseExpires('2026-02-30')).toEqual({ ok: false, message: 'not a real date: "2026-02-30"' });
    expect(parseExpires('2026-02-30T10:00')).toEqual({ ok: false, message: 'not a real date: "2026-02-30T10:00"' });
    expect(parseExpires('2026-12-31T24:00')).toEqual({ ok: false, message: 'not a real time of day: "2026-12-31T24:00"' });
    expect(parseExpires('2026-12-31T10:60')).toMatchObject({ ok: false });
    expect(parseExpires('2026-12-31T10:00+24:00')).toEqual({ ok: false, message: 'not a real time zone offset: "2026-12-31T10:00+24:00"' });
    for (const bad of ['2026/12/31', '31-12-2026', '2026-12-31 17:00', '2026-12-31T17', 'tomorrow', '']) {
      expect(parseExpires(bad).ok, bad).toBe(false);
    }
  });

  it('hasExpired: granted until the instant it ends, not from then on', () => {
    expect(hasExpired('2026-03-15', new Date('2026-03-15T23:59:59.999Z'))).toBe(false);
    expect(hasExpired('2026-03-15', new Date('2026-03-16T00:00:00.000Z'))).toBe(true);
    expect(hasExpired('2026-03-15T12:00+01:00', new Date('2026-03-15T10:59:59Z'))).toBe(false);
    expect(hasExpired('2026-03-15T12:00+01:00', new Date('2026-03-15T11:00:00Z'))).toBe(true);
    expect(hasExpired(undefined, new Date('2100-01-01'))).toBe(false);
  });

  it('the plan shows a date as written and a date-time as its UTC instant', () => {
    expect(expiresLabel('2026-12-31')).toBe('2026-12-31');
    expect(expiresLabel('2026-12-31T17:00+02:00')).toBe('2026-12-31 15:00 UTC');
    expect(expiresLabel('2026-12-31T17:00:30')).toBe('2026-12-31 17:00:30 UTC');
  });

  it('for every instant, its ISO form with any whole-minute offset parses back to the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (date, offsetMin) => {
          const instant = Math.floor(date.getTime() / 1000) * 1000;
          const local = new Date(instant + offsetMin * 60_000).toISOString().slice(0, 19);
          const abs = Math.abs(offsetMin);
          const offset = `${offsetMin < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(endOf(`${local}${offset}`)).toBe(new Date(instant).toISOString());
          expect(endOf(`${new Date(instant).toISOString().slice(0, 19)}`)).toBe(new Date(instant).toISOString());
        },
      ),
    );
  });
});
