import { Injectable } from '@nestjs/common';
import { tenantManager } from '@shiori/tenancy';
import type { BranchCalendar, OpeningCalendar } from '@shiori/contracts';
import { addDays, addMonths, ClosedDays, closedDaysFromList, combineClosedDays, daysBetween, weekdayOf, weeklyClosedDays } from '@shiori/policy';
import { DomainError } from '../../engine/errors/domain-error';
import { tokyoDate } from '../../engine/time';

/** Longest span of one public calendar request: three months. */
export const CALENDAR_MAX_DAYS = 92;

interface ClosedDayRow {
  branchCode: string | null;
  date: string;
  reason: string | null;
}

interface BranchWeekly {
  code: string;
  weeklyClosed: number[];
}

/**
 * The tenant's calendar: the closed days librarians set (closed_days, for every branch or
 * one) and each branch's regular weekly closing days (branches.weekly_closed, 毎週月曜日…).
 * Circulation reads it as the pure `ClosedDays` function the policy evaluators take; patrons
 * read it as the OPAC's 開館カレンダー (`GET /api/t/{slug}/calendar`).
 */
@Injectable()
export class CalendarService {
  /** Closed days from `from` on (a year ahead covers every due date and shelf expiry). */
  async closedDays(from: string): Promise<ClosedDays> {
    const { days, weekly } = await this.read(from, addDays(from, 399));
    return calendarOf(days, weekly);
  }

  /**
   * The patrons' calendar of the active branches, in display order, from `from` to `to`
   * (default: this month and the next, in Japan), at most CALENDAR_MAX_DAYS days; with each
   * branch's closed days in the range and whether it is open today. `from` and `to` are
   * calendar dates (DateRangeQueryDto checked them).
   */
  async publicCalendar(from?: string, to?: string): Promise<OpeningCalendar> {
    const today = tokyoDate();
    const start = from ?? `${today.slice(0, 8)}01`;
    const end = to ?? addDays(addMonths(`${start.slice(0, 8)}01`, 2), -1);
    checkRange(start, end);
    const branches: { code: string; name: string; nameEn: string | null; weeklyClosed: number[] }[] = await tenantManager().query(
      `SELECT code, name, name_en AS "nameEn", weekly_closed::int[] AS "weeklyClosed" FROM branches WHERE active ORDER BY sort, code`,
    );
    const { days } = await this.read(start < today ? start : today, end > today ? end : today);
    const isClosed = calendarOf(days, branches);
    const reasons = new Map(days.map((d) => [`${d.branchCode ?? ''}\u0000${d.date}`, d]));
    const span = daysBetween(start, end);
    return {
      from: start,
      to: end,
      today,
      branches: branches.map((b) => {
        const closed: BranchCalendar['closed'] = [];
        for (let i = 0; i <= span; i++) {
          const date = addDays(start, i);
          if (!isClosed(date, b.code)) continue;
          // a day the librarians closed says why; else it is a regular closing day
          const set = reasons.get(`${b.code}\u0000${date}`) ?? reasons.get(`\u0000${date}`);
          closed.push(set ? { date, reason: set.reason, weekly: false } : { date, reason: null, weekly: b.weeklyClosed.includes(weekdayOf(date)) });
        }
        return { code: b.code, name: b.name, nameEn: b.nameEn, weeklyClosed: b.weeklyClosed, openToday: !isClosed(today, b.code), closed };
      }),
    };
  }

  /** The closed days between two dates and every branch's weekly closing days, in one statement. */
  private async read(from: string, to: string): Promise<{ days: ClosedDayRow[]; weekly: BranchWeekly[] }> {
    const [row]: { days: ClosedDayRow[]; weekly: BranchWeekly[] }[] = await tenantManager().query(
      `SELECT coalesce((SELECT json_agg(json_build_object('branchCode', branch_code, 'date', to_char(date, 'YYYY-MM-DD'), 'reason', reason))
                          FROM closed_days WHERE date BETWEEN $1::date AND $2::date), '[]'::json) AS days,
              coalesce((SELECT json_agg(json_build_object('code', code, 'weeklyClosed', weekly_closed))
                          FROM branches WHERE cardinality(weekly_closed) > 0), '[]'::json) AS weekly`,
      [from, to],
    );
    return row;
  }
}

function calendarOf(days: ClosedDayRow[], weekly: BranchWeekly[]): ClosedDays {
  return combineClosedDays(
    closedDaysFromList(days.map((d) => ({ date: d.date, branchCode: d.branchCode ?? undefined }))),
    ...weekly.filter((b) => b.weeklyClosed.length).map((b) => weeklyClosedDays(b.weeklyClosed, b.code)),
  );
}

function checkRange(from: string, to: string): void {
  const span = daysBetween(from, to);
  if (span < 0) {
    throw new DomainError('VALIDATION', undefined, [
      { path: 'to', code: 'CALENDAR_RANGE', message: { ja: '終了日は開始日以降の日付にしてください。', en: 'to must not be before from.' } },
    ]);
  }
  if (span >= CALENDAR_MAX_DAYS) {
    throw new DomainError('VALIDATION', undefined, [
      {
        path: 'to',
        code: 'CALENDAR_RANGE',
        message: { ja: `カレンダーは一度に${CALENDAR_MAX_DAYS}日までです。`, en: `A calendar spans at most ${CALENDAR_MAX_DAYS} days.` },
      },
    ]);
  }
}
