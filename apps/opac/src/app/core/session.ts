import { computed, inject, Injectable, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { LibraryMessage, PatronSignIn, PatronSignInRequest, PatronSummary } from '@shiori/contracts';
import { Api, ApiError } from './api';

/** `GET /me`: the signed-in patron's summary (My page), the API's shape (libs/contracts). */
export type Me = PatronSummary;
export type { LibraryMessage };

type State = { status: 'unknown' } | { status: 'anonymous' } | { status: 'signed-in'; me: Me };

/**
 * Who is signed in. The session itself is the API's httpOnly cookie; this keeps the
 * summary (`GET /me`) and the CSRF token the login answered with. A patron with a
 * temporary password (`mustChangePassword`) is signed in but may only change it.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(Api);
  private readonly state = signal<State>({ status: 'unknown' });
  private loading: Promise<Me | null> | null = null;

  readonly known = computed(() => this.state().status !== 'unknown');
  readonly me = computed(() => {
    const s = this.state();
    return s.status === 'signed-in' ? s.me : null;
  });
  readonly signedIn = computed(() => this.me() !== null);
  readonly mustChangePassword = computed(() => this.me()?.mustChangePassword === true);

  /**
   * The summary, asked once per page load (guards call it on every navigation); not asked at all
   * without the API's readable session hint cookie, so an anonymous visitor's page logs no 401.
   */
  ensureLoaded(): Promise<Me | null> {
    if (this.state().status !== 'unknown') return Promise.resolve(this.me());
    if (!hasSessionHint()) {
      this.state.set({ status: 'anonymous' });
      return Promise.resolve(null);
    }
    return (this.loading ??= this.refresh());
  }

  /** Reloads the summary (after a renewal, a hold, …); anonymous when the session has ended. */
  async refresh(): Promise<Me | null> {
    if (!this.api.tenant) {
      this.state.set({ status: 'anonymous' });
      return null;
    }
    try {
      const me = await firstValueFrom(this.api.get<Me>(this.api.tenantPath('/me')));
      this.state.set({ status: 'signed-in', me: { ...me, counts: { ...emptyCounts, ...me.counts }, messages: me.messages ?? [] } });
      return this.me();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) this.state.set({ status: 'anonymous' });
      else if (this.state().status === 'unknown') this.state.set({ status: 'anonymous' });
      return null;
    } finally {
      this.loading = null;
    }
  }

  /** Signs in with the card as typed (the API folds it by the city's rules). */
  async login(cardNumber: string, password: string): Promise<Me | null> {
    const r = await firstValueFrom(
      this.api.post<PatronSignIn>(this.api.tenantPath('/auth/login'), { cardNumber, password } satisfies PatronSignInRequest),
    );
    this.api.setCsrfToken(r.csrfToken ?? null);
    return this.refresh();
  }

  async logout(): Promise<void> {
    try {
      if (this.signedIn()) await firstValueFrom(this.api.post(this.api.tenantPath('/auth/logout')));
    } catch {
      // the session may already have ended on the server: signed out either way
    } finally {
      this.api.setCsrfToken(null);
      this.state.set({ status: 'anonymous' });
    }
  }

  /** After the temporary password was changed: the session no longer needs the change. */
  passwordChanged(): void {
    const me = this.me();
    if (me) this.state.set({ status: 'signed-in', me: { ...me, mustChangePassword: false } });
  }

  /** For a page that learnt the session ended (401 on a call). */
  ended(): void {
    this.api.setCsrfToken(null);
    this.state.set({ status: 'anonymous' });
  }
}

/** The API sets `shiori_signed_in=1` beside its httpOnly session cookie (engine/auth/cookies.ts). */
export const SESSION_HINT_COOKIE = 'shiori_signed_in';

function hasSessionHint(): boolean {
  return typeof document !== 'undefined' && document.cookie.split(';').some((c) => c.trim() === `${SESSION_HINT_COOKIE}=1`);
}

const emptyCounts: Me['counts'] = { loans: 0, overdue: 0, holds: 0, readyHolds: 0, alerts: 0, savedAlerts: 0, cart: 0 };
