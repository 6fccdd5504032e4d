import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { explainTerms } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { formatDay, formatNumber } from '../core/format';
import { I18n } from '../core/i18n';
import { Loadable, LoadState } from '../core/load-state';
import { Agreement, CityAgreementsApi, Visitor, VisitorLoanFigure } from './agreements-api';

/**
 * 広域利用 for a city's librarians: its agreements in words (read only), the registration
 * of a resident of an agreed city at the desk, the visitors registered here, and the loans
 * to them per agreement and month.
 */
@Component({
  selector: 'admin-city-agreements-page',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, LoadState],
  template: `
    <h1>{{ t('cityAgreements.title') }}</h1>
    <p>{{ t('cityAgreements.intro') }}</p>
    <admin-load-state [loading]="agreements.loading()" [error]="agreements.error()" (retry)="load()" />
    @if (agreements.value(); as list) {
      <h2 class="section-title">{{ t('cityAgreements.agreements') }}</h2>
      @for (a of list; track a.id) {
        <section class="agreement" [attr.aria-label]="heading(a)">
          <h3>{{ heading(a) }}</h3>
          <ul>
            @for (r of terms(a); track r) {
              <li>{{ r }}</li>
            }
          </ul>
        </section>
      } @empty {
        <p>{{ t('cityAgreements.none') }}</p>
      }
    }

    @if (incoming().length) {
      <h2 class="section-title" id="visitor-register">{{ t('cityAgreements.register') }}</h2>
      <p>{{ t('cityAgreements.registerIntro') }}</p>
      <form [formGroup]="form" (ngSubmit)="register()" class="editor" aria-labelledby="visitor-register">
        <mat-form-field>
          <mat-label>{{ t('cityAgreements.homeCity') }}</mat-label>
          <mat-select formControlName="homeCity" required>
            @for (a of incoming(); track a.id) {
              @if (chosenFor(a.homeCity.slug) === a) {
                <mat-option [value]="a.homeCity.slug">{{ a.homeCity.name }}</mat-option>
              }
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ t('cityAgreements.homeCard') }}</mat-label>
          <input matInput formControlName="homeCardNumber" required autocomplete="off" />
        </mat-form-field>
        @if (chosen(); as a) {
          @if (a.terms.card === 'host-card') {
            <mat-form-field>
              <mat-label>{{ t('cityAgreements.hostCard') }}</mat-label>
              <input matInput formControlName="cardNumber" required autocomplete="off" />
              <mat-hint>{{ t('cityAgreements.hostCardHint') }}</mat-hint>
            </mat-form-field>
          } @else {
            <p class="info">{{ t('cityAgreements.homeCardHonoured') }}</p>
          }
        }
        <div role="status" aria-live="polite">
          @if (done()) {
            <p class="done">{{ done() }}</p>
          }
        </div>
        @if (errorText()) {
          <p class="error" role="alert">{{ errorText() }}</p>
        }
        <div>
          <button mat-flat-button type="submit" [disabled]="busy() || !canRegister()">{{ t('cityAgreements.registerButton') }}</button>
        </div>
      </form>

      @if (admitted(); as v) {
        <h3 id="visitor-lend">{{ t('cityAgreements.lend', { name: v.name }) }}</h3>
        <form [formGroup]="lendForm" (ngSubmit)="lend()" class="editor" aria-labelledby="visitor-lend">
          <mat-form-field>
            <mat-label>{{ t('cityAgreements.item') }}</mat-label>
            <input matInput formControlName="itemBarcode" required autocomplete="off" spellcheck="false" />
          </mat-form-field>
          <div role="status" aria-live="polite">
            @for (l of lent(); track l.id) {
              <p class="done">{{ t('cityAgreements.lent', { title: l.title, date: day(l.dueDate) }) }}</p>
            }
          </div>
          @if (lendErrorText()) {
            <p class="error" role="alert">{{ lendErrorText() }}</p>
          }
          <div>
            <button mat-flat-button type="submit" [disabled]="busy() || lendForm.invalid">{{ t('cityAgreements.lendButton') }}</button>
          </div>
        </form>
      }
    }

    <h2 class="section-title">{{ t('cityAgreements.visitors') }}</h2>
    @if (visitors.value(); as list) {
      @if (list.length) {
        <table class="data-table visitors">
          <caption class="visually-hidden">{{ t('cityAgreements.visitors') }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ t('cityAgreements.name') }}</th>
              <th scope="col">{{ t('cityAgreements.homeCity') }}</th>
              <th scope="col">{{ t('cityAgreements.card') }}</th>
              <th scope="col">{{ t('cityAgreements.openLoans') }}</th>
              <th scope="col">{{ t('cityAgreements.registeredAt') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (v of list; track v.id) {
              <tr>
                <td>{{ v.name }}</td>
                <td>{{ v.homeCity.name }}</td>
                <td>{{ card(v) }}</td>
                <td>{{ v.openLoans }}</td>
                <td>{{ day(v.createdAt) }}</td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p>{{ t('cityAgreements.noVisitors') }}</p>
      }
    }

    <h2 class="section-title">{{ t('cityAgreements.statistics') }}</h2>
    @if (statistics.value(); as rows) {
      @if (rows.length) {
        <table class="data-table">
          <caption class="visually-hidden">{{ t('cityAgreements.statistics') }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ t('cityAgreements.homeCity') }}</th>
              <th scope="col">{{ t('cityAgreements.month') }}</th>
              <th scope="col">{{ t('cityAgreements.loans') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows; track r.agreementId + r.month) {
              <tr>
                <td>{{ r.homeCity.name }}</td>
                <td>{{ month(r) }}</td>
                <td>{{ number(r.loans) }}</td>
              </tr>
            }
          </tbody>
        </table>
      } @else {
        <p>{{ t('cityAgreements.noStatistics') }}</p>
      }
    }
  `,
  styles: `
    .editor { display: flex; flex-direction: column; gap: 0.5rem; max-width: 32rem; }
    .error { color: #b00020; }
    .done { color: #1b5e20; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CityAgreementsPage implements OnInit {
  private readonly api = inject(CityAgreementsApi);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly agreements = new Loadable<Agreement[]>();
  protected readonly visitors = new Loadable<Visitor[]>();
  protected readonly statistics = new Loadable<VisitorLoanFigure[]>();
  protected readonly busy = signal(false);
  protected readonly done = signal('');
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });

  /** A visitor just admitted by the home card: the desk may lend on that card here. */
  protected readonly admitted = signal<{ name: string; homeCity: string; homeCard: string } | null>(null);
  protected readonly lent = signal<{ id: string; title: string; dueDate: string }[]>([]);
  private readonly lendError = signal<ApiError | null>(null);
  protected readonly lendErrorText = computed(() => {
    const e = this.lendError();
    return e ? this.i18n.pick(e.localized) : '';
  });
  protected readonly lendForm = new FormGroup({
    itemBarcode: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(64)] }),
  });

  protected readonly form = new FormGroup({
    homeCity: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    homeCardNumber: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(40)] }),
    cardNumber: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(40)] }),
  });
  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  /**
   * Agreements under which residents of another city use this library: this city's own, then
   * those of a region it is a member of (the pair's own agreement wins, as the API decides).
   */
  protected readonly incoming = computed(() => {
    const mine = (this.agreements.value() ?? []).filter((a) => this.isHost(a));
    return [...mine.filter((a) => a.hostCity), ...mine.filter((a) => !a.hostCity)];
  });
  protected readonly chosen = computed(() => this.incoming().find((a) => a.homeCity.slug === this.values().homeCity) ?? null);
  protected readonly canRegister = computed(() => {
    const v = this.values();
    const a = this.chosen();
    return !!a && !!v.homeCardNumber?.trim() && (a.terms.card === 'home-card' || !!v.cardNumber?.trim());
  });

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.agreements.load(this.api.agreements());
    this.visitors.load(this.api.visitors());
    this.statistics.load(this.api.statistics());
  }

  /** The agreement residents of a city are registered under here (each home city listed once). */
  protected chosenFor(home: string): Agreement | undefined {
    return this.incoming().find((a) => a.homeCity.slug === home);
  }

  /** This library lends under the agreement: its host, or a member of its region other than the home city. */
  private isHost(a: Agreement): boolean {
    return a.hostCity ? a.hostCity.slug === this.api.slug() : a.homeCity.slug !== this.api.slug();
  }

  protected heading(a: Agreement): string {
    if (this.isHost(a)) return this.t('cityAgreements.asHost', { home: a.homeCity.name });
    const host = a.hostCity?.name ?? this.t('agreements.regionMembers', { name: a.hostRegion?.name ?? '' });
    return this.t('cityAgreements.asHome', { host });
  }

  protected terms(a: Agreement): string[] {
    return explainTerms(a.terms).map((r) => this.i18n.pick(r.why));
  }

  /** A visitor admitted by the home card is known here as `home:card`; staff read the card alone. */
  protected card(v: Visitor): string {
    const prefix = `${v.homeCity.slug}:`;
    return v.cardNumber.startsWith(prefix) ? v.cardNumber.slice(prefix.length) : v.cardNumber;
  }

  protected day(iso: string): string {
    return formatDay(iso, this.i18n.lang());
  }

  protected number(n: number): string {
    return formatNumber(n, this.i18n.lang());
  }

  protected month(r: VisitorLoanFigure): string {
    return this.i18n.lang() === 'ja' ? `${r.month.slice(0, 4)}年${Number(r.month.slice(5, 7))}月` : r.month;
  }

  protected async lend(): Promise<void> {
    const v = this.admitted();
    if (!v) return;
    this.busy.set(true);
    this.lendError.set(null);
    try {
      const loan = await firstValueFrom(this.api.lendOnHomeCard(v.homeCity, v.homeCard, this.lendForm.getRawValue().itemBarcode.trim()));
      this.lent.update((list) => [...list, loan]);
      this.lendForm.reset();
      this.visitors.load(this.api.visitors());
      this.statistics.load(this.api.statistics());
    } catch (e) {
      this.lendError.set(e instanceof ApiError ? e : null);
    } finally {
      this.busy.set(false);
    }
  }

  protected async register(): Promise<void> {
    const a = this.chosen();
    if (!a) return;
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.done.set('');
    this.admitted.set(null);
    try {
      const visitor = await firstValueFrom(
        this.api.register({ homeCity: v.homeCity, homeCardNumber: v.homeCardNumber.trim(), ...(a.terms.card === 'host-card' ? { cardNumber: v.cardNumber.trim() } : {}) }),
      );
      this.done.set(visitor.refreshed ? this.t('cityAgreements.refreshed', { name: visitor.name }) : this.t('cityAgreements.registered', { name: visitor.name, card: this.card(visitor) }));
      this.lent.set([]);
      this.lendError.set(null);
      this.admitted.set(a.terms.card === 'home-card' ? { name: visitor.name, homeCity: v.homeCity, homeCard: v.homeCardNumber.trim() } : null);
      this.form.reset({ homeCity: v.homeCity, homeCardNumber: '', cardNumber: '' });
      this.visitors.load(this.api.visitors());
    } catch (e) {
      this.error.set(e instanceof ApiError ? e : null);
    } finally {
      this.busy.set(false);
    }
  }
}
