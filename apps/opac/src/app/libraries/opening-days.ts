import { inject, Injectable } from '@angular/core';
import { catchError, map, Observable, of } from 'rxjs';
import { Api } from '../core/api';
import { CLOCK, tokyoToday } from '../core/clock';
import type { OpeningCalendar } from '@shiori/contracts';

/** A calendar month (month 1–12). */
export interface YearMonth {
  year: number;
  month: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a day of a month (no time zones involved). */
export function isoDay(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Days in a month. */
export function daysIn({ year, month }: YearMonth): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The month `by` months after (or before) `ym`. */
export function addMonths(ym: YearMonth, by: number): YearMonth {
  const index = ym.year * 12 + (ym.month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Months from `a` to `b` (negative when `b` is earlier). */
export function monthsBetween(a: YearMonth, b: YearMonth): number {
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** The month of a `YYYY-MM-DD` day. */
export function monthOf(date: string): YearMonth {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** Weekday (0 = Sunday) of a `YYYY-MM-DD` day. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The opening calendar (開館カレンダー) of the page's library. */
@Injectable({ providedIn: 'root' })
export class OpeningDays {
  private readonly api = inject(Api);
  private readonly clock = inject(CLOCK);

  /** Closed days of every active branch for `from`–`to` (at most 92 days), or the API's default range. */
  calendar(range?: { from: string; to: string }): Observable<OpeningCalendar> {
    return this.api.get<OpeningCalendar>(this.api.tenantPath('/calendar'), range ? { from: range.from, to: range.to } : undefined);
  }

  /**
   * Branch code → open today (in Japan), from today's calendar only, the smallest answer that
   * carries `openToday`. Empty when it fails: pages then show no status, never a wrong one.
   */
  openToday(): Observable<ReadonlyMap<string, boolean>> {
    const today = tokyoToday(this.clock());
    return this.calendar({ from: today, to: today }).pipe(
      map((c) => new Map((c.branches ?? []).map((b) => [b.code, b.openToday])) as ReadonlyMap<string, boolean>),
      catchError(() => of(new Map<string, boolean>() as ReadonlyMap<string, boolean>)),
    );
  }

  /** One whole month: from its first to its last day. */
  month(ym: YearMonth): Observable<OpeningCalendar> {
    return this.calendar({ from: isoDay(ym.year, ym.month, 1), to: isoDay(ym.year, ym.month, daysIn(ym)) });
  }
}
