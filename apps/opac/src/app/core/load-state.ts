import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { LoadableBase } from '@shiori/web-core';
import { ApiError, toApiError } from './api';
import { I18n, MessageKey } from './i18n';

/** One thing a page loads (LoadableBase), failures told with this app's texts. */
export class Loadable<T> extends LoadableBase<T> {
  protected toError(e: unknown): ApiError {
    return toApiError(e, 'ja');
  }
}

/** The loading bar and the failure box with a retry button, for a Loadable (presentational). */
@Component({
  selector: 'opac-load-state',
  imports: [MatProgressBarModule, MatButtonModule],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('app.loading')" />
      <p role="status" class="visually-hidden">{{ t('app.loading') }}</p>
    } @else if (errorText()) {
      <div class="error-box" role="alert">
        <p>{{ t(failedKey()) }}</p>
        <p>{{ errorText() }}</p>
        <button mat-stroked-button type="button" (click)="retry.emit()">{{ t('home.retry') }}</button>
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadState {
  readonly loading = input(false);
  readonly error = input<ApiError | null>(null);
  readonly failedKey = input.required<MessageKey>();
  readonly retry = output<void>();
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });
}
