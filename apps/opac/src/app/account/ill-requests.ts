import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { MyIllRequest } from '@shiori/contracts';
import { firstValueFrom } from 'rxjs';
import { Api, ApiError } from '../core/api';
import { I18n, MessageKey } from '../core/i18n';

const OPEN = ['asked', 'requested', 'accepted', 'in-transit'];

/**
 * 相互貸借 on My page: the patron's requests to other cities with the expected arrival. Shown
 * when the patron has requests, or (with "none yet") when the city belongs to a region.
 */
@Component({
  selector: 'opac-ill-requests',
  imports: [MatButtonModule],
  template: `
    @if (shown()) {
      <section class="ill" aria-labelledby="ill-heading" data-ill>
        <h3 id="ill-heading" class="heading">{{ t('ill.heading') }}</h3>
        <div role="status" aria-live="polite">
          @if (notice()) {
            <p class="done">{{ notice() }}</p>
          }
        </div>
        @if (error()) {
          <p class="error" role="alert">{{ error() }}</p>
        }
        @if (rows().length) {
          <p>{{ t('ill.intro') }}</p>
          <table class="responsive">
            <caption class="visually-hidden">{{ t('ill.heading') }}</caption>
            <thead>
              <tr>
                <th scope="col">{{ t('ill.title') }}</th>
                <th scope="col">{{ t('ill.lender') }}</th>
                <th scope="col">{{ t('ill.status') }}</th>
                <th scope="col">{{ t('ill.arrival') }}</th>
                <th scope="col">{{ t('ill.due') }}</th>
                <th scope="col">{{ t('ill.number') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (r of rows(); track r.id) {
                <tr>
                  <td [attr.data-label]="t('ill.title')">{{ r.title }}</td>
                  <td [attr.data-label]="t('ill.lender')">{{ r.lenderCity.name }}</td>
                  <td [attr.data-label]="t('ill.status')">
                    {{ r.statusText }}
                    @if (r.declineReason) {
                      <span class="reason" data-reason>{{ t('ill.reason', { reason: r.declineReason }) }}</span>
                    }
                    @if (r.cancellable) {
                      <button mat-stroked-button type="button" class="withdraw" [disabled]="busyId() === r.id" (click)="withdraw(r)" [attr.aria-label]="t('ill.cancelTitle', { title: r.title })">
                        {{ t('ill.cancel') }}
                      </button>
                    }
                  </td>
                  <td [attr.data-label]="t('ill.arrival')">{{ r.arrival }}</td>
                  <td [attr.data-label]="t('ill.due')">{{ r.due }}</td>
                  <td [attr.data-label]="t('ill.number')">{{ r.number }}</td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <p>{{ t('ill.none') }}</p>
        }
      </section>
    }
  `,
  styleUrl: './tables.scss',
  styles: `
    .reason {
      display: block;
      font: var(--mat-sys-body-small);
    }
    .withdraw {
      display: block;
      margin-top: 0.25rem;
      min-height: 44px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IllRequestsSection implements OnInit {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly requests = signal<MyIllRequest[]>([]);
  protected readonly busyId = signal<string | null>(null);
  protected readonly notice = signal('');
  protected readonly error = signal('');
  private readonly inRegion = signal(false);
  protected readonly shown = computed(() => this.requests().length > 0 || this.inRegion());
  protected readonly rows = computed(() => {
    this.i18n.lang();
    return this.requests().map((r) => ({
      ...r,
      statusText: this.t(`ill.status.${r.status}` as MessageKey),
      arrival: r.expectedArrival ? this.i18n.date(r.expectedArrival) : OPEN.includes(r.status) ? this.t('ill.unknown') : '',
      due: r.dueDate ? this.i18n.date(r.dueDate) : '',
    }));
  });

  /** Withdraws an ask the library has not forwarded yet. */
  protected async withdraw(r: MyIllRequest): Promise<void> {
    this.busyId.set(r.id);
    this.notice.set('');
    this.error.set('');
    try {
      const done = await firstValueFrom(this.api.post<MyIllRequest>(this.api.tenantPath(`/me/ill/${encodeURIComponent(r.id)}/cancel`)));
      this.requests.update((list) => list.map((x) => (x.id === done.id ? done : x)));
      this.notice.set(this.t('ill.cancelledAsk', { title: r.title }));
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.busyId.set(null);
    }
  }

  async ngOnInit(): Promise<void> {
    // an addition to My page: when either cannot load, the page stays as it was
    try {
      this.requests.set(await firstValueFrom(this.api.get<MyIllRequest[]>(this.api.tenantPath('/me/ill'))));
    } catch {
      this.requests.set([]);
    }
    try {
      this.inRegion.set((await firstValueFrom(this.api.get<unknown[]>(this.api.tenantPath('/regions')))).length > 0);
    } catch {
      this.inRegion.set(false);
    }
  }
}
