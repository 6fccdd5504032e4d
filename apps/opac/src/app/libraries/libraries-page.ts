import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, input, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { map } from 'rxjs';
import { CLOCK, tokyoToday } from '../core/clock';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { monthLabel, weeklyClosedText } from './day-texts';
import { BookmobileTimetable } from './bookmobile-timetable';
import { MonthCalendar } from './month-calendar';
import type { OpeningCalendar } from '@shiori/contracts';
import { addMonths, monthOf, monthsBetween, OpeningDays, YearMonth } from './opening-days';

/** How far ahead a patron may page the calendar: this month and the next two. */
const MONTHS_AHEAD = 2;

/**
 * 館の案内: every branch with its address, phone, opening hours, regular closing day and
 * whether it is open today, then the opening calendar (開館カレンダー) of one branch, a month
 * at a time from this month to two months ahead. `?branch=code` preselects the calendar's branch.
 */
@Component({
  selector: 'opac-libraries-page',
  imports: [MatButtonModule, MatIconModule, MatFormFieldModule, MatSelectModule, MatProgressBarModule, LoadState, MonthCalendar, BookmobileTimetable],
  templateUrl: './libraries-page.html',
  styleUrl: './libraries-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LibrariesPage {
  /** `?branch=` (from the home page's branch list) */
  readonly branch = input<string | undefined>();

  private readonly i18n = inject(I18n);
  private readonly library = inject(Library);
  private readonly openingDays = inject(OpeningDays);
  private readonly calendarHeading = viewChild<ElementRef<HTMLElement>>('calendarHeading');
  protected readonly t = this.i18n.t;
  protected readonly en = computed(() => this.i18n.lang() === 'en');

  protected readonly loading = this.library.loading;
  protected readonly errorText = computed(() => {
    const e = this.library.error();
    return e ? this.i18n.pick(e.localized) : '';
  });

  /** The month the calendar starts at: this month in Japan. */
  protected readonly today = tokyoToday(inject(CLOCK)());
  private readonly firstMonth = monthOf(this.today);
  /** The city runs a bookmobile: 館の案内 shows its timetable. */
  protected readonly hasBus = computed(() => (this.library.info()?.branches ?? []).some((b) => b.isBookmobile));
  protected readonly shown = signal<YearMonth>(this.firstMonth);
  protected readonly canPrev = computed(() => monthsBetween(this.firstMonth, this.shown()) > 0);
  protected readonly canNext = computed(() => monthsBetween(this.firstMonth, this.shown()) < MONTHS_AHEAD);
  protected readonly shownLabel = computed(() => monthLabel(this.shown(), this.i18n));

  /** The calendar with the month it was asked for: while the next month loads, the grid waits for it. */
  protected readonly calendar = new Loadable<{ month: YearMonth; data: OpeningCalendar }>();
  protected readonly shownCalendar = computed(() => {
    const c = this.calendar.value();
    return c && monthsBetween(c.month, this.shown()) === 0 ? c.data : null;
  });

  protected readonly cards = computed(() => {
    const info = this.library.info();
    if (!info) return null;
    const en = this.en();
    const today = new Map((this.calendar.value()?.data.branches ?? []).map((b) => [b.code, b.openToday]));
    return info.branches.map((b) => {
      const hoursEn = en && b.hours?.en ? b.hours.en : null;
      return {
        code: b.code,
        name: (en && b.nameEn) || b.name,
        nameLang: en && !b.nameEn ? 'ja' : null,
        isBookmobile: b.isBookmobile,
        address: b.address || null,
        phone: b.phone || null,
        tel: b.phone ? 'tel:' + b.phone.replace(/[^0-9+]/g, '') : null,
        hours: hoursEn ?? (b.hours?.ja || null),
        hoursLang: en && !hoursEn ? 'ja' : null,
        weeklyClosed: weeklyClosedText(b.weeklyClosed, this.i18n),
        /** null while the calendar is unknown: then no status is shown */
        openToday: today.get(b.code) ?? null,
      };
    });
  });

  /** The branch the patron chose, else `?branch=`, else the first. */
  private readonly chosen = signal<string | null>(null);
  /** The calendar's branches (active ones, in display order) for the branch select. */
  protected readonly calendarBranches = computed(() => {
    const en = this.en();
    return (this.calendar.value()?.data.branches ?? []).map((b) => ({ code: b.code, label: (en && b.nameEn) || b.name }));
  });
  protected readonly selectedCode = computed(() => {
    const branches = this.calendarBranches();
    const want = this.chosen() ?? this.branch();
    return (branches.find((b) => b.code === want) ?? branches[0])?.code ?? null;
  });
  /** The selected branch in the shown month: null while that month is loading. */
  protected readonly selected = computed(() => {
    const b = this.shownCalendar()?.branches.find((x) => x.code === this.selectedCode());
    return b ? { ...b, label: (this.en() && b.nameEn) || b.name } : null;
  });

  constructor() {
    this.library.load();
    effect(() => {
      const month = this.shown();
      untracked(() => this.load(month));
    });
  }

  protected load(month = this.shown()): void {
    this.calendar.load(this.openingDays.month(month).pipe(map((data) => ({ month, data }))));
  }

  protected retryInfo(): void {
    this.library.load(true);
  }

  protected shift(by: -1 | 1): void {
    const next = addMonths(this.shown(), by);
    const ahead = monthsBetween(this.firstMonth, next);
    if (ahead < 0 || ahead > MONTHS_AHEAD) return;
    this.shown.set(next);
  }

  protected choose(code: string): void {
    this.chosen.set(code);
  }

  /** From a branch's card: show its calendar and take the reader there. */
  protected showCalendar(code: string): void {
    this.chosen.set(code);
    this.calendarHeading()?.nativeElement.focus();
  }
}
