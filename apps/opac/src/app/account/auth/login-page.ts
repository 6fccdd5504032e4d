import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { normalizeCardNumber } from '@shiori/policy';
import { ApiError } from '../../core/api';
import { I18n } from '../../core/i18n';
import { Kiosk } from '../../core/kiosk';
import { Library } from '../../core/library';
import { Session } from '../../core/session';
import { Cart } from '../../holds/cart';
import { OnScreenKeyboard } from '../../kiosk/on-screen-keyboard';

type Field = 'card' | 'password';

/**
 * Sign-in with the card number and password as the city's rules want them: the rules as
 * hints (with the city's example), the card checked as typed (full-width digits, hyphens
 * and legacy prefixes are folded by the same function the API uses), the way to a new
 * password the city offers, and in kiosk mode an on-screen keyboard.
 */
@Component({
  selector: 'opac-login-page',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatIconModule, OnScreenKeyboard],
  templateUrl: './login-page.html',
  styleUrl: './auth.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  /** Where to go after signing in (`?next=`), e.g. the page that asked for it. */
  readonly next = input<string | undefined>();
  /** Why sign-in was asked (`?reason=cart`). */
  readonly reason = input<string | undefined>();

  private readonly session = inject(Session);
  private readonly cart = inject(Cart);
  private readonly router = inject(Router);
  private readonly library = inject(Library);
  protected readonly kiosk = inject(Kiosk);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly pick = this.i18n.pick;

  protected readonly policy = this.library.policy;
  protected readonly card = signal('');
  protected readonly password = signal('');
  protected readonly target = signal<Field>('card');
  protected readonly cardTouched = signal(false);
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  protected readonly cardCheck = computed(() => {
    const p = this.policy();
    return p ? normalizeCardNumber(this.card(), p.card) : null;
  });
  protected readonly cardError = computed(() => {
    const c = this.cardCheck();
    return this.cardTouched() && this.card() && c && !c.ok ? this.pick(c.message) : '';
  });
  /** Letters may be typed in the card field only where a legacy letter prefix exists (Kushiro's "A"). */
  protected readonly cardInputMode = computed(() => (this.policy()?.card.strippedPrefixes.length ? 'text' : 'numeric'));
  protected readonly passwordDigitsOnly = computed(() => {
    const c = this.policy()?.password.classes ?? [];
    return c.length === 1 && c[0] === 'digits';
  });

  /** Online registration offered here (web, or the kiosk where the city allows it). */
  protected readonly canRegister = computed(() => {
    const r = this.policy()?.registration;
    return !!r?.online && r.channels.includes(this.kiosk.active() ? 'kiosk' : 'web');
  });
  /** How a forgotten password is dealt with, per city and, on the kiosk, per kiosk rule. */
  protected readonly reset = computed<'email-link' | 'register-again' | 'counter-only' | 'none'>(() => {
    const p = this.policy();
    if (!p) return 'none';
    if (!this.kiosk.passwordReset()) return 'counter-only';
    if (p.passwordReset === 'register-again' && !this.canRegister()) return 'counter-only';
    return p.passwordReset;
  });

  protected focus(field: Field): void {
    this.target.set(field);
  }

  protected press(key: string): void {
    const s = this.target() === 'card' ? this.card : this.password;
    s.update((v) => v + key);
  }

  protected backspace(): void {
    const s = this.target() === 'card' ? this.card : this.password;
    s.update((v) => [...v].slice(0, -1).join(''));
  }

  protected clearField(): void {
    (this.target() === 'card' ? this.card : this.password).set('');
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.cardTouched.set(true);
    this.error.set('');
    const c = this.cardCheck();
    if (!this.card().trim()) return this.error.set(this.t('login.cardRequired'));
    if (c && !c.ok) return this.error.set(this.pick(c.message));
    if (!this.password()) return this.error.set(this.t('login.passwordRequired'));
    this.busy.set(true);
    try {
      const me = await this.session.login(this.card(), this.password());
      this.password.set('');
      if (me?.mustChangePassword) {
        await this.router.navigate(['/change-password']);
        return;
      }
      await this.cart.handOver();
      await this.router.navigateByUrl(this.safeNext());
    } catch (e) {
      this.error.set(e instanceof ApiError ? this.i18n.pick(e.localized) : this.t('error.unexpected'));
    } finally {
      this.busy.set(false);
    }
  }

  /** Only a path inside the app (never another site). */
  private safeNext(): string {
    const n = this.next();
    return n && n.startsWith('/') && !n.startsWith('//') ? n : '/my';
  }
}
