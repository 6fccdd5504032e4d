import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { checkEmailAddress } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import { Library } from '../core/library';
import { Session } from '../core/session';
import { AccountApi } from './account-api';
import { PasswordChangeForm } from './password/password-change-form';

/**
 * Settings (利用者情報): password change with live rules, e-mail set / change / delete with the
 * warnings for addresses Japanese carriers refuse ("..", ".@"), the confirmation mail where
 * the city confirms addresses, and the due-date reminder opt-in.
 */
@Component({
  selector: 'opac-settings-page',
  imports: [MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, MatSlideToggleModule, PasswordChangeForm],
  templateUrl: './settings-page.html',
  styleUrl: './tables.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPage {
  private readonly account = inject(AccountApi);
  protected readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly me = this.session.me;
  protected readonly emailRules = computed(() => this.library.policy()?.email ?? null);
  protected readonly email = signal('');
  /** Koga's first choice: the new address becomes the contact (the change itself); the second adds holds already placed. */
  protected readonly useForFuture = signal(true);
  protected readonly applyToHolds = signal(true);
  protected readonly emailCheck = computed(() => (this.email().trim() ? checkEmailAddress(this.email()) : null));
  protected readonly emailWarnings = computed(() => {
    const c = this.emailCheck();
    if (!c) return [];
    const warn = this.emailRules()?.warnUndeliverable ?? true;
    return c.warnings.filter((w) => warn || w.code === 'EMAIL_FORMAT').map((w) => this.pick(w.message));
  });
  protected readonly emailBusy = signal(false);
  protected readonly emailNotice = signal('');
  protected readonly emailError = signal('');
  protected readonly confirmDelete = signal(false);

  /** Reminder opt-in: where the city leaves it to the patron (or does not say). */
  protected readonly offerReminder = computed(() => {
    const mode = this.library.policy()?.notices?.dueReminder;
    return mode === undefined || mode === 'opt-in';
  });
  protected readonly reminderNotice = signal('');

  protected async saveEmail(event: Event): Promise<void> {
    event.preventDefault();
    this.emailError.set('');
    this.emailNotice.set('');
    const c = this.emailCheck();
    if (!c || !c.ok) return this.emailError.set(this.t('settings.emailInvalid'));
    const ask = this.emailRules()?.askApplyToExistingHolds;
    if (ask && this.me()?.email && !this.useForFuture()) return this.emailError.set(this.t('settings.useForFutureRequired'));
    this.emailBusy.set(true);
    try {
      const r = await firstValueFrom(this.account.setEmail(this.email().trim(), ask ? this.applyToHolds() : undefined));
      this.emailNotice.set(r.confirmationRequired ? this.t('settings.emailPending', { email: r.pendingEmail ?? this.email() }) : this.t('settings.emailSaved'));
      this.email.set('');
      await this.session.refresh();
    } catch (e) {
      this.emailError.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.emailBusy.set(false);
    }
  }

  protected async deleteEmail(): Promise<void> {
    this.emailBusy.set(true);
    this.emailError.set('');
    try {
      await firstValueFrom(this.account.deleteEmail());
      this.confirmDelete.set(false);
      this.emailNotice.set(this.t('settings.emailDeleted'));
      await this.session.refresh();
    } catch (e) {
      this.emailError.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.emailBusy.set(false);
    }
  }

  protected async setReminder(on: boolean): Promise<void> {
    this.reminderNotice.set('');
    try {
      await firstValueFrom(this.account.settings({ remindersOptIn: on }));
      await this.session.refresh();
      this.reminderNotice.set(this.t(on ? 'settings.reminderOn' : 'settings.reminderOff'));
    } catch (e) {
      this.reminderNotice.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    }
  }
}
