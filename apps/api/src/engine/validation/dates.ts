import { isIsoDate } from '@shiori/policy';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { fieldMessage } from './field-message';

/**
 * The days the service deals in — births, card expiries, receipts of old stock, closures,
 * events — lie between these two (inclusive). Outside them a date is a slip (0000-00-00)
 * or a probe (275760-09-13, the last day JavaScript's Date knows), and PostgreSQL or Date
 * would refuse or bend it.
 */
export const EARLIEST_DATE = '1800-01-01';
export const LATEST_DATE = '2199-12-31';

/** A real calendar day, `YYYY-MM-DD`, from EARLIEST_DATE to LATEST_DATE (2026-02-30 is not one). */
export function isCalendarDate(value: unknown): value is string {
  return isIsoDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * An ISO 8601 date-time with its time zone (`2026-05-01T10:30:00+09:00`, or `Z`): a time
 * the desk or an auditor names must say which zone it was taken in. Its day is a calendar
 * date as above; hours, minutes, seconds and the offset are in range.
 */
export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = INSTANT.exec(value);
  if (!m || !isCalendarDate(m[1])) return false;
  const [hours, minutes, seconds, offsetHours, offsetMinutes] = [m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  return hours <= 23 && minutes <= 59 && seconds <= 59 && offsetHours <= 14 && offsetMinutes <= 59;
}

const RANGE = `${EARLIEST_DATE}〜${LATEST_DATE}`;

/** Every date field and date query parameter: `@IsCalendarDate()`. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: isCalendarDate, defaultMessage: (a) => `${a?.property} must be a real day, YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}` },
    },
    fieldMessage(
      (field) => ({
        ja: `${field} は ${RANGE} の実在する日付（YYYY-MM-DD）にしてください。`,
        en: `${field} must be a real day, YYYY-MM-DD, from ${EARLIEST_DATE} to ${LATEST_DATE}.`,
      }),
      options,
    ),
  );
}

/** A date-time with its time zone: `@IsInstant()`. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isInstant', validator: { validate: isInstant, defaultMessage: (a) => `${a?.property} must be an ISO 8601 date-time with a time zone` } },
    fieldMessage(
      (field) => ({
        ja: `${field} はタイムゾーン付きの日時（例 2026-05-01T10:30:00+09:00、日付は ${RANGE}）にしてください。`,
        en: `${field} must be a date-time with its time zone, e.g. 2026-05-01T10:30:00+09:00 (a day from ${EARLIEST_DATE} to ${LATEST_DATE}).`,
      }),
      options,
    ),
  );
}

/** Either a calendar day or a date-time with its time zone (filters that take both). */
export function IsCalendarDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDateOrInstant',
      validator: { validate: (v) => isCalendarDate(v) || isInstant(v), defaultMessage: (a) => `${a?.property} must be YYYY-MM-DD or an ISO 8601 date-time with a time zone` },
    },
    fieldMessage(
      (field) => ({
        ja: `${field} は日付（YYYY-MM-DD）かタイムゾーン付きの日時にしてください（${RANGE}）。`,
        en: `${field} must be a day (YYYY-MM-DD) or a date-time with its time zone, from ${EARLIEST_DATE} to ${LATEST_DATE}.`,
      }),
      options,
    ),
  );
}
