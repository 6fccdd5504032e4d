import { ChangeDetectionStrategy, Component, computed, DOCUMENT, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { forkJoin, map } from 'rxjs';
import { ApiError } from '../core/api';
import { formatDay, tokyoToday } from '../core/format';
import { I18n, MessageKey } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { Session } from '../core/session';
import type { IllCity, IllPage, IllRequestView, IllTransitView, IncomingIllRequestView } from '@shiori/contracts';
import { IllApi } from './ill-api';

/** One copy that goes on the van. */
export interface SendItem {
  key: string;
  /** the courier day it leaves on; null: the next run (not handed over yet, date unknown) */
  day: string | null;
  to: IllCity;
  kind: 'lend' | 'home' | 'transit';
  number: string | null;
  title: string;
  itemBarcode: string | null;
  transitId?: string;
}

const NEXT = 'next';

/** What goes on the courier, from the three lists of this city (requests out, requests in, copies of other cities returned here). */
export function sendItems(out: IllRequestView[], incoming: IncomingIllRequestView[], transits: IllTransitView[], today: string): SendItem[] {
  const items: SendItem[] = [];
  for (const r of incoming) {
    if (r.status === 'accepted') items.push({ key: r.id, day: r.nextCourier?.departs ?? null, to: r.borrowerCity, kind: 'lend', number: r.number, title: r.title, itemBarcode: r.itemBarcode });
    if (r.status === 'in-transit') items.push({ key: r.id, day: r.courier?.departs ?? null, to: r.borrowerCity, kind: 'lend', number: r.number, title: r.title, itemBarcode: r.itemBarcode });
  }
  for (const r of out) {
    if (r.status === 'returned') items.push({ key: r.id, day: null, to: r.lenderCity, kind: 'home', number: r.number, title: r.title, itemBarcode: r.itemBarcode });
    if (r.status === 'in-transit-home') items.push({ key: r.id, day: r.courier?.departs ?? null, to: r.lenderCity, kind: 'home', number: r.number, title: r.title, itemBarcode: r.itemBarcode });
  }
  for (const r of transits) {
    if (r.status === 'in-transit-home' || r.status === 'returned')
      items.push({ key: r.id, day: r.courier?.departs ?? null, to: r.ownerCity, kind: 'transit', number: null, title: r.title, itemBarcode: r.itemBarcode, transitId: r.id });
  }
  // a van that has left is no longer this list's business
  return items.filter((i) => i.day === null || i.day >= today);
}

/**
 * 送付リスト: what goes on the courier van (連絡車) on a courier day, grouped by destination
 * city, printable (each city on its own sheet, without the console's chrome).
 */
@Component({
  selector: 'admin-ill-send-list-page',
  imports: [MatButtonModule, MatIconModule, MatFormFieldModule, MatSelectModule, LoadState],
  template: `
    <div class="page-heading">
      <h1>{{ t('illSend.title') }}</h1>
      <div class="actions no-print">
        <button mat-stroked-button type="button" (click)="load()"><mat-icon>refresh</mat-icon>{{ t('common.refresh') }}</button>
        <button mat-flat-button type="button" (click)="print()" [disabled]="!groups().length"><mat-icon>print</mat-icon>{{ t('common.print') }}</button>
      </div>
    </div>
    <p class="muted no-print">{{ t('illSend.intro') }}</p>
    @if (failure(); as f) {
      <p class="error-box" role="alert">{{ f }}</p>
    }
    <admin-load-state [loading]="data.loading()" [error]="data.error()" (retry)="load()" />
    @if (data.value()) {
      @if (days().length) {
        <mat-form-field appearance="outline" class="no-print day">
          <mat-label>{{ t('illSend.day') }}</mat-label>
          <mat-select [value]="day()" (valueChange)="chosen.set($event)" name="courierDay">
            @for (d of days(); track d.value) {
              <mat-option [value]="d.value">{{ d.label }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <p class="print-only day-heading">{{ t('illSend.day') }}：{{ dayLabel() }}</p>
        @for (g of groups(); track g.to.slug) {
          <section class="send-group" [attr.aria-labelledby]="'to-' + g.to.slug" [attr.data-destination]="g.to.name">
            <h2 class="section-title" [id]="'to-' + g.to.slug">{{ t('illSend.to', { city: g.to.name }) }} <span class="count">{{ t('illSend.count', { count: g.items.length }) }}</span></h2>
            <table class="plain">
              <caption class="visually-hidden">{{ t('illSend.caption', { city: g.to.name }) }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ t('common.itemBarcode') }}</th>
                  <th scope="col">{{ t('ill.title') }}</th>
                  <th scope="col">{{ t('ill.number') }}</th>
                  <th scope="col">{{ t('illSend.kind') }}</th>
                  <th scope="col" class="no-print">{{ t('ill.actions') }}</th>
                </tr>
              </thead>
              <tbody>
                @for (i of g.items; track i.key) {
                  <tr>
                    <td><code>{{ i.itemBarcode }}</code></td>
                    <td>{{ i.title }}</td>
                    <td>{{ i.number }}</td>
                    <td>{{ t(kindKey(i.kind)) }}</td>
                    <td class="no-print">
                      @if (i.transitId) {
                        <button mat-stroked-button type="button" [attr.aria-label]="t('illSend.handedLabel', { title: i.title })" (click)="handed(i.transitId)">
                          {{ t('illSend.handed') }}
                        </button>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
            <p class="print-only small">{{ t('illSend.printed', { date: today(), city: here() }) }}</p>
          </section>
        }
      } @else {
        <p class="muted">{{ t('illSend.empty') }}</p>
      }
    }
  `,
  styles: `
    .day {
      min-width: 16rem;
    }
    .count {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .day-heading {
      font-size: 1.25rem;
      font-weight: 700;
    }
    .small {
      font-size: 0.8rem;
    }
    @media print {
      .send-group {
        break-inside: avoid;
      }
      .send-group + .send-group {
        break-before: page;
      }
      .section-title {
        font-size: 1.5rem;
        color: #000;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IllSendListPage {
  private readonly ill = inject(IllApi);
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  private readonly document = inject(DOCUMENT);
  protected readonly t = this.i18n.t;
  protected readonly data = new Loadable<SendItem[]>();
  protected readonly chosen = signal<string | null>(null);
  protected readonly failure = signal('');
  protected readonly today = computed(() => formatDay(tokyoToday(), this.i18n.lang()));
  protected readonly here = computed(() => this.session.tenant()?.name ?? '');

  protected readonly days = computed(() => {
    const lang = this.i18n.lang();
    const values = [...new Set((this.data.value() ?? []).map((i) => i.day ?? NEXT))].sort((a, b) => (a === NEXT ? 1 : b === NEXT ? -1 : a.localeCompare(b)));
    return values.map((value) => ({ value, label: value === NEXT ? this.t('illSend.nextRun') : formatDay(value, lang) }));
  });
  /** The chosen courier day, else the first one. */
  protected readonly day = computed(() => {
    const c = this.chosen();
    const ds = this.days();
    return ds.some((d) => d.value === c) ? (c as string) : (ds[0]?.value ?? NEXT);
  });
  protected readonly dayLabel = computed(() => this.days().find((d) => d.value === this.day())?.label ?? '');
  protected readonly groups = computed(() => {
    const day = this.day();
    const byCity = new Map<string, { to: IllCity; items: SendItem[] }>();
    for (const i of this.data.value() ?? []) {
      if ((i.day ?? NEXT) !== day) continue;
      const g = byCity.get(i.to.slug) ?? { to: i.to, items: [] };
      g.items.push(i);
      byCity.set(i.to.slug, g);
    }
    return [...byCity.values()].sort((a, b) => a.to.name.localeCompare(b.to.name, 'ja'));
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    const items = (p: IllPage<unknown>) => p.items;
    this.data.load(
      forkJoin([this.ill.requests(), this.ill.incoming(), this.ill.transits()]).pipe(
        map(([o, i, tr]) => sendItems(items(o) as IllRequestView[], items(i) as IncomingIllRequestView[], items(tr) as IllTransitView[], tokyoToday())),
      ),
    );
  }

  protected kindKey(kind: SendItem['kind']): MessageKey {
    return `illSend.kind.${kind}` as MessageKey;
  }

  protected handed(id: string): void {
    this.ill.transitDone(id).subscribe({
      next: () => {
        this.failure.set('');
        this.load();
      },
      error: (e: ApiError) => this.failure.set(this.i18n.pick(e.localized)),
    });
  }

  protected print(): void {
    this.document.defaultView?.print();
  }
}
