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
 * person never finds someone else's account open; the seconds left are always shown.
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

  private deadline = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onActivity = () => this.touch();

  constructor() {
    effect(() => {
      const on = this.active() && this.session.signedIn();
      if (on) this.start();
      else this.stop();
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
    this.remaining.set(this.timeoutSeconds());
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
    this.remaining.set(left);
    if (left === 0) void this.signOut();
  }

  private async signOut(): Promise<void> {
    this.stop();
    await this.session.logout();
    this.signedOutAutomatically.set(true);
    await this.router.navigateByUrl('/');
  }
}
