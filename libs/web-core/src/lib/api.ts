import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, map, Observable, of, switchMap, tap, throwError } from 'rxjs';
import { ApiError, isProblem, toApiError } from './errors';
import { CoreI18n } from './i18n';

export type ApiParams = Record<string, string | number | boolean | readonly (string | number | boolean)[] | null | undefined>;
type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The one way to call the Shiori API. Sends the session cookie, adds `X-CSRF-Token` to
 * writes (the token comes from the login response or `GET /api/csrf`), retries a write once
 * when the token was stale, and turns every failure into an ApiError. Network and server
 * failures are also shown in the global snack bar (`notifier`).
 *
 * Each app makes it a root service with its own base URL, I18n and notifier
 * (`super(inject(API_LOCATION).base, inject(I18n), inject(ErrorNotifier))`) and adds what
 * only it needs (the OPAC's tenant paths, the console's expired-session hook).
 */
export abstract class ApiBase {
  private readonly http = inject(HttpClient);
  /** undefined: not asked yet; null: the API said there is no cookie session */
  private csrfToken: string | null | undefined;

  protected constructor(
    /** e.g. `/api`, or `/shiori/api` when the service sits under a path prefix */
    readonly base: string,
    protected readonly i18n: CoreI18n,
    private readonly notifier: { show(error: unknown): void },
  ) {}

  get<T>(path: string, params?: ApiParams): Observable<T> {
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

  /** After a login (the response carries `csrfToken`); null or `undefined` after a logout. */
  setCsrfToken(token: string | null | undefined): void {
    this.csrfToken = token;
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

  /** Every failure passes here once; an app may override to act on a code first. */
  protected fail(e: unknown): ApiError {
    const error = toApiError(e, this.i18n.lang(), this.i18n.localized);
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

function clean(params: ApiParams | undefined): Record<string, string | number | boolean | readonly (string | number | boolean)[]> {
  const out: Record<string, string | number | boolean | readonly (string | number | boolean)[]> = {};
  for (const [k, v] of Object.entries(params ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
