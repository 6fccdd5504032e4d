import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Api, tenantPath } from './api';
import { Session } from './session';

type Params = Parameters<Api['get']>[1];

/**
 * The signed-in librarian's library: `/api/t/{slug}{path}` for the tenant in the Session.
 * Feature services call this instead of building tenant paths themselves.
 */
@Injectable({ providedIn: 'root' })
export class TenantApi {
  private readonly api = inject(Api);
  private readonly session = inject(Session);

  /** The tenant's slug; the routes that use this service are for librarians only. */
  slug(): string {
    const slug = this.session.tenant()?.slug;
    if (!slug) throw new Error('no tenant in the session');
    return slug;
  }

  get<T>(path: string, params?: Params): Observable<T> {
    return this.api.get<T>(tenantPath(this.slug(), path), params);
  }

  post<T>(path: string, body?: unknown): Observable<T> {
    return this.api.post<T>(tenantPath(this.slug(), path), body);
  }

  put<T>(path: string, body?: unknown): Observable<T> {
    return this.api.put<T>(tenantPath(this.slug(), path), body);
  }

  patch<T>(path: string, body?: unknown): Observable<T> {
    return this.api.patch<T>(tenantPath(this.slug(), path), body);
  }

  delete<T>(path: string): Observable<T> {
    return this.api.delete<T>(tenantPath(this.slug(), path));
  }
}
