import { z } from 'zod';
import { compareDates, weekdayOf } from './dates';
import { t, Localized } from './i18n';

/**
 * Days on which something repeats, as libraries print timetables: by weekday, every week or
 * in some weeks of the month (第1・第3火曜 is `weekday: 2, weeks: [1, 3]`), and/or on listed
 * dates. Shared by the bookmobile's stops and the courier's runs (連絡車), which repeat the
 * same way; and spans of days (closures, school holidays). Nothing here reads the clock.
 */
export const dayPatternShape = {
  /** 0 = Sunday … 6 = Saturday; null for listed dates only. */
  weekday: z.number().int().min(0).max(6).nullable().default(null),
  /** Weeks of the month (1–5) the weekday is served: [1, 3] = 第1・第3. Empty: every week. */
  weeks: z.array(z.number().int().min(1).max(5)).max(5).default([]),
  /** Explicit dates ('YYYY-MM-DD'), alone or in addition to the weekday. */
  dates: z.array(z.string()).max(366).default([]),
};

export interface DayPattern {
  weekday: number | null;
  weeks: number[];
  dates: string[];
}

/** Which week of its month a date's weekday is (1–5): 2026-12-15 is the 3rd Tuesday. */
export function weekOfMonth(date: string): number {
  return Math.floor((Number(date.slice(8, 10)) - 1) / 7) + 1;
}

/** Whether a pattern falls on a date (before any closure). */
export function patternFallsOn(pattern: DayPattern, date: string): boolean {
  if (pattern.dates.includes(date)) return true;
  if (pattern.weekday === null || weekdayOf(date) !== pattern.weekday) return false;
  return pattern.weeks.length === 0 || pattern.weeks.includes(weekOfMonth(date));
}

/** 第1・第3火曜 / 毎週火曜 / dates, as a timetable prints a pattern. */
export function describeDayPattern(pattern: DayPattern): Localized {
  const wdJa = ['日', '月', '火', '水', '木', '金', '土'];
  const wdEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const ord = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
  const parts: Localized[] = [];
  if (pattern.weekday !== null) {
    const w = pattern.weekday;
    parts.push(
      pattern.weeks.length === 0
        ? t(`毎週${wdJa[w]}曜`, `Every ${wdEn[w]}`)
        : t(`${pattern.weeks.map((n) => `第${n}`).join('・')}${wdJa[w]}曜`, `${pattern.weeks.map(ord).join(' & ')} ${wdEn[w]}`),
    );
  }
  if (pattern.dates.length) {
    const md = pattern.dates.map((d) => `${Number(d.slice(5, 7))}/${Number(d.slice(8, 10))}`).join(', ');
    parts.push(t(md, md));
  }
  return t(parts.map((p) => p.ja).join('・'), parts.map((p) => p.en).join(', '));
}

/** A span of days, first and last included (学校の長期休業, 年末年始). */
export const DateRangeSchema = z.strictObject({ first: z.string(), last: z.string(), note: z.string().max(200).default('') });
export type DateRange = z.output<typeof DateRangeSchema>;

/** Whether a date lies in any of the spans. */
export function inDateRanges(ranges: readonly Pick<DateRange, 'first' | 'last'>[], date: string): boolean {
  return ranges.some((r) => compareDates(r.first, date) <= 0 && compareDates(date, r.last) <= 0);
}
