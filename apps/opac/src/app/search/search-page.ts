import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { catchError, map, Observable, of, startWith, switchMap } from 'rxjs';
import { Api, ApiError } from '../core/api';
import { I18n } from '../core/i18n';
import { SearchBox } from './search-box';

/** One record in the results; only `title` is relied on so far. */
export interface SearchHit {
  id?: string;
  title: string;
}

/** `GET /api/t/{slug}/search?q=` */
export interface SearchResult {
  total: number;
  hits: SearchHit[];
}

type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; q: string }
  | { status: 'done'; q: string; result: SearchResult }
  | { status: 'error'; q: string; error: ApiError };

/** The results page: `search?q=` runs the search; the box above starts a new one. */
@Component({
  selector: 'opac-search-page',
  imports: [SearchBox, MatProgressBarModule],
  templateUrl: './search-page.html',
  styleUrl: './search-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchPage {
  /** `?q=` (router input binding) */
  readonly q = input<string | undefined>();

  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;

  protected readonly query = computed(() => (this.q() ?? '').trim());
  protected readonly state = toSignal(toObservable(this.query).pipe(switchMap((q) => this.run(q))), {
    initialValue: { status: 'idle' } as SearchState,
  });
  protected readonly errorText = computed(() => {
    const s = this.state();
    return s.status === 'error' ? this.i18n.pick(s.error.localized) : '';
  });

  protected search(q: string): void {
    void this.router.navigate(['/search'], { queryParams: { q } });
  }

  private run(q: string): Observable<SearchState> {
    if (!q) return of({ status: 'idle' });
    let path: string;
    try {
      path = this.api.tenantPath('/search');
    } catch (e) {
      return of({ status: 'error', q, error: e as ApiError });
    }
    return this.api.get<SearchResult>(path, { q }).pipe(
      map((result): SearchState => ({ status: 'done', q, result: { total: result?.total ?? 0, hits: result?.hits ?? [] } })),
      startWith<SearchState>({ status: 'loading', q }),
      catchError((error: ApiError) => of<SearchState>({ status: 'error', q, error })),
    );
  }
}
