import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl, FormsModule, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { deskBranch } from '../desk/desk-bar';
import { ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { formatDay } from '../core/format';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Loadable, LoadState } from '../core/load-state';
import { Session } from '../core/session';
import type { IllPage, IllRequestView } from '@shiori/contracts';
import type { CityRegion } from '@shiori/contracts';
import { BorrowerStep, IllApi, LOSABLE, RegionalWork, statusKey } from './ill-api';

/** What a librarian can do next with a request out, by its status. */
const NEXT: Partial<Record<IllRequestView['status'], { step: BorrowerStep; label: 'forward' | 'cancel' | 'receive' | 'lend' | 'return' | 'renew' | 'sendHome' }[]>> = {
  asked: [{ step: 'forward', label: 'forward' }],
  requested: [{ step: 'cancel', label: 'cancel' }],
  accepted: [{ step: 'cancel', label: 'cancel' }],
  'in-transit': [{ step: 'receive', label: 'receive' }],
  arrived: [{ step: 'lend', label: 'lend' }],
  'on-loan': [
    { step: 'return', label: 'return' },
    { step: 'renew', label: 'renew' },
  ],
  returned: [{ step: 'send-home', label: 'sendHome' }],
};

interface Pick {
  city: string;
  cityName: string;
  recordId: string;
  title: string;
}

/**
 * 相互貸借 依頼（借受）: the borrowing city's requests to other member cities — a request for a
 * patron found with the regional search, a patron's own ask forwarded or declined with a reason,
 * arrival by scan or button, lending, return, send home, or 紛失 (after a confirmation).
 */
@Component({
  selector: 'admin-ill-requests-page',
  imports: [ReactiveFormsModule, FormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, LoadState],
  template: `
    <h1 class="page-title">{{ t('illRequests.title') }}</h1>
    <p class="muted">{{ t('illRequests.intro') }}</p>

    <p class="done" role="status" aria-live="polite">{{ done() }}</p>
    @if (failure(); as f) {
      <p class="error-box" role="alert" data-failure>{{ f }}</p>
    }

    <section class="card-panel no-print" aria-labelledby="ill-scan-heading">
      <h2 id="ill-scan-heading" class="section-title first">{{ t('illRequests.scanButton') }}</h2>
      <div class="actions">
        <mat-form-field appearance="outline" class="grow" subscriptSizing="dynamic">
          <mat-label>{{ t('illRequests.scan') }}</mat-label>
          <input matInput name="arrivalBarcode" [formControl]="scan" autocomplete="off" spellcheck="false" (keydown.enter)="checkin($event)" />
        </mat-form-field>
        <button mat-stroked-button type="button" (click)="checkin()" [disabled]="busy()">{{ t('illRequests.scanButton') }}</button>
      </div>
    </section>

    <section class="card-panel no-print" aria-labelledby="ill-new-heading">
      <h2 id="ill-new-heading" class="section-title first">{{ t('illRequests.new') }}</h2>
      @if (regions.value(); as rs) {
        @if (!rs.length) {
          <p>{{ t('illRequests.noRegion') }}</p>
        } @else {
          <div class="form-grid">
            <mat-form-field appearance="outline">
              <mat-label>{{ t('illRequests.card') }}</mat-label>
              <input matInput name="cardNumber" [formControl]="card" autocomplete="off" spellcheck="false" required />
              @if (card.touched && card.invalid) {
                <mat-error>{{ t('illRequests.cardRequired') }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>{{ t('illRequests.pickup') }}</mat-label>
              <mat-select name="pickupBranch" [value]="pickupBranch()" (valueChange)="pickup.set($event)">
                @for (b of branches(); track b.code) {
                  <mat-option [value]="b.code">{{ b.label }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
          </div>
          <form class="actions" role="search" [attr.aria-label]="t('illRequests.search')" (submit)="search($event)">
            <mat-form-field appearance="outline" class="grow" subscriptSizing="dynamic">
              <mat-label>{{ t('illRequests.search') }}</mat-label>
              <input matInput name="regionalQuery" type="search" [formControl]="query" autocomplete="off" />
            </mat-form-field>
            <button mat-stroked-button type="submit" [disabled]="busy()">{{ t('illRequests.searchButton') }}</button>
          </form>
          @if (works(); as ws) {
            <h3 class="results-heading">{{ t('illRequests.results') }}</h3>
            @if (!ws.length) {
              <p class="muted">{{ t('illRequests.noResults') }}</p>
            }
            <ul class="works">
              @for (w of ws; track w.key) {
                <li>
                  <span class="work-title">{{ w.title }}@if (w.volume) { {{ ' ' + w.volume }} }</span>
                  @if (w.authors.length) {
                    <span class="muted"> — {{ authors(w) }}</span>
                  }
                  <ul class="holdings">
                    @for (h of w.holdings; track h.city) {
                      <li>
                        <span>{{ t('illRequests.holding', { city: h.cityName, copies: h.copies, available: h.available }) }}</span>
                        <button
                          mat-button
                          type="button"
                          [attr.aria-pressed]="picked()?.recordId === h.recordId"
                          (click)="pick({ city: h.city, cityName: h.cityName, recordId: h.recordId, title: w.title })"
                        >
                          {{ t('illRequests.pick', { city: h.cityName }) }}
                        </button>
                      </li>
                    }
                  </ul>
                </li>
              }
            </ul>
          }
          @if (picked(); as p) {
            <p class="picked" data-picked>{{ t('illRequests.picked', { city: p.cityName, title: p.title }) }}</p>
          }
          <mat-form-field appearance="outline" class="note">
            <mat-label>{{ t('illRequests.note') }}</mat-label>
            <input matInput name="note" [formControl]="note" maxlength="500" />
          </mat-form-field>
          <div class="actions">
            <button mat-flat-button type="button" (click)="request()" [disabled]="busy()">{{ t('illRequests.submit') }}</button>
          </div>
        }
      }
      <admin-load-state [loading]="regions.loading()" [error]="regions.error()" (retry)="loadRegions()" />
    </section>

    <admin-load-state [loading]="list.loading()" [error]="list.error()" (retry)="load()" />
    @if (list.value()) {
      @if (rows().length) {
        <div class="table-scroll" role="region" [attr.aria-label]="t('illRequests.caption')" tabindex="0">
          <table class="plain">
            <caption class="visually-hidden">{{ t('illRequests.caption') }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ t('ill.number') }}</th>
                <th scope="col">{{ t('ill.title') }}</th>
                <th scope="col">{{ t('ill.patron') }}</th>
                <th scope="col">{{ t('ill.lender') }}</th>
                <th scope="col">{{ t('common.status') }}</th>
                <th scope="col">{{ t('ill.arrival') }}</th>
                <th scope="col">{{ t('ill.dueDate') }}</th>
                <th scope="col">{{ t('ill.actions') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of rows(); track r.id) {
                <tr [attr.data-request]="r.number">
                  <td class="number">{{ r.number }}</td>
                  <td>
                    {{ r.title }}
                    @if (r.itemBarcode) {
                      <br /><code>{{ r.itemBarcode }}</code>
                    }
                    @if (r.note) {
                      <br /><span class="muted">{{ t('illRequests.askNote', { note: r.note }) }}</span>
                    }
                  </td>
                  <td>{{ r.patronText }}</td>
                  <td>{{ r.lenderCity.name }}</td>
                  <td>
                    <span class="tag" [class.bad]="r.bad" [class.good]="r.good" data-status>{{ r.statusText }}</span>
                    @if (r.declineReason) {
                      <br /><span class="muted">{{ t('ill.declineReason', { reason: r.declineReason }) }}</span>
                    }
                  </td>
                  <td data-arrival>{{ r.arrival }}</td>
                  <td>{{ r.due }}</td>
                  <td class="row-actions">
                    @if (r.status === 'asked') {
                      <form class="inline" (submit)="declineAsk($event, r)">
                        <mat-form-field appearance="outline" subscriptSizing="dynamic">
                          <mat-label>{{ t('illRequests.reason', { number: r.number }) }}</mat-label>
                          <input matInput name="reason" [(ngModel)]="reasons[r.id]" maxlength="500" />
                        </mat-form-field>
                        <button mat-stroked-button type="submit" [attr.aria-label]="t('ill.rowAction', { action: t('illRequests.declineAsk'), number: r.number, title: r.title })" [disabled]="busy()">
                          {{ t('illRequests.declineAsk') }}
                        </button>
                      </form>
                    }
                    @for (a of r.next; track a.step) {
                      <button
                        mat-stroked-button
                        type="button"
                        [attr.aria-label]="t('ill.rowAction', { action: t($any('illRequests.' + a.label)), number: r.number, title: r.title })"
                        [disabled]="busy()"
                        (click)="step(r, a.step)"
                      >
                        {{ t($any('illRequests.' + a.label)) }}
                      </button>
                    }
                    @if (r.losable) {
                      <button mat-stroked-button type="button" class="lost" [attr.aria-label]="t('ill.rowAction', { action: t('ill.lost'), number: r.number, title: r.title })" [disabled]="busy()" (click)="lost(r)">
                        {{ t('ill.lost') }}
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">{{ t('ill.empty') }}</p>
      }
    }
  `,
  styles: `
    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin-bottom: 0.5rem;
    }
    .lost {
      color: var(--mat-sys-error);
    }
    .section-title.first {
      margin-top: 0;
    }
    .works,
    .holdings {
      list-style: none;
      padding: 0;
      margin: 0.25rem 0;
    }
    .works > li {
      padding: 0.5rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .holdings {
      padding-inline-start: 1rem;
    }
    .holdings li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .work-title,
    .picked {
      font-weight: 700;
    }
    .note {
      display: block;
      max-width: 40rem;
      margin-top: 0.5rem;
    }
    .results-heading {
      font: var(--mat-sys-title-medium);
      margin: 0.75rem 0 0;
    }
    .tag,
    td button,
    .number {
      white-space: nowrap;
    }
    .done:empty {
      display: none;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IllRequestsPage {
  private readonly ill = inject(IllApi);
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  protected readonly t = this.i18n.t;
  protected readonly list = new Loadable<IllPage<IllRequestView>>();
  protected readonly regions = new Loadable<CityRegion[]>();
  protected readonly card = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly note = new FormControl('', { nonNullable: true });
  protected readonly scan = new FormControl('', { nonNullable: true });
  protected reasons: Record<string, string> = {};
  private readonly dialog = inject(MatDialog);
  protected readonly works = signal<RegionalWork[] | null>(null);
  protected readonly picked = signal<Pick | null>(null);
  protected readonly busy = signal(false);
  protected readonly done = signal('');
  protected readonly failure = signal('');
  private readonly library = inject(Library);
  private readonly desk = deskBranch();
  protected readonly pickup = signal<string | null>(null);
  protected readonly branches = computed(() => {
    const lang = this.i18n.lang();
    return this.library.activeBranches().map((b) => ({ code: b.code, label: this.library.branchName(b.code, lang) }));
  });
  /** Where the patron collects the copy: as chosen, else this desk's library, else the first. */
  protected readonly pickupBranch = computed(() => {
    const codes = this.branches().map((b) => b.code);
    const wanted = [this.pickup(), this.desk()].find((c) => c && codes.includes(c));
    return wanted ?? codes[0] ?? null;
  });

  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.list.value()?.items ?? []).map((r) => ({
      ...r,
      statusText: this.t(statusKey(r.status)),
      bad: r.status === 'declined' || r.status === 'lost',
      good: r.status === 'arrived',
      patronText: r.patron ? [r.patron.name, r.patron.cardNumber].filter(Boolean).join(' ') : '',
      arrival: r.courier?.arrives ? formatDay(r.courier.arrives, lang) : ['requested', 'accepted', 'in-transit'].includes(r.status) ? this.t('ill.unknownDate') : '',
      due: r.dueDate ? formatDay(r.dueDate, lang) : '',
      next: NEXT[r.status] ?? [],
      losable: LOSABLE.includes(r.status),
    }));
  });

  constructor() {
    this.library.ensure();
    this.load();
    this.loadRegions();
  }

  protected load(): void {
    this.list.load(this.ill.requests());
  }

  protected loadRegions(): void {
    this.regions.load(this.ill.regions());
  }

  protected authors(w: RegionalWork): string {
    return w.authors.map((a) => a.name).join(this.i18n.lang() === 'ja' ? '、' : ', ');
  }

  protected search(event?: Event): void {
    event?.preventDefault();
    const q = this.query.value.trim();
    const region = this.regions.value()?.[0];
    if (!q || !region) return;
    const here = this.session.tenant()?.slug;
    this.busy.set(true);
    this.picked.set(null);
    this.ill.searchRegion(region.code, q).subscribe({
      next: (ws) => {
        this.busy.set(false);
        // other member cities only, and only where they hold a copy
        this.works.set(ws.map((w) => ({ ...w, holdings: w.holdings.filter((h) => h.city !== here && h.copies > 0) })).filter((w) => w.holdings.length));
      },
      error: (e: ApiError) => this.fail(e),
    });
  }

  protected pick(p: Pick): void {
    this.picked.set(p);
  }

  protected request(): void {
    this.card.markAsTouched();
    const p = this.picked();
    if (this.card.invalid) return;
    if (!p) {
      this.failure.set(this.t('illRequests.needPick'));
      return;
    }
    this.busy.set(true);
    const note = this.note.value.trim();
    const pickupBranchCode = this.pickupBranch();
    this.ill.create({ lenderCity: p.city, recordId: p.recordId, cardNumber: this.card.value.trim(), ...(pickupBranchCode ? { pickupBranchCode } : {}), ...(note ? { note } : {}) }).subscribe({
      next: (r) => {
        this.succeed(this.t('illRequests.created', { number: r.number, city: r.lenderCity.name, title: r.title }));
        this.picked.set(null);
        this.works.set(null);
        this.query.setValue('');
        this.note.setValue('');
        this.card.reset('');
      },
      error: (e: ApiError) => this.fail(e),
    });
  }

  protected checkin(event?: Event): void {
    event?.preventDefault();
    const barcode = this.scan.value.trim();
    if (!barcode || this.busy()) return;
    this.busy.set(true);
    this.scan.setValue('');
    this.ill.checkin(barcode).subscribe({
      next: (a) =>
        this.succeed(this.t('illRequests.scanned', { number: 'number' in a.request ? a.request.number : barcode, title: a.request.title, status: this.t(statusKey(a.request.status)) })),
      error: (e: ApiError) => this.fail(e),
    });
  }

  /** A patron's ask declined here: the reason is required (the patron reads it on My page). */
  protected declineAsk(event: Event, r: IllRequestView): void {
    event.preventDefault();
    const reason = (this.reasons[r.id] ?? '').trim();
    if (!reason) return this.failure.set(this.t('illRequests.needReason'));
    this.busy.set(true);
    this.ill.declineAsk(r.id, reason).subscribe({
      next: (u) => this.succeed(this.t('ill.done', { number: u.number, title: u.title, status: this.t(statusKey(u.status)) })),
      error: (e: ApiError) => this.fail(e),
    });
  }

  /** 紛失: hard to undo and told to the lending city, so asked first. */
  protected lost(r: IllRequestView): void {
    confirmAction(this.dialog, {
      title: this.t('ill.lostTitle', { title: r.title }),
      body: this.t('ill.lostBody', { number: r.number }),
      confirm: this.t('ill.lostConfirm'),
      danger: true,
    }).subscribe((ok) => {
      if (ok) this.step(r, 'lost');
    });
  }

  protected step(r: IllRequestView, step: BorrowerStep): void {
    this.busy.set(true);
    this.ill.borrowerStep(r.id, step).subscribe({
      next: (u) => this.succeed(this.t('ill.done', { number: u.number, title: u.title, status: this.t(statusKey(u.status)) })),
      error: (e: ApiError) => this.fail(e),
    });
  }

  private succeed(text: string): void {
    this.busy.set(false);
    this.failure.set('');
    this.done.set(text);
    this.load();
  }

  private fail(e: ApiError): void {
    this.busy.set(false);
    this.done.set('');
    this.failure.set(this.i18n.pick(e.localized));
  }
}
