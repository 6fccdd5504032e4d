import { ChangeDetectionStrategy, Component, computed, effect, inject, Injectable, input, untracked } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { map, Observable } from 'rxjs';
import { Api } from '../core/api';
import { I18n } from '../core/i18n';
import type { PublicBookmobile, PublicBus } from '@shiori/contracts';
import { Loadable, LoadState } from '../core/load-state';
import { isoDay, YearMonth } from './opening-days';

@Injectable({ providedIn: 'root' })
export class BookmobileApi {
  private readonly api = inject(Api);

  /** The buses with their timetables and the visits of the month starting at `from`. */
  month(from: string): Observable<PublicBus[]> {
    return this.api.get<PublicBookmobile>(this.api.tenantPath('/bookmobile'), { from }).pipe(map((r) => r.buses));
  }
}

/**
 * 館の案内's bookmobile section: for each bus, the timetable (station, days, time, where it
 * parks) and the month's stops day by day, as a list that reads on a phone.
 */
@Component({
  selector: 'opac-bookmobile-timetable',
  imports: [MatIconModule, LoadState],
  template: `
    <opac-load-state [loading]="buses.loading()" [error]="buses.error()" failedKey="libraries.calendarFailed" (retry)="load()" />
    @for (bus of view(); track bus.code) {
      <section class="bus" [attr.aria-labelledby]="'bus-' + bus.code">
        <h2 [id]="'bus-' + bus.code"><mat-icon aria-hidden="true">directions_bus</mat-icon>{{ bus.name }}{{ t('bus.timetable') }}</h2>
        <ul class="stations">
          @for (s of bus.stations; track s.code) {
            <li class="station" [attr.data-station]="s.code">
              <h3 class="station-name">{{ s.name }}</h3>
              @for (stop of s.stops; track $index) {
                <p class="stop">
                  <span class="pattern">{{ stop.pattern }}</span> {{ stop.start }}〜{{ stop.end }}
                  @if (stop.place) {<span class="place">（{{ stop.place }}）</span>}
                  @if (stop.school) {<span class="school">{{ t('bus.school') }}</span>}
                </p>
              } @empty {
                <p class="stop">{{ t('cart.stationNone') }}</p>
              }
              @if (s.next) {
                <p class="next">{{ t('cart.stationNext') }}：{{ s.next }}</p>
              }
            </li>
          }
        </ul>
        <h3 class="month-heading">{{ t('bus.month', { month: monthLabel() }) }}</h3>
        @if (bus.days.length) {
          <ol class="days">
            @for (d of bus.days; track d.date) {
              <li class="day" [attr.data-date]="d.date">
                <span class="date">{{ d.label }}</span>
                <ul class="day-stops">
                  @for (v of d.visits; track v.stationCode + v.start) {
                    <li>{{ v.start }}〜{{ v.end }} {{ v.station }}</li>
                  }
                </ul>
              </li>
            }
          </ol>
        } @else {
          <p>{{ t('bus.noStops') }}</p>
        }
      </section>
    }
  `,
  styles: `
    .bus h2 { display: flex; align-items: center; gap: 0.5rem; }
    .stations { list-style: none; padding: 0; margin: 0 0 1rem; display: grid; gap: 0.5rem; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
    .station { border: 1px solid var(--mat-sys-outline-variant); border-radius: 0.5rem; padding: 0.5rem 0.75rem; }
    .station-name { font: var(--mat-sys-title-small); font-weight: 700; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
    .stop, .next { margin: 0.125rem 0; overflow-wrap: anywhere; }
    .pattern { font-weight: 700; }
    .school { margin-left: 0.5rem; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .next { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .days { list-style: none; padding: 0; margin: 0; }
    .day { display: flex; gap: 0.75rem; padding: 0.375rem 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .date { flex: 0 0 7.5rem; font-weight: 700; }
    .day-stops { list-style: none; padding: 0; margin: 0; min-width: 0; overflow-wrap: anywhere; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookmobileTimetable {
  /** The month shown (the page's calendar month). */
  readonly month = input.required<YearMonth>();
  readonly today = input.required<string>();

  private readonly i18n = inject(I18n);
  private readonly api = inject(BookmobileApi);
  protected readonly t = this.i18n.t;
  protected readonly buses = new Loadable<PublicBus[]>();
  protected readonly monthLabel = computed(() => (this.i18n.lang() === 'ja' ? `${this.month().year}年${this.month().month}月` : `${this.month().year}-${String(this.month().month).padStart(2, '0')}`));

  protected readonly view = computed(() => {
    const en = this.i18n.lang() === 'en';
    const today = this.today();
    return (this.buses.value() ?? []).map((bus) => {
      const names = new Map(bus.stations.map((s) => [s.code, (en && s.nameEn) || s.name]));
      const days = new Map<string, { station: string; start: string; end: string; stationCode: string }[]>();
      for (const v of bus.visits) {
        if (v.date < today) continue;
        days.set(v.date, [...(days.get(v.date) ?? []), { station: names.get(v.stationCode) ?? v.stationCode, start: v.start, end: v.end, stationCode: v.stationCode }]);
      }
      return {
        code: bus.code,
        name: (en && bus.nameEn) || bus.name,
        stations: bus.stations.map((s) => ({
          code: s.code,
          name: (en && s.nameEn) || s.name,
          stops: s.stops.map((x) => ({ ...x, pattern: en ? x.pattern.en : x.pattern.ja })),
          next: s.nextVisits[0] ? `${this.i18n.date(s.nextVisits[0].date, { weekday: true })} ${s.nextVisits[0].start}〜${s.nextVisits[0].end}` : '',
        })),
        days: [...days.entries()].map(([date, visits]) => ({ date, label: this.i18n.date(date, { weekday: true }), visits })),
      };
    });
  });

  constructor() {
    effect(() => {
      const m = this.month();
      untracked(() => this.load(m));
    });
  }

  protected load(m = this.month()): void {
    this.buses.load(this.api.month(isoDay(m.year, m.month, 1)));
  }
}
