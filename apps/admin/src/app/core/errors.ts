import { inject, Injectable } from '@angular/core';
import { AppErrorHandlerBase, ErrorNotifierBase } from '@shiori/web-core';
import { I18n } from './i18n';

/** The global error display (a snack bar, @shiori/web-core) in this app's language. */
@Injectable({ providedIn: 'root' })
export class ErrorNotifier extends ErrorNotifierBase {
  constructor() {
    super(inject(I18n));
  }
}

/** Errors nothing caught: log, then tell the user once (@shiori/web-core). */
@Injectable()
export class AppErrorHandler extends AppErrorHandlerBase {
  constructor() {
    super(inject(ErrorNotifier));
  }
}
