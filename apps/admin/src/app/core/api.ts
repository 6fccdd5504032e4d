import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT, inject, Injectable, InjectionToken } from '@angular/core';
import { catchError, map, Observable, of, switchMap, tap, throwError } from 'rxjs';
import { ErrorNotifier } from './errors';
import { I18n, Lang, Localized, localizedOf } from './i18n';

/** One field's problem in a `VALIDATION` error. */
export interface FieldError {
  path: string;
  code?: string;
  message: string | Localized;
}

/** The API's error body (`application/problem+json`). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code: string;
  message: Localized;
  errors?: FieldError[];
}

/**
 * Every failed API call ends as an ApiError: the domain `code` to branch on, the API's
 * text in both languages (`localized`), and `message` in the language current when it
 * failed. Templates show `i18n.pick(error.localized)` so the text follows a later switch.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** Set once the global display has shown it, so it is not shown twice. */
  notified = false;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly localized: Localized,
    lang: Lang,
    readonly errors: readonly FieldError[] = [],
  ) {
    super(localized[lang] || localized.ja);
  }

  /** Network down or the server failing: nothing the page itself can explain. */
  get unexpected(): boolean {
    return this.status === 0 || (this.status >= 500 && this.code !== 'TENANT_SUSPENDED');
  }
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const p = body as Partial<Problem>;
  return typeof p.code === 'string' && typeof p.message === 'object' && p.message !== null && typeof p.message.ja === 'string';
}

/** Maps whatever HttpClient threw onto an ApiError (problem+json, network failure, a proxy's HTML page). */
export function toApiError(error: unknown, lang: Lang): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HttpErrorResponse) {
    let body: unknown = error.error;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        // not JSON: a proxy or the browser answered, not the API
      }
    }
    if (isProblem(body)) return new ApiError(error.status, body.code, body.message, lang, body.errors ?? []);
    if (error.status === 0) return new ApiError(0, 'NETWORK', localizedOf('error.network'), lang);
    return new ApiError(error.status, 'HTTP_' + error.status, localizedOf('error.unexpected'), lang);
  }
  return new ApiError(0, 'CLIENT', localizedOf('error.unexpected'), lang);
}

/** Where the API is, seen from the admin console. */
export interface ApiLocation {
  /** e.g. `/api`, or `/shiori/api` when the service sits under a path prefix */
  base: string;
  /** the path in front of `/admin/` (usually empty), for links to other apps such as the OPAC */
  prefix: string;
}

/** Reads the location from the document's base URI, which the API sets to `/admin/`. */
export function apiLocationFrom(baseURI: string): ApiLocation {
  const path = new URL(baseURI, 'http://localhost/').pathname;
  const m = /^(.*?)\/admin(?:\/|$)/.exec(path);
  const prefix = m ? m[1] : '';
  return { base: `${prefix}/api`, prefix };
}

export const API_LOCATION = new InjectionToken<ApiLocation>('API_LOCATION', {
  providedIn: 'root',
  factory: () => apiLocationFrom(inject(DOCUMENT).baseURI),
});

/** `/t/{slug}{path}`: a tenant's part of the API. */
export function tenantPath(slug: string, path: string): string {
  return `/t/${encodeURIComponent(slug)}${path}`;
}

type Params = Record<string, string | number | boolean | readonly (string | number | boolean)[] | null | undefined>;
type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The one way to call the Shiori API. Sends the session cookie, adds `X-CSRF-Token` to
 * writes (the token comes from the login response or `GET /api/csrf`), retries a write once
 * when the token was stale, and turns every failure into an ApiError. Network and server
 * failures are also shown in the global snack bar; an expired session goes to the Session.
 */
@Injectable({ providedIn: 'root' })
export class Api {
  private readonly http = inject(HttpClient);
  private readonly i18n = inject(I18n);
  private readonly notifier = inject(ErrorNotifier);
  private readonly location = inject(API_LOCATION);
  /** undefined: not asked yet; null: the API said there is no cookie session */
  private csrfToken: string | null | undefined;

  private onUnauthenticated: (() => void) | null = null;

  readonly base = this.location.base;
  readonly prefix = this.location.prefix;

  get<T>(path: string, params?: Params): Observable<T> {
    return this.http
      .get<T>(this.url(path), { params: clean(params), withCredentials: true })
      .pipe(catchError((e: unknown) => throwError(() => this.fail(e))));
  }

  post<T>(path: string, body?: unknown): Observable<T> {
    return this.write<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Observable<T> {
    return this.write<T>('PUT', path, body);
  }

  patch<T>(path: string, body?: unknown): Observable<T> {
    return this.write<T>('PATCH', path, body);
  }

  delete<T>(path: string): Observable<T> {
    return this.write<T>('DELETE', path);
  }

  /** After a login (the response carries `csrfToken`); `undefined` forgets it (logout), so the next write asks again. */
  setCsrfToken(token: string | null | undefined): void {
    this.csrfToken = token;
  }

  /**
   * Called when the API answers UNAUTHENTICATED (the session cookie expired or was revoked).
   * The Session registers here; the Api cannot inject it (the Session calls the Api).
   */
  whenUnauthenticated(handler: () => void): void {
    this.onUnauthenticated = handler;
  }

  private write<T>(method: WriteMethod, path: string, body?: unknown): Observable<T> {
    const send = (token: string | null) =>
      this.http.request<T>(method, this.url(path), {
        body: body ?? null,
        withCredentials: true,
        headers: token ? { 'X-CSRF-Token': token } : {},
      });
    return this.csrf(false).pipe(
      switchMap((token) =>
        send(token).pipe(
          catchError((e: unknown) => (isCsrfFailure(e) ? this.csrf(true).pipe(switchMap(send)) : throwError(() => e))),
        ),
      ),
      catchError((e: unknown) => throwError(() => this.fail(e))),
    );
  }

  private csrf(refresh: boolean): Observable<string | null> {
    if (!refresh && this.csrfToken !== undefined) return of(this.csrfToken);
    return this.http.get<{ token: string | null }>(this.url('/csrf'), { withCredentials: true }).pipe(
      map((r) => r?.token ?? null),
      tap((token) => (this.csrfToken = token)),
    );
  }

  private url(path: string): string {
    return this.base + (path.startsWith('/') ? path : '/' + path);
  }

  private fail(e: unknown): ApiError {
    const error = toApiError(e, this.i18n.lang());
    if (error.status === 401 && error.code === 'UNAUTHENTICATED' && this.onUnauthenticated) {
      this.onUnauthenticated();
      error.notified = true; // the Session tells the user and goes to the login page
      return error;
    }
    if (error.unexpected && !error.notified) {
      this.notifier.show(error);
      error.notified = true;
    }
    return error;
  }
}

function isCsrfFailure(e: unknown): boolean {
  return e instanceof HttpErrorResponse && e.status === 403 && isProblem(e.error) && e.error.code === 'CSRF';
}

function clean(params: Params | undefined): Record<string, string | number | boolean | readonly (string | number | boolean)[]> {
  const out: Record<string, string | number | boolean | readonly (string | number | boolean)[]> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
