/**
 * Danish date formatting: the printed day, weekday and month depend only on
 * the calendar date written in the content, never on the machine's time zone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlainDate } from '../../src/content/schema.js';
import { dateWithWeekday, isoDate, longDate, numericDate } from '../../src/format/dates.js';

interface Expected {
  date: PlainDate;
  iso: string;
  long: string;
  numeric: string;
  withWeekday: string;
}

const CASES: Expected[] = [
  {
    date: { year: 2024, month: 2, day: 7 },
    iso: '2024-02-07',
    long: '7. februar 2024',
    numeric: '07-02-2024',
    withWeekday: 'Onsdag d. 07. februar 2024',
  },
  {
    date: { year: 2016, month: 9, day: 15 },
    iso: '2016-09-15',
    long: '15. september 2016',
    numeric: '15-09-2016',
    withWeekday: 'Torsdag d. 15. september 2016',
  },
  {
    date: { year: 2023, month: 12, day: 31 },
    iso: '2023-12-31',
    long: '31. december 2023',
    numeric: '31-12-2023',
    withWeekday: 'Søndag d. 31. december 2023',
  },
  {
    date: { year: 2024, month: 1, day: 1 },
    iso: '2024-01-01',
    long: '1. januar 2024',
    numeric: '01-01-2024',
    withWeekday: 'Mandag d. 01. januar 2024',
  },
  {
    date: { year: 2024, month: 2, day: 29 },
    iso: '2024-02-29',
    long: '29. februar 2024',
    numeric: '29-02-2024',
    withWeekday: 'Torsdag d. 29. februar 2024',
  },
  {
    date: { year: 2025, month: 5, day: 2 },
    iso: '2025-05-02',
    long: '2. maj 2025',
    numeric: '02-05-2025',
    withWeekday: 'Fredag d. 02. maj 2025',
  },
];

function checkAll(format: Pick<typeof import('../../src/format/dates.js'), 'isoDate' | 'longDate' | 'numericDate' | 'dateWithWeekday'>): void {
  for (const { date, iso, long, numeric, withWeekday } of CASES) {
    expect(format.isoDate(date)).toBe(iso);
    expect(format.longDate(date)).toBe(long);
    expect(format.numericDate(date)).toBe(numeric);
    expect(format.dateWithWeekday(date)).toBe(withWeekday);
  }
}

describe('Danish date formatting', () => {
  it.each(CASES)('formats $iso', ({ date, iso, long, numeric, withWeekday }) => {
    expect(isoDate(date)).toBe(iso);
    expect(longDate(date)).toBe(long);
    expect(numericDate(date)).toBe(numeric);
    expect(dateWithWeekday(date)).toBe(withWeekday);
  });

  it('pads years, months and days in the ISO form', () => {
    expect(isoDate({ year: 2030, month: 3, day: 4 })).toBe('2030-03-04');
  });
});

describe.each(['America/Los_Angeles', 'Pacific/Kiritimati'])('with TZ=%s', (zone) => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
    vi.resetModules();
  });

  it('gives the same day, weekday and month', () => {
    process.env.TZ = zone;
    // The time zone really is in effect for this process.
    const offset = new Date(Date.UTC(2024, 1, 7, 12)).getTimezoneOffset();
    expect(offset).toBe(zone === 'America/Los_Angeles' ? 480 : -840);
    checkAll({ isoDate, longDate, numericDate, dateWithWeekday });
  });

  it('gives the same results when the module is loaded under that zone', async () => {
    process.env.TZ = zone;
    vi.resetModules();
    const fresh = await import('../../src/format/dates.js');
    checkAll(fresh);
  });
});
