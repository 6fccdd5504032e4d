import { DOCUMENT, inject, Injectable, InjectionToken } from '@angular/core';
import { ApiBase, ApiError, Lang, toApiError as coreToApiError } from '@shiori/web-core';
import { ErrorNotifier } from './errors';
import { I18n, localizedOf } from './i18n';

export { ApiError, isProblem, type FieldError, type Problem } from '@shiori/web-core';

/** Maps whatever HttpClient threw onto an ApiError, with this app's texts for unexplained failures. */
export function toApiError(error: unknown, lang: Lang): ApiError {
  return coreToApiError(error, lang, localizedOf);
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

/**
 * The Shiori API seen from the admin console (@shiori/web-core's ApiBase: cookies, CSRF,
 * ApiError, the global snack bar); an expired session goes to the Session.
 */
@Injectable({ providedIn: 'root' })
export class Api extends ApiBase {
  private onUnauthenticated: (() => void) | null = null;
  readonly prefix = inject(API_LOCATION).prefix;

  constructor() {
    super(inject(API_LOCATION).base, inject(I18n), inject(ErrorNotifier));
  }

  /**
   * Called when the API answers UNAUTHENTICATED (the session cookie expired or was revoked).
   * The Session registers here; the Api cannot inject it (the Session calls the Api).
   */
  whenUnauthenticated(handler: () => void): void {
    this.onUnauthenticated = handler;
  }

  protected override fail(e: unknown): ApiError {
    const error = super.fail(e); // a 401 is not "unexpected", so the snack bar has not shown it
    if (error.status === 401 && error.code === 'UNAUTHENTICATED' && this.onUnauthenticated) {
      this.onUnauthenticated();
      error.notified = true; // the Session tells the user and goes to the login page
    }
    return error;
  }
}
