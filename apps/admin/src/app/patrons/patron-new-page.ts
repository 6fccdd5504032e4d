import { ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { normalizeCardNumber } from '@shiori/policy';
import { ApiError } from '../core/api';
import { applyFieldErrors, serverError } from '../core/field-errors';
import { I18n, Localized } from '../core/i18n';
import { Library } from '../core/library';
import { PatronFields } from './patron-fields';
import { cardNumberValidator, patronDetailsGroup, patronDetailsValue } from './patron-form';
import { PatronsApi } from './patrons-api';

/**
 * Registering a patron at the counter. The card number is checked as it is typed by this
 * library's card rules (the same `normalizeCardNumber` the API runs), and the number that
 * will be saved is shown (hyphens, full-width digits and legacy letters removed).
 */
@Component({
  selector: 'admin-patron-new-page',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, PatronFields],
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  template: `
    <h1 class="page-title">{{ t('patronNew.title') }}</h1>
    <form (submit)="$event.preventDefault(); submit()" novalidate class="form-stack">
      <mat-form-field appearance="outline">
        <mat-label>{{ t('patron.cardNumber') }}</mat-label>
        <input matInput [formControl]="card" name="cardNumber" autocomplete="off" inputmode="numeric" spellcheck="false" required />
        <mat-hint>{{ cardHint() }}</mat-hint>
        @if (card.hasError('required')) {
          <mat-error>{{ t('common.required') }}</mat-error>
        } @else if (card.hasError('card')) {
          <mat-error>{{ pick(card.getError('card')) }}</mat-error>
        } @else if (card.hasError('exists')) {
          <mat-error>{{ t('patronNew.cardExists') }}</mat-error>
        } @else if (card.hasError('server')) {
          <mat-error>{{ cardServerError() }}</mat-error>
        }
      </mat-form-field>
      <admin-patron-fields [group]="details" />
      <div aria-live="assertive">
        @if (errorText()) {
          <p class="error-box" role="alert">{{ errorText() }}</p>
        }
      </div>
      <div class="actions end">
        <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? t('common.saving') : t('patronNew.submit') }}</button>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PatronNewPage {
  private readonly patrons = inject(PatronsApi);
  private readonly library = inject(Library);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly t = this.i18n.t;
  protected readonly pick = (l: Localized) => this.i18n.pick(l);

  private readonly rules = computed(() => this.library.policy.value()?.card);
  protected readonly card = new FormControl('', { nonNullable: true, validators: [Validators.required, cardNumberValidator(() => this.rules())] });
  protected readonly details = patronDetailsGroup();
  private readonly typed = toSignal(this.card.valueChanges, { initialValue: '' });
  protected readonly busy = signal(false);
  private readonly error = signal<ApiError | null>(null);
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.pick(e.localized) : '';
  });
  protected readonly cardServerError = () => serverError(this.card, this.pick);

  /** The library's card rule, then (once valid) the number that will be saved. */
  protected readonly cardHint = computed(() => {
    const rules = this.rules();
    if (!rules) return '';
    const typed = this.typed();
    const r = typed.trim() ? normalizeCardNumber(typed, rules) : null;
    if (r?.ok && r.cardNumber !== typed.trim()) return this.t('patronNew.cardNormalized', { card: r.cardNumber });
    const parts = [
      rules.minLength === rules.maxLength
        ? this.t('patronNew.ruleDigits', { length: rules.minLength })
        : this.t('patronNew.ruleDigitsRange', { min: rules.minLength, max: rules.maxLength }),
      ...(rules.fixedPrefix ? [this.t('patronNew.rulePrefix', { prefix: rules.fixedPrefix })] : []),
      ...(rules.checkDigit !== 'none' ? [this.t('patronNew.ruleCheck')] : []),
      ...(rules.example ? [this.t('patronNew.ruleExample', { example: rules.example })] : []),
    ];
    return this.t('patronNew.cardHint', { rule: parts.join(this.i18n.lang() === 'ja' ? '、' : ', ') });
  });

  constructor() {
    this.library.ensure();
    // the rules may arrive after the first keystrokes
    effect(() => {
      if (this.rules()) this.card.updateValueAndValidity();
    });
  }

  protected submit(): void {
    if (this.busy()) return;
    this.error.set(null);
    if (this.card.invalid || this.details.invalid) {
      this.card.markAsDirty();
      for (const c of Object.values(this.details.controls)) c.markAsDirty();
      this.focusFirstInvalid();
      return;
    }
    const rules = this.rules();
    const r = rules ? normalizeCardNumber(this.card.value, rules) : null;
    const cardNumber = r?.ok ? r.cardNumber : this.card.value.trim();
    this.busy.set(true);
    this.patrons.create({ cardNumber, ...(patronDetailsValue(this.details, false) as { name: string; nameKana: string }) }).subscribe({
      next: (p) => {
        this.snackBar.open(this.t('patronNew.created', { name: p.name }), this.t('error.close'), { duration: 5000 });
        void this.router.navigate(['/patrons', p.id]);
      },
      error: (e: ApiError) => {
        this.busy.set(false);
        if (e.code === 'CARD_EXISTS') {
          this.card.setErrors({ exists: true });
          this.focus('cardNumber');
          return;
        }
        const placed = [...applyFieldErrors(this.details, e.errors), ...(e.errors.some((x) => x.path === 'cardNumber') ? ['cardNumber'] : [])];
        const cardError = e.errors.find((x) => x.path === 'cardNumber');
        if (cardError) {
          this.card.setErrors({ server: cardError.message });
          this.card.markAsDirty();
        }
        if (placed.length) this.focus(placed[0]);
        else this.error.set(e);
      },
    });
  }

  private focusFirstInvalid(): void {
    if (this.card.invalid) return this.focus('cardNumber');
    const name = Object.entries(this.details.controls).find(([, c]) => c.invalid)?.[0];
    if (name) this.focus(name);
  }

  private focus(name: string): void {
    this.host.nativeElement.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
  }
}
