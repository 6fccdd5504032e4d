import type { Lang } from './i18n';

type WeekdayKey = `weekday.${0 | 1 | 2 | 3 | 4 | 5 | 6}` | `weekdayLong.${0 | 1 | 2 | 3 | 4 | 5 | 6}`;

/**
 * The names of the weekdays (0 = Sunday … 6 = Saturday, as the API numbers them), short (日, Sun)
 * and long (日曜日, Sunday, for screen readers and sentences). Each app spreads them into its
 * dictionaries: `{ ...WEEKDAY_MESSAGES.ja, … }`.
 */
export const WEEKDAY_MESSAGES = {
  ja: {
    'weekday.0': '日',
    'weekday.1': '月',
    'weekday.2': '火',
    'weekday.3': '水',
    'weekday.4': '木',
    'weekday.5': '金',
    'weekday.6': '土',
    'weekdayLong.0': '日曜日',
    'weekdayLong.1': '月曜日',
    'weekdayLong.2': '火曜日',
    'weekdayLong.3': '水曜日',
    'weekdayLong.4': '木曜日',
    'weekdayLong.5': '金曜日',
    'weekdayLong.6': '土曜日',
  },
  en: {
    'weekday.0': 'Sun',
    'weekday.1': 'Mon',
    'weekday.2': 'Tue',
    'weekday.3': 'Wed',
    'weekday.4': 'Thu',
    'weekday.5': 'Fri',
    'weekday.6': 'Sat',
    'weekdayLong.0': 'Sunday',
    'weekdayLong.1': 'Monday',
    'weekdayLong.2': 'Tuesday',
    'weekdayLong.3': 'Wednesday',
    'weekdayLong.4': 'Thursday',
    'weekdayLong.5': 'Friday',
    'weekdayLong.6': 'Saturday',
  },
} as const satisfies Record<Lang, Record<WeekdayKey, string>>;
