/**
 * SIP2 dates are 18 characters, `YYYYMMDDZZZZHHMMSS`: the zone `ZZZZ` is four blanks for the
 * library's local time or `   Z` for UTC. Every city of the service is in Japan (UTC+9, no
 * daylight saving), so local time is Japan's.
 */
const JAPAN_OFFSET_MS = 9 * 3600_000;
const LOCAL_ZONE = '    ';
const UTC_ZONE = '   Z';
const SIP_DATE = /^(\d{4})(\d{2})(\d{2})(    |   Z)(\d{2})(\d{2})(\d{2})$/;

const two = (n: number) => String(n).padStart(2, '0');

/** `at` as a SIP2 date in Japan's local time: `20261214    103000`. */
export function formatSipDate(at: Date): string {
  const local = new Date(at.getTime() + JAPAN_OFFSET_MS);
  return (
    `${local.getUTCFullYear()}${two(local.getUTCMonth() + 1)}${two(local.getUTCDate())}${LOCAL_ZONE}` +
    `${two(local.getUTCHours())}${two(local.getUTCMinutes())}${two(local.getUTCSeconds())}`
  );
}

/** A library day (`YYYY-MM-DD`, e.g. a due date) as a SIP2 date at the end of that day (23:59:59). */
export function formatSipDay(isoDate: string): string {
  return `${isoDate.replace(/-/g, '')}${LOCAL_ZONE}235959`;
}

/** Whether an 18-character field is a well-formed SIP2 date of a real calendar day and time. */
export function isSipDate(s: string): boolean {
  return parseSipDate(s) !== null;
}

/** The instant a SIP2 date names, or null when it is not one (18 blanks included). */
export function parseSipDate(s: string): Date | null {
  const m = SIP_DATE.exec(s);
  if (!m) return null;
  const [y, mo, d, zone, h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4], Number(m[5]), Number(m[6]), Number(m[7])];
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec);
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March: a day or time out of range is not a date
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
  return new Date(zone === UTC_ZONE ? utc : utc - JAPAN_OFFSET_MS);
}
