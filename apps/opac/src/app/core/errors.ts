import { EnvironmentInjector, inject, Injectable } from '@angular/core';
import { AppErrorHandlerBase, type Localized } from '@shiori/web-core';
import { I18n } from './i18n';

/**
 * The global error display (a snack bar read out assertively) in this app's language, as
 * @shiori/web-core's ErrorNotifierBase shows it, but with the snack bar (and the CDK overlay
 * under it) loaded on the first error: it is not in the code a phone runs to show a page.
 */
@Injectable({ providedIn: 'root' })
export class ErrorNotifier {
  private readonly i18n = inject(I18n);
  private readonly injector = inject(EnvironmentInjector);

  show(error: unknown): void {
    const localized = (error as { localized?: { ja?: unknown } } | null)?.localized;
    const text = typeof localized?.ja === 'string' ? this.i18n.pick(localized as Localized) : this.i18n.t('error.unexpected');
    const close = this.i18n.t('error.close');
    void import('@angular/material/snack-bar').then(({ MatSnackBar }) =>
      this.injector.get(MatSnackBar).open(text, close, { duration: 10000, politeness: 'assertive' }),
    );
  }
}

/** Errors nothing caught: log, then tell the user once (@shiori/web-core). */
@Injectable()
export class AppErrorHandler extends AppErrorHandlerBase {
  constructor() {
    super(inject(ErrorNotifier));
  }
}
