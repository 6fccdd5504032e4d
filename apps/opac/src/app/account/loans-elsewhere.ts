import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { Api } from '../core/api';
import { I18n, Localized } from '../core/i18n';

/** `GET /me/loans-elsewhere`: loans at other cities under a 広域利用 agreement. */
interface LoansElsewhere {
  loans: { city: { slug: string; name: string }; title: string; volume: string | null; itemBarcode: string; loanDate: string; dueDate: string; overdue: boolean }[];
  unavailable: { slug: string; name: string }[];
}

// this section's words (kept beside it: one section, no change to the app's dictionary)
const WORDS = {
  heading: { ja: '他市で借りている資料', en: 'Loans at other cities' },
  intro: { ja: '広域利用の協定により、ほかの市の図書館で借りている資料です。返却・延長は借りた市の図書館へ。', en: 'Items borrowed at other cities’ libraries under a regional agreement. Return or renew them with the city that lent them.' },
  city: { ja: '貸出した市', en: 'Lending city' },
  title: { ja: '資料名', en: 'Title' },
  loanDate: { ja: '貸出日', en: 'Borrowed' },
  dueDate: { ja: '返却期限', en: 'Due' },
  overdue: { ja: '延滞', en: 'Overdue' },
  unavailable: { ja: '次の市の貸出状況は、いま確認できません：', en: 'Loans at these cities cannot be checked right now: ' },
} satisfies Record<string, Localized>;

/** 他市で借りている資料: shown on the loans page only when the patron has such loans (or a city could not be read). */
@Component({
  selector: 'opac-loans-elsewhere',
  template: `
    @if (data(); as d) {
      @if (d.loans.length || d.unavailable.length) {
        <section class="elsewhere" aria-labelledby="loans-elsewhere-heading">
          <h3 id="loans-elsewhere-heading" class="heading">{{ w('heading') }}</h3>
          <p>{{ w('intro') }}</p>
          @if (d.loans.length) {
            <table class="responsive">
              <caption class="visually-hidden">{{ w('heading') }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ w('city') }}</th>
                  <th scope="col">{{ w('title') }}</th>
                  <th scope="col">{{ w('loanDate') }}</th>
                  <th scope="col">{{ w('dueDate') }}</th>
                </tr>
              </thead>
              <tbody>
                @for (l of d.loans; track l.city.slug + l.itemBarcode) {
                  <tr [class.overdue]="l.overdue">
                    <td [attr.data-label]="w('city')">{{ l.city.name }}</td>
                    <td [attr.data-label]="w('title')">{{ l.title }}@if (l.volume) {<span> {{ l.volume }}</span>}</td>
                    <td [attr.data-label]="w('loanDate')">{{ date(l.loanDate) }}</td>
                    <td [attr.data-label]="w('dueDate')">
                      <span [class.overdue-text]="l.overdue">{{ date(l.dueDate) }}</span>
                      @if (l.overdue) {<strong class="overdue-text"> {{ w('overdue') }}</strong>}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          }
          @if (d.unavailable.length) {
            <p class="info">{{ w('unavailable') }}{{ cityNames(d.unavailable) }}</p>
          }
        </section>
      }
    }
  `,
  styleUrl: './tables.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoansElsewhereSection implements OnInit {
  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly date = this.i18n.date;
  protected readonly data = signal<LoansElsewhere | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      this.data.set(await firstValueFrom(this.api.get<LoansElsewhere>(this.api.tenantPath('/me/loans-elsewhere'))));
    } catch {
      // the section is an addition to the loans page: when it cannot load, the page stays as it was
      this.data.set(null);
    }
  }

  protected w(key: keyof typeof WORDS): string {
    return this.i18n.pick(WORDS[key]);
  }

  protected cityNames(cities: { name: string }[]): string {
    return cities.map((c) => c.name).join(this.i18n.lang() === 'ja' ? '、' : ', ');
  }
}
