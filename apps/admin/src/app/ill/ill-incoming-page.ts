import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable } from 'rxjs';
import { ApiError } from '../core/api';
import { confirmAction } from '../core/confirm-dialog';
import { formatDay } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import type { IllPage, IncomingIllRequestView } from '@shiori/contracts';
import { IllApi, LOSABLE, statusKey } from './ill-api';

/**
 * 相互貸借 依頼（貸出）: the lending city's pull list of requests from other member cities — the
 * requesting city and its request number (the patron's name only where the agreement sends it),
 * accept by scanning the copy, decline with a reason, send on the courier, receive back.
 */
@Component({
  selector: 'admin-ill-incoming-page',
  imports: [FormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, LoadState],
  template: `
    <h1 class="page-title">{{ t('illIncoming.title') }}</h1>
    <p class="muted">{{ t('illIncoming.intro') }}</p>
    <p class="done" role="status" aria-live="polite">{{ done() }}</p>
    @if (failure(); as f) {
      <p class="error-box" role="alert" data-failure>{{ f }}</p>
    }
    <admin-load-state [loading]="list.loading()" [error]="list.error()" (retry)="load()" />
    @if (list.value()) {
      @if (rows().length) {
        <div class="table-scroll" role="region" [attr.aria-label]="t('illIncoming.caption')" tabindex="0">
          <table class="plain">
            <caption class="visually-hidden">{{ t('illIncoming.caption') }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ t('ill.borrower') }}</th>
                <th scope="col">{{ t('ill.number') }}</th>
                <th scope="col">{{ t('ill.title') }}</th>
                <th scope="col">{{ t('common.status') }}</th>
                <th scope="col">{{ t('ill.nextCourier') }}</th>
                <th scope="col">{{ t('ill.actions') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of rows(); track r.id) {
                <tr [attr.data-request]="r.number">
                  <td>{{ r.borrowerCity.name }}</td>
                  <td class="number">{{ r.number }}</td>
                  <td>
                    {{ r.title }}
                    @if (r.itemBarcode) {
                      <br /><code>{{ r.itemBarcode }}</code>
                    }
                    @if (r.patronName) {
                      <br /><span class="muted">{{ t('ill.patron') }}：{{ r.patronName }}</span>
                    }
                    @if (r.note) {
                      <br /><span class="muted">{{ r.note }}</span>
                    }
                  </td>
                  <td>
                    <span class="tag" [class.bad]="r.bad" data-status>{{ r.statusText }}</span>
                    @if (r.declineReason) {
                      <br /><span class="muted">{{ t('ill.declineReason', { reason: r.declineReason }) }}</span>
                    }
                  </td>
                  <td>{{ r.courierText }}</td>
                  <td class="row-actions">
                    @switch (r.status) {
                      @case ('requested') {
                        <form class="inline" (submit)="accept($event, r)">
                          <mat-form-field appearance="outline" subscriptSizing="dynamic">
                            <mat-label>{{ t('illIncoming.barcode', { number: r.number }) }}</mat-label>
                            <input matInput name="itemBarcode" [(ngModel)]="barcodes[r.id]" autocomplete="off" spellcheck="false" />
                          </mat-form-field>
                          <button mat-flat-button type="submit" [attr.aria-label]="t('ill.rowAction', { action: t('illIncoming.accept'), number: r.number, title: r.title })" [disabled]="busy()">
                            {{ t('illIncoming.accept') }}
                          </button>
                        </form>
                        <form class="inline" (submit)="decline($event, r)">
                          <mat-form-field appearance="outline" subscriptSizing="dynamic">
                            <mat-label>{{ t('illIncoming.reason', { number: r.number }) }}</mat-label>
                            <input matInput name="reason" [(ngModel)]="reasons[r.id]" maxlength="500" />
                          </mat-form-field>
                          <button mat-stroked-button type="submit" [attr.aria-label]="t('ill.rowAction', { action: t('illIncoming.decline'), number: r.number, title: r.title })" [disabled]="busy()">
                            {{ t('illIncoming.decline') }}
                          </button>
                        </form>
                      }
                      @case ('accepted') {
                        <button mat-flat-button type="button" [attr.aria-label]="t('ill.rowAction', { action: t('illIncoming.send'), number: r.number, title: r.title })" [disabled]="busy()" (click)="send(r)">
                          {{ t('illIncoming.send') }}
                        </button>
                      }
                      @case ('in-transit-home') {
                        <button mat-stroked-button type="button" [attr.aria-label]="t('ill.rowAction', { action: t('illIncoming.checkIn'), number: r.number, title: r.title })" [disabled]="busy()" (click)="checkIn(r)">
                          {{ t('illIncoming.checkIn') }}
                        </button>
                      }
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
export class IllIncomingPage {
  private readonly ill = inject(IllApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly list = new Loadable<IllPage<IncomingIllRequestView>>();
  protected readonly busy = signal(false);
  protected readonly done = signal('');
  protected readonly failure = signal('');
  protected barcodes: Record<string, string> = {};
  protected reasons: Record<string, string> = {};
  private readonly dialog = inject(MatDialog);

  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    return (this.list.value()?.items ?? []).map((r) => {
      const c = r.status === 'requested' || r.status === 'accepted' ? r.nextCourier : r.courier;
      const day = (d: string | null | undefined) => (d ? formatDay(d, lang) : this.t('ill.unknownDate'));
      const open = ['requested', 'accepted', 'in-transit', 'in-transit-home'].includes(r.status);
      return {
        ...r,
        statusText: this.t(statusKey(r.status)),
        bad: r.status === 'declined' || r.status === 'lost',
        losable: LOSABLE.includes(r.status),
        courierText: open ? `${this.t('ill.departs')} ${day(c?.departs)} → ${this.t('ill.arrival')} ${day(c?.arrives)}` : '',
      };
    });
  });

  constructor() {
    this.load();
  }

  protected load(): void {
    this.list.load(this.ill.incoming());
  }

  protected accept(event: Event, r: IncomingIllRequestView): void {
    event.preventDefault();
    const barcode = (this.barcodes[r.id] ?? '').trim();
    if (!barcode) return this.failure.set(this.t('illIncoming.needBarcode'));
    this.run(this.ill.accept(r.id, barcode));
  }

  protected decline(event: Event, r: IncomingIllRequestView): void {
    event.preventDefault();
    const reason = (this.reasons[r.id] ?? '').trim();
    if (!reason) return this.failure.set(this.t('illIncoming.needReason'));
    this.run(this.ill.decline(r.id, reason));
  }

  protected send(r: IncomingIllRequestView): void {
    this.run(this.ill.lenderStep(r.id, 'send'));
  }

  protected checkIn(r: IncomingIllRequestView): void {
    this.run(this.ill.lenderStep(r.id, 'check-in'));
  }

  /** 紛失: the copy is recorded missing here and the borrowing city is told, so asked first. */
  protected lost(r: IncomingIllRequestView): void {
    confirmAction(this.dialog, {
      title: this.t('ill.lostTitle', { title: r.title }),
      body: this.t('ill.lostBody', { number: r.number }),
      confirm: this.t('ill.lostConfirm'),
      danger: true,
    }).subscribe((ok) => {
      if (ok) this.run(this.ill.lenderStep(r.id, 'lost'));
    });
  }

  private run(call: Observable<IncomingIllRequestView>): void {
    this.busy.set(true);
    call.subscribe({
      next: (u) => {
        this.busy.set(false);
        this.failure.set('');
        this.done.set(this.t('ill.done', { number: u.number, title: u.title, status: this.t(statusKey(u.status)) }));
        this.load();
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        this.done.set('');
        this.failure.set(this.i18n.pick(e.localized));
      },
    });
  }
}
