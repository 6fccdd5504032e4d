import { I18n, MessageKey } from '../core/i18n';
import { weekdayOf, YearMonth } from './opening-days';

/** Texts of the opening calendar from the dictionary (no Intl: 「11月3日（火）」 as libraries write it). */

const monthName = (month: number, i18n: I18n) => i18n.t(`month.${month}` as MessageKey);

/** 2026年11月 / November 2026 */
export function monthLabel(ym: YearMonth, i18n: I18n): string {
  return i18n.t('libraries.month', { year: ym.year, monthName: monthName(ym.month, i18n) });
}

/** 11月3日（火） / Tue 3 November, for a `YYYY-MM-DD` day. */
export function dayLabel(date: string, i18n: I18n): string {
  return i18n.t('libraries.dayLabel', {
    monthName: monthName(Number(date.slice(5, 7)), i18n),
    day: Number(date.slice(8, 10)),
    weekday: i18n.t(`weekday.${weekdayOf(date)}` as MessageKey),
  });
}

/** 月曜日・火曜日 / Monday and Tuesday (weekdays 0 = Sunday … 6, in week order). */
export function weekdaysText(days: readonly number[], i18n: I18n): string {
  const names = [...new Set(days)]
    .filter((d) => d >= 0 && d <= 6)
    .sort((a, b) => a - b)
    .map((d) => i18n.t(`weekdayLong.${d}` as MessageKey));
  if (i18n.lang() === 'ja') return names.join('・');
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

/** 毎週月曜日 / Closed every Monday; '' when the branch has no regular closing day. */
export function weeklyClosedText(days: readonly number[] | null | undefined, i18n: I18n): string {
  const text = weekdaysText(days ?? [], i18n);
  return text ? i18n.t('libraries.everyWeek', { days: text }) : '';
}
