import { computed, DestroyRef, DOCUMENT, effect, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Library } from './library';
import { Session } from './session';

const STORAGE_KEY = 'shiori.opac.kiosk';
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Kiosk mode: the OPAC on an in-library terminal (館内OPAC). Turned on by `?kiosk=1` and
 * remembered for the browser session (`?kiosk=0` turns it off). A signed-in patron is
 * signed out after `policy.kiosk.autoLogoutSeconds` without a touch or key, so the next
 * person never finds someone else's account open; the seconds left are always shown. An
 * anonymous visitor's search and cart are cleared after the same idle time.
 */
@Injectable({ providedIn: 'root' })
export class Kiosk {
  private readonly document = inject(DOCUMENT);
  private readonly library = inject(Library);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  readonly active = signal(this.readFlag());
  /** Seconds until the automatic sign-out; null when no countdown runs. */
  readonly remaining = signal<number | null>(null);
  /** Set after an automatic sign-out, for the notice on the home page. */
  readonly signedOutAutomatically = signal(false);

  readonly timeoutSeconds = computed(() => this.library.policy()?.kiosk.autoLogoutSeconds ?? 180);
  readonly onScreenKeyboard = computed(() => this.active() && (this.library.policy()?.kiosk.onScreenKeyboard ?? true));
  /** Where the city allows it, the kiosk offers password reset and registration. */
  readonly passwordReset = computed(() => !this.active() || (this.library.policy()?.kiosk.passwordReset ?? true));
  readonly personalFeatures = computed(() => !this.active() || (this.library.policy()?.kiosk.personalFeatures ?? true));

  /**
   * Counts the idle resets of an anonymous visitor: what they left (the cart kept in this
   * browser, the search on screen) is cleared, so the next person at the terminal starts clean.
   */
  readonly resets = signal(0);

  private deadline = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** The anonymous visitor's idle reset has run since the last touch. */
  private resetDone = false;
  private signingOut = false;
  private readonly onActivity = () => this.touch();

  constructor() {
    effect(() => {
      // every visitor on a kiosk, signed in or not, is watched for idleness
      if (this.active()) this.start();
      else this.stop();
    });
    effect(() => {
      // signing in or out starts a fresh countdown (and shows or hides it)
      if (this.session.signedIn()) this.signedOutAutomatically.set(false);
      this.touch();
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Reads `?kiosk=` of the first URL; the flag then lives in sessionStorage. */
  private readFlag(): boolean {
    const win = this.document.defaultView;
    try {
      const flag = new URLSearchParams(win?.location.search ?? '').get('kiosk');
      if (flag === '1' || flag === 'true') win?.sessionStorage.setItem(STORAGE_KEY, '1');
      if (flag === '0' || flag === 'false') win?.sessionStorage.removeItem(STORAGE_KEY);
      return win?.sessionStorage.getItem(STORAGE_KEY) === '1';
    } catch {
      return false;
    }
  }

  /** Any touch or key restarts the countdown. */
  touch(): void {
    if (this.timer === null) return;
    this.deadline = Date.now() + this.timeoutSeconds() * 1000;
    this.resetDone = false;
    // the countdown on screen is for a signed-in patron (自動ログアウト); a visitor's reset is silent
    this.remaining.set(this.session.signedIn() ? this.timeoutSeconds() : null);
  }

  private start(): void {
    if (this.timer !== null) return;
    this.signedOutAutomatically.set(false);
    for (const e of ACTIVITY_EVENTS) this.document.addEventListener(e, this.onActivity, { capture: true, passive: true });
    this.timer = setInterval(() => this.tick(), 1000);
    this.touch();
  }

  private stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    for (const e of ACTIVITY_EVENTS) this.document.removeEventListener(e, this.onActivity, { capture: true });
    this.remaining.set(null);
  }

  private tick(): void {
    const left = Math.max(0, Math.ceil((this.deadline - Date.now()) / 1000));
    if (this.session.signedIn()) {
      this.remaining.set(left);
      if (left === 0 && !this.signingOut) void this.signOut();
    } else if (left === 0 && !this.resetDone) {
      this.resetDone = true;
      this.resets.update((n) => n + 1);
      void this.router.navigateByUrl('/');
    }
  }

  private async signOut(): Promise<void> {
    this.signingOut = true;
    try {
      await this.session.logout();
      this.signedOutAutomatically.set(true);
      this.resets.update((n) => n + 1); // what they searched and put aside goes too
      await this.router.navigateByUrl('/');
    } finally {
      this.signingOut = false;
    }
  }
}
