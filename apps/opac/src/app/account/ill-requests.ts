import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Api } from '../core/api';
import { I18n, MessageKey } from '../core/i18n';

/** `GET /me/ill`: where each of the patron's interlibrary loan requests is. */
export interface MyIllRequest {
  id: string;
  number: string;
  title: string;
  status: string;
  lenderCity: { name: string };
  expectedArrival: string | null;
  dueDate: string | null;
  createdAt: string;
}

const OPEN = ['requested', 'accepted', 'in-transit'];

/**
 * 相互貸借 on My page: the patron's requests to other cities with the expected arrival. Shown
 * when the patron has requests, or (with "none yet") when the city belongs to a region.
 */
@Component({
  selector: 'opac-ill-requests',
  template: `
    @if (shown()) {
      <section class="ill" aria-labelledby="ill-heading" data-ill>
        <h3 id="ill-heading" class="heading">{{ t('ill.heading') }}</h3>
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
                  <td [attr.data-label]="t('ill.status')">{{ r.statusText }}</td>
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
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IllRequestsSection implements OnInit {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly requests = signal<MyIllRequest[]>([]);
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
