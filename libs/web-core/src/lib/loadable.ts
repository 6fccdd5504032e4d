import { signal } from '@angular/core';
import { Observable } from 'rxjs';
import { ApiError } from './errors';

/**
 * One thing a page loads: its value, whether it is loading, and the ApiError if it failed.
 * A later `load` replaces an earlier one that has not answered yet. Each app turns what
 * failed into an ApiError with its own texts for unexplained failures (`toError`).
 */
export abstract class LoadableBase<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  readonly error = signal<ApiError | null>(null);
  private generation = 0;

  protected abstract toError(e: unknown): ApiError;

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
        this.error.set(this.toError(e));
        this.loading.set(false);
      },
    });
  }

  set(value: T): void {
    this.value.set(value);
  }
}
