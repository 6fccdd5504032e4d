import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { validatePassword } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import type { PasswordReset, PasswordResetRequest } from '@shiori/contracts';
import { Api, ApiError } from '../../core/api';
import { I18n } from '../../core/i18n';
import { Library } from '../../core/library';
import { NewPasswordFields } from '../password/new-password-fields';

/** `reset-password?token=`: the page the reset e-mail links to (Kushiro). */
@Component({
  selector: 'opac-reset-password-page',
  imports: [RouterLink, MatButtonModule, NewPasswordFields],
  template: `
    <div class="auth">
      <h1>{{ t('reset.title') }}</h1>
      @if (done()) {
        <p class="done" role="status">{{ t('reset.done') }}</p>
        <p><a mat-flat-button routerLink="/login">{{ t('login.title') }}</a></p>
      } @else if (!token()) {
        <p class="error" role="alert">{{ t('reset.noToken') }}</p>
      } @else if (library.policy(); as p) {
        <form (submit)="submit($event)" novalidate>
          <opac-new-password-fields [rules]="p.password" [(password)]="password" [(confirm)]="confirm" />
          @if (error()) {
            <p class="error" role="alert">{{ error() }}</p>
          }
          <button mat-flat-button type="submit" class="submit" [disabled]="busy()">{{ t('reset.submit') }}</button>
        </form>
      }
    </div>
  `,
  styleUrl: './auth.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ResetPasswordPage {
  readonly token = input<string | undefined>();
  private readonly api = inject(Api);
  protected readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly password = signal('');
  protected readonly confirm = signal('');
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal('');

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const p = this.library.policy();
    // the form is shown only with a token (the template says 'no token' instead)
    const token = this.token();
    if (!p || !token) return;
    this.error.set('');
    if (!validatePassword(this.password(), p.password, { confirm: this.confirm() }).ok) return this.error.set(this.t('password.fix'));
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.post<PasswordReset>(this.api.tenantPath('/auth/reset-password'), { token, password: this.password() } satisfies PasswordResetRequest));
      this.done.set(true);
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.busy.set(false);
    }
  }
}
