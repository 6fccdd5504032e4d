import { ChangeDetectionStrategy, Component, computed, DOCUMENT, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { formatDay, tokyoToday } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { BookmobileDay } from '@shiori/contracts';
import { DeskApi } from './desk-api';

/**
 * 本日の巡回: where the bus stops on a day and, per stop, the holds to hand out there and the
 * copies to load before leaving (the pull list per stop). Printable, one section per stop.
 */
@Component({
  selector: 'admin-bookmobile-today-page',
  imports: [MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, LoadState],
  template: `
    <div class="page-heading">
      <h1>{{ t('busToday.title') }}</h1>
      <div class="actions no-print">
        <button mat-stroked-button type="button" (click)="load()"><mat-icon>refresh</mat-icon>{{ t('common.refresh') }}</button>
        <button mat-flat-button type="button" (click)="print()"><mat-icon>print</mat-icon>{{ t('common.print') }}</button>
      </div>
    </div>
    <mat-form-field appearance="outline" class="no-print">
      <mat-label>{{ t('busToday.date') }}</mat-label>
      <input matInput type="date" name="date" [value]="date()" (change)="setDate($any($event.target).value)" />
    </mat-form-field>
    <admin-load-state [loading]="day.loading()" [error]="day.error()" (retry)="load()" />
    @if (view(); as buses) {
      <p class="print-only">{{ dateLabel() }}</p>
      @for (bus of buses; track bus.code) {
        <h2>{{ bus.name }}</h2>
        @for (s of bus.stops; track s.stationCode + s.start) {
          <section class="stop" [attr.data-station]="s.stationCode" [attr.aria-labelledby]="'stop-' + s.stationCode + s.start">
            <h3 [id]="'stop-' + s.stationCode + s.start">{{ s.start }}〜{{ s.end }} {{ s.name }}@if (s.place) {（{{ s.place }}）}</h3>
            <h4>{{ t('busToday.handOut', { count: s.handOut.length }) }}</h4>
            @if (s.handOut.length) {
              <ul class="hand-out">
                @for (h of s.handOut; track h.holdId) {
                  <li><code>{{ h.itemBarcode }}</code> {{ h.title }}@if (h.volume) { {{ ' ' + h.volume }} } — {{ h.patronName }}（{{ h.cardNumber }}）</li>
                }
              </ul>
            }
            <h4>{{ t('busToday.load', { count: s.load.length }) }}</h4>
            @if (s.load.length) {
              <ul class="load">
                @for (h of s.load; track h.holdId) {
                  <li><code>{{ h.itemBarcode }}</code> {{ h.title }} — {{ h.status === 'ready' ? t('busToday.onBus') : t('busToday.inTransit') }}</li>
                }
              </ul>
            }
          </section>
        } @empty {
          <p class="muted">{{ t('busToday.noStops') }}</p>
        }
      } @empty {
        <p class="muted">{{ t('busToday.noBus') }}</p>
      }
    }
  `,
  styles: `
    .stop { border-top: 1px solid var(--mat-sys-outline-variant); padding: 0.5rem 0; }
    h3 { margin: 0.25rem 0; overflow-wrap: anywhere; }
    h4 { margin: 0.5rem 0 0.25rem; font-weight: 600; }
    ul { margin: 0; padding-left: 1.25rem; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BookmobileTodayPage {
  private readonly desk = inject(DeskApi);
  private readonly i18n = inject(I18n);
  private readonly document = inject(DOCUMENT);
  protected readonly t = this.i18n.t;
  protected readonly date = signal(tokyoToday());
  protected readonly day = new Loadable<BookmobileDay>();
  protected readonly dateLabel = computed(() => formatDay(this.date(), this.i18n.lang()));
  protected readonly view = computed(() => {
    const d = this.day.value();
    if (!d) return null;
    const en = this.i18n.lang() === 'en';
    return d.buses.map((b) => ({
      code: b.code,
      name: (en && b.nameEn) || b.name,
      stops: b.stops.map((s) => ({ ...s, name: (en && s.stationNameEn) || s.stationName })),
    }));
  });

  constructor() {
    effect(() => {
      const date = this.date();
      untracked(() => this.load(date));
    });
  }

  protected setDate(value: string): void {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) this.date.set(value);
  }

  protected load(date = this.date()): void {
    this.day.load(this.desk.bookmobileToday(date));
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
