import { DOCUMENT, inject, Injectable, InjectionToken } from '@angular/core';
import { ApiBase, ApiError, Lang, toApiError as coreToApiError } from '@shiori/web-core';
import { ErrorNotifier } from './errors';
import { I18n, localizedOf } from './i18n';

export { ApiError, isProblem, type FieldError, type Problem } from '@shiori/web-core';

/** Maps whatever HttpClient threw onto an ApiError, with this app's texts for unexplained failures. */
export function toApiError(error: unknown, lang: Lang): ApiError {
  return coreToApiError(error, lang, localizedOf);
}

/** Where the API is and which library (tenant) this page belongs to. */
export interface ApiLocation {
  /** e.g. `/api`, or `/shiori/api` when the service sits under a path prefix */
  base: string;
  /** the tenant slug from `/opac/{slug}/…`, null when the page is not under one */
  tenant: string | null;
}

/**
 * Reads the location from the document's base URI: the API serves one OPAC build for every
 * city and rewrites `<base href>` to `/opac/{slug}/`, so the base names the library.
 */
export function apiLocationFrom(baseURI: string): ApiLocation {
  const path = new URL(baseURI, 'http://localhost/').pathname;
  const m = /^(.*?)\/opac\/([a-z][a-z0-9-]{1,30})(?:\/|$)/.exec(path);
  return m ? { base: `${m[1]}/api`, tenant: m[2] } : { base: '/api', tenant: null };
}

export const API_LOCATION = new InjectionToken<ApiLocation>('API_LOCATION', {
  providedIn: 'root',
  factory: () => apiLocationFrom(inject(DOCUMENT).baseURI),
});

/**
 * The Shiori API seen from the OPAC (@shiori/web-core's ApiBase: cookies, CSRF, ApiError,
 * the global snack bar), plus the page's library (tenant).
 */
@Injectable({ providedIn: 'root' })
export class Api extends ApiBase {
  private readonly location = inject(API_LOCATION);
  readonly tenant = this.location.tenant;

  constructor() {
    super(inject(API_LOCATION).base, inject(I18n), inject(ErrorNotifier));
  }

  /** `/t/{slug}{path}` for the page's library. */
  tenantPath(path: string): string {
    if (!this.tenant) throw new ApiError(0, 'NO_TENANT', localizedOf('app.noTenant'), this.i18n.lang());
    return `/t/${encodeURIComponent(this.tenant)}${path}`;
  }
}
