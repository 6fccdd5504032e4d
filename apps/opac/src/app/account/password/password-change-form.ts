import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { PasswordRules, validatePassword } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import type { PasswordChanged, PasswordChangeRequest } from '@shiori/contracts';
import { Api, ApiError } from '../../core/api';
import { I18n } from '../../core/i18n';
import { NewPasswordFields } from './new-password-fields';

/** Password change (現在のパスワード, 新しいパスワード, 再入力), for settings and the forced change. */
@Component({
  selector: 'opac-password-change-form',
  imports: [MatButtonModule, MatFormFieldModule, MatInputModule, NewPasswordFields],
  template: `
    <form (submit)="submit($event)" novalidate>
      <mat-form-field appearance="outline" class="field">
        <mat-label>{{ t(temporary() ? 'password.temporary' : 'password.current') }}</mat-label>
        <input
          matInput
          type="password"
          name="current-password"
          autocomplete="current-password"
          [value]="current()"
          (input)="current.set($any($event.target).value)"
        />
      </mat-form-field>
      <opac-new-password-fields [rules]="rules()" [(password)]="password" [(confirm)]="confirm" />
      @if (error()) {
        <p class="error" role="alert">{{ error() }}</p>
      }
      @if (done()) {
        <p class="done" role="status">{{ t('password.changed') }}</p>
      }
      <button mat-flat-button type="submit" class="submit" [disabled]="busy()">{{ t('password.change') }}</button>
    </form>
  `,
  styles: `
    .field {
      width: 100%;
      max-width: 28rem;
      display: block;
    }
    .error {
      padding: 0.75rem 1rem;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .done {
      padding: 0.75rem 1rem;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font-weight: 700;
    }
    .submit {
      min-height: 48px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordChangeForm {
  readonly rules = input.required<PasswordRules & { hint?: { ja: string; en: string }[] }>();
  /** The current password is a temporary one from the counter. */
  readonly temporary = input(false);
  readonly changed = output<void>();

  private readonly api = inject(Api);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly current = signal('');
  protected readonly password = signal('');
  protected readonly confirm = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly done = signal(false);

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.error.set('');
    this.done.set(false);
    if (!this.current()) return this.error.set(this.t('password.currentRequired'));
    if (!validatePassword(this.password(), this.rules(), { confirm: this.confirm() }).ok) return this.error.set(this.t('password.fix'));
    this.busy.set(true);
    try {
      await firstValueFrom(
        this.api.put<PasswordChanged>(this.api.tenantPath('/me/password'), { currentPassword: this.current(), newPassword: this.password() } satisfies PasswordChangeRequest),
      );
      this.current.set('');
      this.password.set('');
      this.confirm.set('');
      this.done.set(true);
      this.changed.emit();
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        const f = e.errors[0];
        this.error.set(typeof f.message === 'string' ? e.message : this.i18n.pick(f.message));
      } else {
        this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
      }
    } finally {
      this.busy.set(false);
    }
  }
}
