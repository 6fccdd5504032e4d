import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatChipsModule } from '@angular/material/chips';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import { catchError, map, Observable, of, startWith, switchMap } from 'rxjs';
import { ApiError } from '../core/api';
import { I18n, MESSAGES, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { OpacPaginatorIntl } from '../core/paginator-intl';
import { ADVANCED_FIELDS, Catalogue, hasConditions, QUERY_KEYS, SEARCH_SORTS, SearchQuery, SearchResult, SearchSort } from './catalogue';
import { HitList } from './hit-list';
import { SearchBox } from './search-box';

type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; q: SearchQuery }
  | { status: 'done'; q: SearchQuery; result: SearchResult }
  | { status: 'error'; q: SearchQuery; error: ApiError };

type AdvancedField = (typeof ADVANCED_FIELDS)[number];
const VIEW_KEY = 'shiori.opac.view';

/** One applied filter shown as a removable chip. */
interface ActiveFilter {
  key: keyof SearchQuery;
  label: string;
}

/**
 * Catalogue search: the simple box, the advanced form (title, author, publisher, ISBN, year
 * range, NDC), facets, sort, list/grid and pages. Every condition lives in the URL, so a
 * result page can be bookmarked, shared and reached with the back button.
 */
@Component({
  selector: 'opac-search-page',
  imports: [
    SearchBox,
    HitList,
    RouterLink,
    MatProgressBarModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatChipsModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatPaginatorModule,
    MatSelectModule,
  ],
  providers: [{ provide: MatPaginatorIntl, useClass: OpacPaginatorIntl }],
  templateUrl: './search-page.html',
  styleUrl: './search-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchPage {
  private readonly catalogue = inject(Catalogue);
  private readonly router = inject(Router);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly sorts = SEARCH_SORTS;
  protected readonly advancedFields = ADVANCED_FIELDS;

  private readonly params = toSignal(inject(ActivatedRoute).queryParams, { initialValue: {} as Params });
  /** The conditions of the URL, cleaned. */
  protected readonly query = computed<SearchQuery>(() => {
    const p = this.params();
    const q: SearchQuery = {};
    for (const key of QUERY_KEYS) {
      const v = p[key];
      if (v === undefined || v === null || String(v).trim() === '') continue;
      (q as Record<string, string | number>)[key] = key === 'page' || key === 'size' ? Number(v) || 1 : String(v).trim();
    }
    if (q.sort && !SEARCH_SORTS.includes(q.sort)) delete q.sort;
    return q;
  });
  protected readonly text = computed(() => this.query().q ?? '');
  protected readonly sort = computed<SearchSort>(() => this.query().sort ?? 'relevance');
  protected readonly pageSize = computed(() => this.query().size ?? 20);
  protected readonly pageIndex = computed(() => (this.query().page ?? 1) - 1);

  /** The advanced form: open when the URL has advanced conditions, or on request. */
  protected readonly advancedOpen = linkedSignal(() => ADVANCED_FIELDS.some((f) => !!this.query()[f]));
  protected readonly draft = linkedSignal<Record<AdvancedField, string>>(() => {
    const q = this.query();
    return Object.fromEntries(ADVANCED_FIELDS.map((f) => [f, String(q[f] ?? '')])) as Record<AdvancedField, string>;
  });

  protected readonly view = signal<'list' | 'grid'>(readView());

  protected readonly state = toSignal(toObservable(this.query).pipe(switchMap((q) => this.run(q))), {
    initialValue: { status: 'idle' } as SearchState,
  });
  protected readonly errorText = computed(() => {
    const s = this.state();
    return s.status === 'error' ? this.i18n.pick(s.error.localized) : '';
  });
  protected readonly result = computed(() => {
    const s = this.state();
    return s.status === 'done' ? s.result : null;
  });
  /** What the search was for, in words: "こころ" or "title: こころ, author: 漱石". */
  protected readonly describe = computed(() => {
    const q = this.query();
    const parts = [q.q ?? ''].filter(Boolean);
    for (const f of ADVANCED_FIELDS) if (q[f]) parts.push(`${this.i18n.t(('search.field.' + f) as MessageKey)}: ${q[f]}`);
    return parts.join(', ');
  });

  protected readonly activeFilters = computed<ActiveFilter[]>(() => {
    const q = this.query();
    const out: ActiveFilter[] = [];
    if (q.available) out.push({ key: 'available', label: this.i18n.t(q.available === 'true' ? 'facet.availableOnly' : 'facet.notAvailable') });
    if (q.materialType) out.push({ key: 'materialType', label: this.materialLabel(q.materialType) });
    if (q.branch) out.push({ key: 'branch', label: this.library.branchName(q.branch) });
    if (q.ndc) out.push({ key: 'ndc', label: `NDC ${q.ndc}` });
    if (q.yearFrom || q.yearTo) out.push({ key: 'yearFrom', label: `${q.yearFrom ?? ''}–${q.yearTo ?? ''}` });
    return out;
  });

  protected readonly materialLabel = (code: string): string => {
    const key = ('material.' + code) as MessageKey;
    return key in MESSAGES_JA ? this.i18n.t(key) : code;
  };
  protected readonly ndcLabel = (v: string): string => {
    const key = ('ndc.' + v) as MessageKey;
    return key in MESSAGES_JA ? `${v} ${this.i18n.t(key)}` : v;
  };
  protected readonly availabilityLabel = (v: string): string => {
    const key = ('availability.' + v) as MessageKey;
    return key in MESSAGES_JA ? this.i18n.t(key) : v;
  };
  protected readonly branchLabel = (v: { value: string; label?: string | null }): string =>
    this.library.branchName(v.value) || v.label || v.value;

  protected search(q: string): void {
    this.go({ q, page: undefined });
  }

  protected setDraft(field: AdvancedField, value: string): void {
    this.draft.update((d) => ({ ...d, [field]: value }));
  }

  protected submitAdvanced(event: Event): void {
    event.preventDefault();
    const d = this.draft();
    const patch: Params = { page: undefined };
    for (const f of ADVANCED_FIELDS) patch[f] = d[f].trim() || undefined;
    this.go(patch);
  }

  protected clearAdvanced(): void {
    this.draft.set(Object.fromEntries(ADVANCED_FIELDS.map((f) => [f, ''])) as Record<AdvancedField, string>);
  }

  protected setSort(sort: SearchSort): void {
    this.go({ sort: sort === 'relevance' ? undefined : sort, page: undefined });
  }

  protected setView(view: 'list' | 'grid'): void {
    this.view.set(view);
    try {
      localStorage.setItem(VIEW_KEY, view);
    } catch {
      // storage off: the choice lasts this page
    }
  }

  protected page(e: PageEvent): void {
    this.go({ page: e.pageIndex + 1 === 1 ? undefined : e.pageIndex + 1, size: e.pageSize === 20 ? undefined : e.pageSize });
  }

  /** Query params for a facet link: the filter set, back to page 1. */
  protected facet(patch: Params): Params {
    return { ...this.params(), ...patch, page: undefined };
  }

  protected removeFilter(key: keyof SearchQuery): void {
    this.go(key === 'yearFrom' ? { yearFrom: undefined, yearTo: undefined } : { [key]: undefined, page: undefined });
  }

  private go(patch: Params): void {
    const clean: Params = {};
    for (const [k, v] of Object.entries({ ...this.params(), ...patch })) if (v !== undefined && v !== null && v !== '') clean[k] = v;
    void this.router.navigate(['/search'], { queryParams: clean });
  }

  private run(q: SearchQuery): Observable<SearchState> {
    if (!hasConditions(q)) return of({ status: 'idle' });
    return this.catalogue.search(q).pipe(
      map((result): SearchState => ({ status: 'done', q, result: { ...result, total: result?.total ?? 0, hits: result?.hits ?? [] } })),
      startWith<SearchState>({ status: 'loading', q }),
      catchError((error: unknown) => of<SearchState>({ status: 'error', q, error: error as ApiError })),
    );
  }
}

const MESSAGES_JA = MESSAGES.ja;

function readView(): 'list' | 'grid' {
  try {
    return localStorage.getItem(VIEW_KEY) === 'grid' ? 'grid' : 'list';
  } catch {
    return 'list';
  }
}
