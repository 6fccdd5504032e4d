import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { IdentityField, normalizeBirthDate, normalizeCardNumber, normalizeKana, validatePassword } from '@shiori/policy';
import { firstValueFrom } from 'rxjs';
import type { PasswordRegistration, PasswordRegistrationRequest } from '@shiori/contracts';
import { Api, ApiError } from '../../core/api';
import { I18n, MessageKey } from '../../core/i18n';
import { Kiosk } from '../../core/kiosk';
import { Library } from '../../core/library';
import { KanaPad, withMark } from '../../kiosk/kana-pad';
import { OnScreenKeyboard } from '../../kiosk/on-screen-keyboard';
import { NewPasswordFields } from '../password/new-password-fields';

const FIELD_LABELS: Record<IdentityField, MessageKey> = {
  nameKana: 'register.nameKana',
  birthDate: 'register.birthDate',
  phone: 'register.phone',
};

type KeyTarget = 'card' | IdentityField | 'password' | 'confirm';

/**
 * Online password registration (パスワード登録), exactly as the city asks: the card number,
 * the identity fields of `policy.registration.identityFields` (katakana name, birth date —
 * with day 01 where the city keeps year and month only —, phone), the terms where consent is
 * required, then the new password twice. Also the "forgot password = register again" path.
 */
@Component({
  selector: 'opac-register-page',
  imports: [RouterLink, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, NewPasswordFields, OnScreenKeyboard, KanaPad],
  templateUrl: './register-page.html',
  styleUrl: './auth.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterPage {
  private readonly api = inject(Api);
  private readonly library = inject(Library);
  protected readonly kiosk = inject(Kiosk);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly policy = this.library.policy;
  protected readonly registration = computed(() => this.policy()?.registration ?? null);
  protected readonly channel = computed(() => (this.kiosk.active() ? 'kiosk' : 'web'));
  protected readonly offered = computed(() => {
    const r = this.registration();
    return !!r?.online && r.channels.includes(this.channel());
  });
  protected readonly fields = computed(() => this.registration()?.identityFields ?? []);

  protected readonly card = signal('');
  protected readonly identity = signal<Record<IdentityField, string>>({ nameKana: '', birthDate: '', phone: '' });
  protected readonly terms = signal(false);
  protected readonly password = signal('');
  protected readonly confirm = signal('');
  protected readonly submitted = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  /** Registered at once, or waiting for the link mailed to the address on file (with its hours). */
  protected readonly done = signal<{ confirmHours: number | null } | null>(null);

  /**
   * The kiosk's keys (Katori: registration is done on the library terminal, 000 section 3-2):
   * the field they type into — touched last —, and which keys it takes: digits for the card,
   * birth date and phone, the 50音 pad for the katakana name, letters for the password.
   */
  protected readonly keyTarget = signal<KeyTarget>('card');
  protected readonly keyPad = computed<'digits' | 'kana' | 'text'>(() => {
    const f = this.keyTarget();
    if (f === 'nameKana') return 'kana';
    if (f === 'password' || f === 'confirm') {
      const classes = this.policy()?.password.classes ?? [];
      return classes.length === 1 && classes[0] === 'digits' ? 'digits' : 'text';
    }
    return 'digits';
  });
  protected readonly keyTargetLabel = computed(() => {
    const f = this.keyTarget();
    if (f === 'card') return this.t('login.card');
    if (f === 'password') return this.t('password.new');
    if (f === 'confirm') return this.t('password.confirm');
    return this.label(f);
  });

  protected focusField(f: KeyTarget): void {
    this.keyTarget.set(f);
  }

  /** Focus inside the password fields picks new password or confirmation by the input's name. */
  protected focusPassword(event: FocusEvent): void {
    const name = (event.target as HTMLInputElement | null)?.name;
    if (name === 'new-password') this.keyTarget.set('password');
    if (name === 'confirm-password') this.keyTarget.set('confirm');
  }

  private fieldSignalUpdate(fn: (v: string) => string): void {
    const f = this.keyTarget();
    if (f === 'card') this.card.update(fn);
    else if (f === 'password') this.password.update(fn);
    else if (f === 'confirm') this.confirm.update(fn);
    else this.identity.update((i) => ({ ...i, [f]: fn(i[f]) }));
  }

  protected press(key: string): void {
    this.fieldSignalUpdate((v) => v + key);
  }

  protected mark(m: 'dakuten' | 'handakuten'): void {
    this.fieldSignalUpdate((v) => withMark(v, m));
  }

  protected backspace(): void {
    this.fieldSignalUpdate((v) => [...v].slice(0, -1).join(''));
  }

  protected clearField(): void {
    this.fieldSignalUpdate(() => '');
  }

  protected label(f: IdentityField): string {
    return this.t(FIELD_LABELS[f]);
  }

  protected hint(f: IdentityField): string {
    if (f === 'nameKana') return this.t('register.nameKanaHint');
    if (f === 'phone') return this.t('register.phoneHint');
    return this.t(this.registration()?.birthDatePrecision === 'month' ? 'register.birthDateMonthHint' : 'register.birthDateHint');
  }

  protected setIdentity(f: IdentityField, value: string): void {
    this.identity.update((i) => ({ ...i, [f]: value }));
  }

  /** Format problems found before sending (what the API would answer), per field. */
  protected readonly problems = computed(() => {
    const p = this.policy();
    const out: Partial<Record<'card' | IdentityField | 'terms', string>> = {};
    if (!p) return out;
    const card = normalizeCardNumber(this.card(), p.card);
    if (!card.ok) out.card = this.pick(card.message);
    const id = this.identity();
    for (const f of this.fields()) {
      const v = id[f].trim();
      if (!v) {
        out[f] = this.t('register.required', { field: this.label(f) });
        continue;
      }
      if (f === 'nameKana' && !/^[\u30A1-\u30FC]+$/.test(normalizeKana(v))) out[f] = this.t('register.nameKanaFormat');
      if (f === 'birthDate') {
        const d = normalizeBirthDate(v);
        if (!d) out[f] = this.t('register.birthDateFormat');
        else if (p.registration.birthDatePrecision === 'month' && !d.endsWith('-01')) out[f] = this.t('register.birthDateDay01');
      }
      if (f === 'phone' && v.normalize('NFKC').replace(/\D/g, '').length < 6) out[f] = this.t('register.phoneFormat');
    }
    if (p.registration.termsRequired && !this.terms()) out.terms = this.t('register.termsRequired');
    return out;
  });
  protected readonly shownProblem = (key: 'card' | IdentityField | 'terms') => (this.submitted() ? (this.problems()[key] ?? '') : '');

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted.set(true);
    this.error.set('');
    const p = this.policy();
    if (!p) return;
    if (Object.keys(this.problems()).length) return this.error.set(this.t('register.fix'));
    if (!validatePassword(this.password(), p.password, { confirm: this.confirm() }).ok) return this.error.set(this.t('password.fix'));
    const identity: Partial<Record<IdentityField, string>> = {};
    for (const f of this.fields()) identity[f] = this.identity()[f].trim();
    this.busy.set(true);
    try {
      const r = await firstValueFrom(
        this.api.post<PasswordRegistration>(this.api.tenantPath('/auth/register-password'), {
          cardNumber: this.card(),
          password: this.password(),
          passwordConfirm: this.confirm(),
          identity,
          ...(p.registration.termsRequired ? { termsAccepted: this.terms() } : {}),
          channel: this.channel(),
        } satisfies PasswordRegistrationRequest),
      );
      this.done.set({ confirmHours: r?.confirmationRequired ? (r.expiresInHours ?? 24) : null });
      this.password.set('');
      this.confirm.set('');
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.busy.set(false);
    }
  }
}
