import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { ApiError } from '../core/api';
import { ErrorNotifier } from '../core/errors';
import { formatDay, tokyoToday } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import type { Branch, ClosedDay } from '@shiori/contracts';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { PlacesApi } from './places-api';

interface DayCell {
  date: string;
  day: number;
  weekday: number;
  today: boolean;
  /** Closed for every branch. */
  all: ClosedDay | null;
  /** Closed for some branches only. */
  branches: ClosedDay[];
  /** The entry the current scope would toggle. */
  mine: ClosedDay | null;
  /**
   * Names of the branches in scope closed every week on this weekday (定休日). They come from
   * the branch settings, so choosing the day does not change them.
   */
  weekly: string[];
  /** What the cell shows for them: 「定休」 for one branch, 「定休：佐原中央図書館」 for all. */
  weeklyText: string;
  label: string;
  reason: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/**
 * The closed-day calendar (休館日) as a month grid: a day is closed for all branches or for
 * some; choosing a day closes or reopens it for the selected scope; one button adds every
 * Japanese national holiday of the year (holidays from the API, which knows them).
 */
@Component({
  selector: 'admin-calendar-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, MatSelectModule, LoadState],
  templateUrl: './calendar-page.html',
  styleUrl: './calendar-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarPage {
  private readonly places = inject(PlacesApi);
  protected readonly library = inject(Library);
  private readonly snackBar = inject(MatSnackBar);
  private readonly notifier = inject(ErrorNotifier);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  private readonly today = tokyoToday();
  protected readonly year = signal(Number(this.today.slice(0, 4)));
  protected readonly month = signal(Number(this.today.slice(5, 7)));
  /** null = all branches */
  protected readonly scope = signal<string | null>(null);
  protected readonly reason = new FormControl('', { nonNullable: true });
  protected readonly days = new Loadable<ClosedDay[]>();
  protected readonly busy = signal(false);
  protected readonly weekdays = [0, 1, 2, 3, 4, 5, 6];

  /**
   * The branches whose weekly closing days the grid shows: the chosen one (even if out of
   * use, as the librarian asked for it), or every branch in use.
   */
  private readonly weeklyScope = computed<Branch[]>(() => {
    const scope = this.scope();
    return scope ? this.library.branches().filter((b) => b.code === scope) : this.library.activeBranches();
  });
  /** The chosen branch's weekly closing days in words, above the grid; null for all branches. */
  protected readonly scopeWeekly = computed(() => {
    const scope = this.scope();
    if (!scope) return null;
    const lang = this.i18n.lang();
    const branch = this.library.branchName(scope, lang);
    const days = [...new Set(this.weeklyScope()[0]?.weeklyClosed ?? [])].sort((a, b) => a - b);
    if (!days.length) return this.t('calendar.scopeWeeklyNone', { branch });
    return this.t('calendar.scopeWeekly', { branch, days: days.map((d) => this.t(`weekdayLong.${d}` as MessageKey)).join(this.t('branches.weekdaySeparator')) });
  });

  protected readonly title = computed(() => this.t('calendar.month', { year: this.year(), month: this.month() }));
  protected readonly weeks = computed<(DayCell | null)[][]>(() => {
    const y = this.year();
    const m = this.month();
    const scope = this.scope();
    const lang = this.i18n.lang();
    const closed = this.days.value() ?? [];
    const weeklyScope = this.weeklyScope();
    const nameSeparator = this.t('calendar.nameSeparator');
    const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
    const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const cells: (DayCell | null)[] = Array.from({ length: first }, () => null);
    for (let d = 1; d <= count; d++) {
      const date = iso(y, m, d);
      const entries = closed.filter((c) => c.date === date);
      const all = entries.find((c) => c.branchCode === null) ?? null;
      const branches = entries.filter((c) => c.branchCode !== null);
      const mine = entries.find((c) => c.branchCode === scope) ?? null;
      const weekday = (first + d - 1) % 7;
      const weekly = weeklyScope.filter((b) => b.weeklyClosed?.includes(weekday)).map((b) => this.library.branchName(b.code, lang));
      const weeklyText = !weekly.length ? '' : scope ? this.t('calendar.weekly') : this.t('calendar.weeklySome', { branches: weekly.join(nameSeparator) });
      const states = [
        all ? this.t('calendar.closedAll') : branches.length ? this.t('calendar.closed') : '',
        weekly.length ? (scope ? this.t('calendar.weeklyDay') : weeklyText) : '',
      ].filter(Boolean);
      const state = states.length ? states.join(this.t('calendar.stateSeparator')) : this.t('calendar.open');
      cells.push({
        date,
        day: d,
        weekday,
        today: date === this.today,
        all,
        branches,
        mine,
        weekly,
        weeklyText,
        label: this.t('calendar.dayLabel', { date: formatDay(date, lang), state }),
        reason: all?.reason ?? branches[0]?.reason ?? '',
      });
    }
    while (cells.length % 7) cells.push(null);
    const weeks: (DayCell | null)[][] = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    return weeks;
  });
  protected readonly list = computed(() => {
    const lang = this.i18n.lang();
    return (this.days.value() ?? []).map((c) => ({
      ...c,
      day: formatDay(c.date, lang),
      scopeText: c.branchCode ? this.library.branchName(c.branchCode, lang) : this.t('calendar.allBranches'),
    }));
  });

  constructor() {
    this.library.ensure();
    effect(() => {
      const y = this.year();
      const m = this.month();
      untracked(() => this.load(y, m));
    });
  }

  protected load(y = this.year(), m = this.month()): void {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    this.days.load(this.places.closedDays(iso(y, m, 1), iso(y, m, last)));
  }

  protected shift(by: -1 | 1): void {
    let m = this.month() + by;
    let y = this.year();
    if (m < 1) {
      m = 12;
      y--;
    } else if (m > 12) {
      m = 1;
      y++;
    }
    this.year.set(y);
    this.month.set(m);
  }

  protected weekdayName(d: number): string {
    return this.t(`weekday.${d}` as MessageKey);
  }

  protected branchNames(c: DayCell): string {
    return c.branches.map((b) => this.library.branchName(b.branchCode, this.i18n.lang())).join(this.t('calendar.nameSeparator'));
  }

  protected toggle(c: DayCell): void {
    if (this.busy()) return;
    this.busy.set(true);
    const lang = this.i18n.lang();
    if (c.mine) {
      this.places.removeClosedDay(c.mine.id).subscribe({
        next: () => this.done(this.t('calendar.removed', { date: formatDay(c.date, lang) })),
        error: (e: ApiError) => this.fail(e),
      });
      return;
    }
    const scope = this.scope();
    const reason = this.reason.value.trim();
    this.places.addClosedDay({ date: c.date, ...(scope ? { branchCode: scope } : {}), ...(reason ? { reason } : {}) }).subscribe({
      next: () => this.done(this.t('calendar.added', { date: formatDay(c.date, lang) })),
      error: (e: ApiError) => this.fail(e),
    });
  }

  protected remove(c: ClosedDay): void {
    this.busy.set(true);
    this.places.removeClosedDay(c.id).subscribe({
      next: () => this.done(this.t('calendar.removed', { date: formatDay(c.date, this.i18n.lang()) })),
      error: (e: ApiError) => this.fail(e),
    });
  }

  protected addHolidays(): void {
    this.busy.set(true);
    const year = this.year();
    this.places.addHolidays(year, this.scope() ?? undefined).subscribe({
      next: (r) => this.done(this.t('calendar.holidaysAdded', { year, holidays: r.holidays, added: r.added })),
      error: (e: ApiError) => this.fail(e),
    });
  }

  private done(message: string): void {
    this.busy.set(false);
    this.snackBar.open(message, this.t('error.close'), { duration: 5000 });
    this.load();
  }

  private fail(e: ApiError): void {
    this.busy.set(false);
    if (!e.notified) this.notifier.show(e);
  }
}
