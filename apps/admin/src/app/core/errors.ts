import { ErrorHandler, inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { I18n, Localized } from './i18n';

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
 */
@Injectable({ providedIn: 'root' })
export class ErrorNotifier {
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);

  show(error: unknown): void {
    const text = isLocalizedError(error) ? this.i18n.pick(error.localized) : this.i18n.t('error.unexpected');
    this.snackBar.open(text, this.i18n.t('error.close'), { duration: 10000, politeness: 'assertive' });
  }
}

/** Errors nothing caught (an unhandled API failure, a bug): log, then tell the user once. */
@Injectable()
export class AppErrorHandler implements ErrorHandler {
  private readonly notifier = inject(ErrorNotifier);

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
