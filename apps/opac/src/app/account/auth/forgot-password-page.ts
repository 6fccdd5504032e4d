import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { ForgotPasswordRequest, PasswordResetRequested } from '@shiori/contracts';
import { Api, ApiError } from '../../core/api';
import { I18n } from '../../core/i18n';
import { Kiosk } from '../../core/kiosk';
import { Library } from '../../core/library';

/**
 * Forgotten password, the city's way (policy.passwordReset): a reset link to the registered
 * e-mail (Kushiro), "register again" (Katori, Kitakyushu, Koga), or the counter only
 * (city003). The kiosk offers no reset where the city says so.
 */
@Component({
  selector: 'opac-forgot-password-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <div class="auth">
      <h1>{{ t('forgot.title') }}</h1>
      @switch (method()) {
        @case ('email-link') {
          @if (sent()) {
            <p class="done" role="status">{{ t('forgot.sent') }}</p>
          } @else {
            <p>{{ t('forgot.intro') }}</p>
            <form (submit)="submit($event)" novalidate>
              <mat-form-field appearance="outline" class="field">
                <mat-label>{{ t('login.card') }}</mat-label>
                <input matInput name="card" autocomplete="username" [value]="card()" (input)="card.set($any($event.target).value)" />
              </mat-form-field>
              <mat-form-field appearance="outline" class="field">
                <mat-label>{{ t('settings.email') }}</mat-label>
                <input matInput type="email" name="email" autocomplete="email" [value]="email()" (input)="email.set($any($event.target).value)" />
              </mat-form-field>
              @if (error()) {
                <p class="error" role="alert">{{ error() }}</p>
              }
              <button mat-flat-button type="submit" class="submit" [disabled]="busy()">{{ t('forgot.submit') }}</button>
            </form>
            <p>{{ t('forgot.noEmail') }}</p>
          }
        }
        @case ('register-again') {
          <p>{{ t('login.forgotRegisterAgain') }}</p>
          <p><a mat-flat-button routerLink="/register">{{ t('login.registerAgain') }}</a></p>
        }
        @default {
          <p class="info forgot-counter">{{ t('login.forgotCounter') }}</p>
        }
      }
      <p><a routerLink="/login">{{ t('forgot.back') }}</a></p>
    </div>
  `,
  styleUrl: './auth.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ForgotPasswordPage {
  private readonly api = inject(Api);
  private readonly library = inject(Library);
  private readonly kiosk = inject(Kiosk);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly method = computed(() => {
    const p = this.library.policy();
    if (!p || !this.kiosk.passwordReset()) return 'counter-only';
    return p.passwordReset;
  });
  protected readonly card = signal('');
  protected readonly email = signal('');
  protected readonly busy = signal(false);
  protected readonly sent = signal(false);
  protected readonly error = signal('');

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.error.set('');
    if (!this.card().trim() || !this.email().trim()) return this.error.set(this.t('forgot.required'));
    this.busy.set(true);
    try {
      await firstValueFrom(
        this.api.post<PasswordResetRequested>(this.api.tenantPath('/auth/forgot-password'), { cardNumber: this.card(), email: this.email().trim() } satisfies ForgotPasswordRequest),
      );
      this.sent.set(true); // always the same answer: nothing tells whether the card or address exists
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.busy.set(false);
    }
  }
}
