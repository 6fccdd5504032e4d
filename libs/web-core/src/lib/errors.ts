import { HttpErrorResponse } from '@angular/common/http';
import { ErrorHandler, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CoreI18n, CoreMessageKey, Lang, Localized } from './i18n';

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

export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const p = body as Partial<Problem>;
  return typeof p.code === 'string' && typeof p.message === 'object' && p.message !== null && typeof p.message.ja === 'string';
}

/**
 * Maps whatever HttpClient threw onto an ApiError (problem+json, network failure, a proxy's
 * HTML page). `localize` gives the app's own texts for the failures the API did not explain.
 */
export function toApiError(error: unknown, lang: Lang, localize: (key: CoreMessageKey) => Localized): ApiError {
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
    if (error.status === 0) return new ApiError(0, 'NETWORK', localize('error.network'), lang);
    return new ApiError(error.status, 'HTTP_' + error.status, localize('error.unexpected'), lang);
  }
  return new ApiError(0, 'CLIENT', localize('error.unexpected'), lang);
}

/** Something that carries the API's text in both languages (an ApiError). */
interface LocalizedError {
  localized: Localized;
  notified?: boolean;
}

function isLocalizedError(e: unknown): e is LocalizedError {
  return typeof e === 'object' && e !== null && typeof (e as LocalizedError).localized?.ja === 'string';
}

/**
 * The global error display: a snack bar read out assertively. Pages show the errors they
 * expect in place (a form field, an empty state); this is for the rest.
 * Each app makes it a root service over its own I18n (`super(inject(I18n))`).
 */
export abstract class ErrorNotifierBase {
  private readonly snackBar = inject(MatSnackBar);

  protected constructor(private readonly i18n: CoreI18n) {}

  show(error: unknown): void {
    const text = isLocalizedError(error) ? this.i18n.pick(error.localized) : this.i18n.t('error.unexpected');
    this.snackBar.open(text, this.i18n.t('error.close'), { duration: 10000, politeness: 'assertive' });
  }
}

/** Errors nothing caught (an unhandled API failure, a bug): log, then tell the user once. */
export abstract class AppErrorHandlerBase implements ErrorHandler {
  protected constructor(private readonly notifier: { show(error: unknown): void }) {}

  handleError(error: unknown): void {
    console.error(error);
    if (isLocalizedError(error) && error.notified) return;
    try {
      this.notifier.show(error);
    } catch {
      // the display itself failed (e.g. during bootstrap): the console has it
    }
  }
}
