import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Observable } from 'rxjs';
import { ApiError, toApiError } from './api';
import { I18n, MessageKey } from './i18n';

/**
 * One thing a page loads: its value, whether it is loading, and the ApiError if it failed.
 * A later `load` replaces an earlier one that has not answered yet.
 */
export class Loadable<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  private generation = 0;

  load(source: Observable<T>, keepValue = true): void {
    const gen = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    if (!keepValue) this.value.set(null);
    source.subscribe({
      next: (v) => {
        if (gen !== this.generation) return;
        this.value.set(v);
        this.loading.set(false);
      },
      error: (e: unknown) => {
        if (gen !== this.generation) return;
        if (!(e instanceof ApiError)) console.error(e); // a bug, not the API: keep the trace
        this.error.set(toApiError(e, 'ja'));
        this.loading.set(false);
      },
    });
  }

  set(value: T): void {
    this.value.set(value);
  }
}

/** The loading bar and the failure box with a retry button, for a Loadable (presentational). */
@Component({
  selector: 'admin-load-state',
  imports: [MatProgressBarModule, MatButtonModule],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="t('app.loading')" />
      <p role="status" class="visually-hidden">{{ t('app.loading') }}</p>
    } @else if (errorText()) {
      <div class="error-box" role="alert">
        <p>{{ t(failedKey()) }}</p>
        <p>{{ errorText() }}</p>
        <button mat-stroked-button type="button" (click)="retry.emit()">{{ t('app.retry') }}</button>
      </div>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoadState {
  readonly loading = input(false);
  readonly error = input<ApiError | null>(null);
  readonly failedKey = input<MessageKey>('common.loadFailed');
  readonly retry = output<void>();
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly errorText = computed(() => {
    const e = this.error();
    return e ? this.i18n.pick(e.localized) : '';
  });
}
