/**
 * Danish date formatting. A PlainDate is turned into a Date at UTC noon and
 * formatted in UTC, so neither the machine's time zone nor its locale can
 * change the printed day, weekday or month.
 */
import type { PlainDate } from '../content/schema.js';

const danish = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('da-DK', { timeZone: 'UTC', ...options });
const WEEKDAY = danish({ weekday: 'long' });
const MONTH = danish({ month: 'long' });

function asUtc(date: PlainDate): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day, 12));
}

/** "07" for 7: days and months as dates write them. */
export const twoDigits = (value: number) => String(value).padStart(2, '0');

/** The month names, "januar" to "december", as longDate writes them. */
export const MONTH_NAMES: readonly string[] = Array.from({ length: 12 }, (_, index) => MONTH.format(new Date(Date.UTC(2000, index, 15))));

export function isoDate(date: PlainDate): string {
  return `${String(date.year).padStart(4, '0')}-${twoDigits(date.month)}-${twoDigits(date.day)}`;
}

/** "7. februar 2024" */
export function longDate(date: PlainDate): string {
  return `${date.day}. ${MONTH.format(asUtc(date))} ${date.year}`;
}

/** "07-02-2024" */
export function numericDate(date: PlainDate): string {
  return `${twoDigits(date.day)}-${twoDigits(date.month)}-${date.year}`;
}

/** "Onsdag d. 07. februar 2024" */
export function dateWithWeekday(date: PlainDate): string {
  const weekday = WEEKDAY.format(asUtc(date));
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)} d. ${twoDigits(date.day)}. ${MONTH.format(asUtc(date))} ${date.year}`;
}
