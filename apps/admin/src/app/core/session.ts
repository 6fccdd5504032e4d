import { computed, DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { finalize, map, Observable } from 'rxjs';
import { Api, tenantPath } from './api';
import { ErrorNotifier } from './errors';
import { localizedOf } from './i18n';

/** A staff account as the API returns it (password and lockout fields never leave the API). */
export interface StaffMember {
  id: string;
  username: string;
  role: 'platform-admin' | 'librarian';
  tenantId: string | null;
  displayName: string | null;
}

/** `POST /api/platform/login` */
export interface PlatformLoginResponse {
  staff: StaffMember;
  /** Signed in with a temporary password: only the password change is open until it is changed. */
  mustChangePassword?: boolean;
  token: string;
  csrfToken: string;
}

/** `POST /api/t/{slug}/staff/login` */
export interface StaffLoginResponse extends PlatformLoginResponse {
  tenant: { slug: string; name: string };
}

/**
 * What the console remembers about who is signed in. The session itself is the httpOnly
 * cookie; this is only what the screens show, kept in sessionStorage so a reload stays
 * signed in and closing the tab forgets it. No token is stored.
 */
export interface SessionState {
  kind: 'platform' | 'librarian';
  username: string;
  displayName: string | null;
  tenant: { slug: string; name: string } | null;
  /** A temporary password must be changed before anything else (the API answers PASSWORD_CHANGE_REQUIRED). */
  mustChangePassword?: boolean;
}

const STORAGE_KEY = 'shiori.admin.session';

/** Only a session that must change its password carries the flag (the stored state stays minimal). */
function mustChange(r: PlatformLoginResponse): Pick<SessionState, 'mustChangePassword'> {
  return r.mustChangePassword === true ? { mustChangePassword: true } : {};
}

/** Who is signed in: regional admin (広域管理者) or a librarian (図書館職員) of one tenant. */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly notifier = inject(ErrorNotifier);
  private readonly storage = inject(DOCUMENT).defaultView?.sessionStorage;
  private readonly state = signal<SessionState | null>(this.restore());

  readonly current = this.state.asReadonly();
  readonly signedIn = computed(() => this.state() !== null);
  readonly isPlatformAdmin = computed(() => this.state()?.kind === 'platform');
  readonly isLibrarian = computed(() => this.state()?.kind === 'librarian');
  readonly tenant = computed(() => this.state()?.tenant ?? null);
  readonly mustChangePassword = computed(() => this.state()?.mustChangePassword === true);
  readonly displayName = computed(() => {
    const s = this.state();
    return s ? s.displayName || s.username : '';
  });

  constructor() {
    this.api.whenUnauthenticated(() => this.expired());
  }

  /** Where a signed-in user starts (first the password change, after a temporary password). */
  homeUrl(): string {
    const s = this.state();
    if (!s) return '/login';
    if (s.mustChangePassword) return '/change-password';
    return s.kind === 'platform' ? '/tenants' : '/dashboard';
  }

  loginPlatform(username: string, password: string): Observable<SessionState> {
    return this.api.post<PlatformLoginResponse>('/platform/login', { username, password }).pipe(
      map((r) =>
        this.start(r, { kind: 'platform', username: r.staff.username, displayName: r.staff.displayName, tenant: null, ...mustChange(r) }),
      ),
    );
  }

  loginLibrarian(slug: string, username: string, password: string): Observable<SessionState> {
    return this.api.post<StaffLoginResponse>(tenantPath(slug, '/staff/login'), { username, password }).pipe(
      map((r) =>
        this.start(r, {
          kind: 'librarian',
          username: r.staff.username,
          displayName: r.staff.displayName,
          tenant: r.tenant,
          ...mustChange(r),
        }),
      ),
    );
  }

  /**
   * The signed-in staff member's own password (`PUT /api/platform/me/password` or
   * `PUT /api/t/{slug}/staff/me/password`); afterwards the whole console is open again.
   */
  changePassword(currentPassword: string, newPassword: string): Observable<void> {
    const s = this.state();
    const path = s?.kind === 'librarian' && s.tenant ? tenantPath(s.tenant.slug, '/staff/me/password') : '/platform/me/password';
    return this.api.put<{ changed: boolean }>(path, { currentPassword, newPassword }).pipe(
      map(() => {
        const now = this.state();
        if (!now) return;
        const changed = { ...now };
        delete changed.mustChangePassword;
        this.save(changed);
      }),
    );
  }

  /**
   * Ends the session here at once and on the API, then shows the login page whatever the
   * API answered (an already expired session is not an error worth showing).
   */
  logout(): Observable<void> {
    const s = this.state();
    const path = s?.kind === 'librarian' && s.tenant ? tenantPath(s.tenant.slug, '/staff/logout') : '/platform/logout';
    this.forget();
    return this.api.post<void>(path).pipe(
      finalize(() => {
        this.api.setCsrfToken(undefined);
        void this.router.navigateByUrl('/login');
      }),
    );
  }

  /** The API said the session is gone (expired, revoked): sign out here too. */
  private expired(): void {
    if (!this.state()) return;
    this.clear();
    this.notifier.show({ localized: localizedOf('error.sessionExpired') });
    void this.router.navigateByUrl('/login');
  }

  private start(r: PlatformLoginResponse, state: SessionState): SessionState {
    this.api.setCsrfToken(r.csrfToken);
    this.save(state);
    return state;
  }

  private save(state: SessionState): void {
    this.state.set(state);
    try {
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch {
      // storage disabled: the session then lasts until reload
    }
  }

  private clear(): void {
    this.api.setCsrfToken(undefined);
    this.forget();
  }

  private forget(): void {
    this.state.set(null);
    try {
      this.storage?.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
  }

  private restore(): SessionState | null {
    try {
      const s = JSON.parse(this.storage?.getItem(STORAGE_KEY) ?? 'null') as SessionState | null;
      return s && (s.kind === 'platform' || s.kind === 'librarian') && typeof s.username === 'string' ? s : null;
    } catch {
      return null;
    }
  }
}

/** Route guards: signed in at all, in the right role, or (the login page) not yet. */
export const signedIn: CanActivateFn = () => inject(Session).signedIn() || inject(Router).parseUrl('/login');

export const platformAdminOnly: CanActivateFn = () => {
  const session = inject(Session);
  return session.isPlatformAdmin() || inject(Router).parseUrl(session.homeUrl());
};

export const librarianOnly: CanActivateFn = () => {
  const session = inject(Session);
  return session.isLibrarian() || inject(Router).parseUrl(session.homeUrl());
};

/** The console's screens wait until a temporary password has been changed. */
export const passwordChanged: CanActivateFn = () => {
  const session = inject(Session);
  return !session.mustChangePassword() || inject(Router).parseUrl('/change-password');
};

/** The password change screen is only for a session that must change its password. */
export const mustChangePassword: CanActivateFn = () => {
  const session = inject(Session);
  return (session.signedIn() && session.mustChangePassword()) || inject(Router).parseUrl(session.homeUrl());
};

export const signedOut: CanActivateFn = () => {
  const session = inject(Session);
  return !session.signedIn() || inject(Router).parseUrl(session.homeUrl());
};
