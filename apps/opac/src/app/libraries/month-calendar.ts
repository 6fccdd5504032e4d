import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18n, MessageKey } from '../core/i18n';
import { dayLabel, monthLabel, weeklyClosedText } from './day-texts';
import type { CalendarClosedDay } from '@shiori/contracts';
import { daysIn, isoDay, weekdayOf, YearMonth } from './opening-days';

interface DayCell {
  date: string;
  day: number;
  weekday: number;
  closed: CalendarClosedDay | null;
  today: boolean;
  /** What a screen reader reads for the cell: 「11月3日（火） 休館日 文化の日」 */
  label: string;
}

/**
 * One month of a branch's opening calendar (開館カレンダー) as a table: closed days carry the
 * visible mark 「休」 and a full spoken label, today is `aria-current="date"`; below, the
 * month's closed days with their reasons, the regular closing day summarised (毎週月曜日).
 */
@Component({
  selector: 'opac-month-calendar',
  template: `
    <div class="table-wrap">
      <table class="month-grid">
        <caption>{{ caption() }}</caption>
        <thead>
          <tr>
            @for (d of weekdays; track d) {
              <th scope="col" [class.sun]="d === 0" [class.sat]="d === 6">
                <span aria-hidden="true">{{ t(weekdayKey(d)) }}</span>
                <span class="visually-hidden">{{ t(weekdayLongKey(d)) }}</span>
              </th>
            }
          </tr>
        </thead>
        <tbody>
          @for (week of weeks(); track $index) {
            <tr>
              @for (c of week; track $index) {
                @if (c) {
                  <td
                    [class.closed]="!!c.closed"
                    [class.today]="c.today"
                    [class.sun]="c.weekday === 0"
                    [class.sat]="c.weekday === 6"
                    [attr.aria-current]="c.today ? 'date' : null"
                    [attr.data-date]="c.date"
                  >
                    <span class="num" aria-hidden="true">{{ c.day }}</span>
                    @if (c.closed) {
                      <span class="mark" aria-hidden="true">{{ t('libraries.closedMark') }}</span>
                    }
                    @if (c.today) {
                      <span class="today-mark" aria-hidden="true">{{ t('libraries.today') }}</span>
                    }
                    <span class="visually-hidden">{{ c.label }}</span>
                  </td>
                } @else {
                  <td class="blank"></td>
                }
              }
            </tr>
          }
        </tbody>
      </table>
    </div>

    <ul class="legend" [attr.aria-label]="t('libraries.legend')">
      <li><span class="swatch closed" aria-hidden="true">{{ t('libraries.closedMark') }}</span>{{ t('libraries.legendClosed') }}</li>
      <li><span class="swatch today" aria-hidden="true"></span>{{ t('libraries.legendToday') }}</li>
    </ul>

    <h3 id="closed-days-heading">{{ t('libraries.closedList', { month: title() }) }}</h3>
    @if (weekly()) {
      <p class="closed-weekly">{{ weekly() }}</p>
    }
    @if (others().length) {
      <ul class="closed-days" aria-labelledby="closed-days-heading">
        @for (c of others(); track c.date) {
          <li>
            <time [attr.datetime]="c.date">{{ c.day }}</time>
            @if (c.reason) {
              <span [attr.lang]="en() ? 'ja' : null">{{ c.reason }}</span>
            } @else {
              <span>{{ t('libraries.legendClosed') }}</span>
            }
          </li>
        }
      </ul>
    } @else if (!weekly()) {
      <p>{{ t('libraries.noClosed') }}</p>
    }
  `,
  styles: `
    .table-wrap {
      overflow-x: auto;
    }
    .month-grid {
      width: 100%;
      max-width: 48rem;
      border-collapse: collapse;
      table-layout: fixed;
    }
    caption {
      text-align: start;
      font: var(--mat-sys-title-medium);
      font-weight: 700;
      padding-bottom: 0.5rem;
    }
    th {
      padding: 0.25rem 0;
      font: var(--mat-sys-title-small);
    }
    td {
      height: 3.5rem;
      padding: 0.25rem;
      vertical-align: top;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface);
    }
    td.blank {
      background: var(--mat-sys-surface-container-low);
    }
    .num,
    .mark,
    .today-mark {
      display: block;
    }
    .num {
      font-weight: 700;
    }
    .mark,
    .today-mark,
    .swatch {
      font-size: 0.8125rem;
      line-height: 1.3;
      font-weight: 700;
    }
    .sun {
      color: #b3261e;
    }
    .sat {
      color: #1a55a8;
    }
    td.closed,
    .swatch.closed {
      background: #ffdad6;
      color: #410002;
    }
    td.today,
    .swatch.today {
      outline: 3px solid var(--mat-sys-primary);
      outline-offset: -3px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1.5rem;
      list-style: none;
      margin: 0.75rem 0 0;
      padding: 0;
      li {
        display: flex;
        align-items: center;
        gap: 0.5rem;
      }
    }
    .swatch {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 1.75rem;
      height: 1.75rem;
      padding: 0 0.25rem;
      box-sizing: border-box;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    h3 {
      font: var(--mat-sys-title-medium);
      font-weight: 700;
      margin: 1.5rem 0 0.5rem;
    }
    .closed-weekly {
      margin: 0 0 0.5rem;
    }
    .closed-days {
      list-style: none;
      margin: 0;
      padding: 0;
      max-width: 40rem;
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 1rem;
        padding: 0.375rem 0;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
      }
      time {
        min-width: 8rem;
        font-weight: 700;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MonthCalendar {
  readonly month = input.required<YearMonth>();
  /** the branch's name in the reader's language */
  readonly branchName = input.required<string>();
  /** the branch's closed days; days outside the month are ignored */
  readonly closed = input.required<readonly CalendarClosedDay[]>();
  /** YYYY-MM-DD in Japan, as the API counts it */
  readonly today = input.required<string>();

  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly en = computed(() => this.i18n.lang() === 'en');
  protected readonly weekdays = [0, 1, 2, 3, 4, 5, 6];

  protected readonly title = computed(() => monthLabel(this.month(), this.i18n));
  protected readonly caption = computed(() => this.t('libraries.caption', { month: this.title(), branch: this.branchName() }));

  private readonly inMonth = computed(() => {
    const { year, month } = this.month();
    const prefix = isoDay(year, month, 1).slice(0, 8);
    return this.closed().filter((c) => c.date.startsWith(prefix));
  });

  protected readonly weeks = computed<(DayCell | null)[][]>(() => {
    const ym = this.month();
    const today = this.today();
    const closed = new Map(this.inMonth().map((c) => [c.date, c]));
    const first = weekdayOf(isoDay(ym.year, ym.month, 1));
    const cells: (DayCell | null)[] = Array.from({ length: first }, () => null);
    for (let d = 1; d <= daysIn(ym); d++) {
      const date = isoDay(ym.year, ym.month, d);
      const c = closed.get(date) ?? null;
      const day = dayLabel(date, this.i18n);
      const label = !c
        ? day
        : c.reason
          ? this.t('libraries.closedLabelReason', { date: day, reason: c.reason })
          : this.t('libraries.closedLabel', { date: day });
      cells.push({ date, day: d, weekday: (first + d - 1) % 7, closed: c, today: date === today, label });
    }
    while (cells.length % 7) cells.push(null);
    const weeks: (DayCell | null)[][] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    return weeks;
  });

  /** The regular closing days of this month, summarised: 毎週月曜日. */
  protected readonly weekly = computed(() =>
    weeklyClosedText(
      this.inMonth()
        .filter((c) => c.weekly)
        .map((c) => weekdayOf(c.date)),
      this.i18n,
    ),
  );
  /** Every other closed day, listed: 11月3日（火） 文化の日. */
  protected readonly others = computed(() =>
    this.inMonth()
      .filter((c) => !c.weekly)
      .map((c) => ({ date: c.date, day: dayLabel(c.date, this.i18n), reason: c.reason })),
  );

  protected weekdayKey(d: number): MessageKey {
    return `weekday.${d}` as MessageKey;
  }
  protected weekdayLongKey(d: number): MessageKey {
    return `weekdayLong.${d}` as MessageKey;
  }
}
