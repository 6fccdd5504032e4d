import { InjectionToken } from '@angular/core';

/** The current time; a token so specs can fix "today" (開館カレンダー, 本日開館). */
export const CLOCK = new InjectionToken<() => Date>('CLOCK', { providedIn: 'root', factory: () => () => new Date() });

/** Today in Japan as YYYY-MM-DD: the library day, whatever the reader's time zone. */
export function tokyoToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
