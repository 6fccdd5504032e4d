/**
 * Calendar dates as ISO strings 'YYYY-MM-DD'.
 *
 * A due date is a calendar day in the library's town, not an instant, so all arithmetic is
 * done in UTC (Date.UTC / getUTC*): the host's time zone and daylight-saving rules never
 * shift a day. Nothing here reads the clock; callers pass `today`.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date in 'YYYY-MM-DD' form (2025-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds at UTC midnight of the date; throws on a malformed date (a caller bug). */
function toUtc(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${String(date)}`);
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  const dt = new Date(ms);
  const y = String(dt.getUTCFullYear()).padStart(4, '0');
  const m = String(dt.getUTCMonth() + 1).padStart(2, '0');
  const d = String(dt.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

const DAY_MS = 86_400_000;

/** `date` plus `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs whole days, got ${days}`);
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/**
 * `date` plus whole months; a day that does not exist in the target month is clamped to
 * its last day (2024-01-31 + 1 month = 2024-02-29), the way people count "one month".
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`addMonths needs whole months, got ${months}`);
  const [y, m, d] = date.split('-').map(Number);
  toUtc(date); // validates
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return fromUtc(Date.UTC(ty, tm - 1, td));
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** -1, 0 or 1; ISO dates also compare correctly as strings, this one validates too. */
export function compareDates(a: string, b: string): number {
  const d = toUtc(a) - toUtc(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** The later of two dates. */
export function maxDate(a: string, b: string): string {
  return compareDates(a, b) >= 0 ? a : b;
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function weekdayOf(date: string): number {
  return new Date(toUtc(date)).getUTCDay();
}

/** Year of a date, as a number. */
export function yearOf(date: string): number {
  toUtc(date);
  return Number(date.slice(0, 4));
}
