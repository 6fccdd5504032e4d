import { NgTemplateOutlet } from '@angular/common';
import { afterNextRender, ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSliderModule } from '@angular/material/slider';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import { catchError, firstValueFrom, map, Observable, of, startWith, switchMap } from 'rxjs';
import { ApiError } from '../core/api';
import { Kiosk } from '../core/kiosk';
import { WHEN_IDLE } from '../core/when-idle';
import { Session } from '../core/session';
import { ReadingApi } from '../reading/reading-api';
import { I18n, MESSAGES, MessageKey } from '../core/i18n';
import { Library } from '../core/library';
import { KioskSearchKeys } from '../kiosk/kiosk-search-keys';
import type { SearchResult } from '@shiori/contracts';
import { SEARCH_FIELDS, SEARCH_SORTS, SEARCH_URL_KEYS, SearchSort } from '@shiori/policy';
import { Catalog, FACET_KEYS, FacetKey, hasConditions, notKey, savedSearchOf, SearchQuery } from './catalog';
import { ndcLabel } from '@shiori/web-core';
import { ResultLinks } from './result-links';
import { FilterDrawer } from './filter-drawer';
import { HitList } from './hit-list';
import { PageChange, Pager } from './pager';
import { SearchBox } from './search-box';
import { ServerAnswer } from './server-answer';

type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; q: SearchQuery }
  | { status: 'done'; q: SearchQuery; result: SearchResult }
  | { status: 'error'; q: SearchQuery; error: ApiError };

type AdvancedField = (typeof SEARCH_FIELDS)[number];
const VIEW_KEY = 'shiori.opac.view';

/** One applied filter shown as a removable chip. */
interface ActiveFilter {
  key: keyof SearchQuery;
  label: string;
}

/**
 * Catalog search: the simple box, the advanced form (title, author, publisher, ISBN, year
 * range, NDC), facets, sort, list/grid and pages. Every condition lives in the URL, so a
 * result page can be bookmarked, shared and reached with the back button.
 */
@Component({
  selector: 'opac-search-page',
  imports: [
    SearchBox,
    HitList,
    Pager,
    FilterDrawer,
    RouterLink,
    MatProgressBarModule,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatSliderModule,
    KioskSearchKeys,
    ResultLinks,
    NgTemplateOutlet,
  ],
  templateUrl: './search-page.html',
  styleUrl: './search-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchPage {
  private readonly catalogue = inject(Catalog);
  private readonly router = inject(Router);
  private readonly library = inject(Library);
  private readonly i18n = inject(I18n);
  private readonly session = inject(Session);
  private readonly reading = inject(ReadingApi);
  private readonly serverAnswer = inject(ServerAnswer);
  protected readonly t = this.i18n.t;
  protected readonly sorts = SEARCH_SORTS;
  protected readonly advancedFields = SEARCH_FIELDS;

  private readonly params = toSignal(inject(ActivatedRoute).queryParams, { initialValue: {} as Params });
  /** The conditions of the URL, cleaned. */
  protected readonly query = computed<SearchQuery>(() => {
    const p = this.params();
    const q: SearchQuery = {};
    for (const key of SEARCH_URL_KEYS) {
      const v = p[key];
      if (v === undefined || v === null || String(v).trim() === '') continue;
      (q as Record<string, string | number>)[key] = key === 'page' || key === 'size' ? Number(v) || 1 : String(v).trim();
    }
    if (q.sort && !SEARCH_SORTS.includes(q.sort)) delete q.sort;
    return q;
  });
  protected readonly text = computed(() => this.query().q ?? '');
  protected readonly kiosk = inject(Kiosk);
  /** What the kiosk's on-screen keys have typed (starts from the current search). */
  protected readonly kioskText = linkedSignal(() => this.text());

  protected searchTyped(): void {
    const q = this.kioskText().trim();
    if (q) this.search(q);
  }
  protected readonly sort = computed<SearchSort>(() => this.query().sort ?? 'relevance');
  protected readonly pageSize = computed(() => this.query().size ?? 20);
  protected readonly pageIndex = computed(() => (this.query().page ?? 1) - 1);

  /** The advanced form: open when the URL has advanced conditions, or on request. */
  protected readonly advancedOpen = linkedSignal(() => SEARCH_FIELDS.some((f) => !!this.query()[f]));
  protected readonly draft = linkedSignal<Record<AdvancedField, string>>(() => {
    const q = this.query();
    return Object.fromEntries(SEARCH_FIELDS.map((f) => [f, String(q[f] ?? '')])) as Record<AdvancedField, string>;
  });

  protected readonly view = signal<'list' | 'grid'>(readView());

  /**
   * The facets (Material expansion panels, the year slider, form fields) are drawn in a task of
   * their own once the first results are on screen and the browser is idle: on a phone they
   * sit in the closed 「絞り込み」 panel, and drawing them with the list made the first render
   * one long task. (Not a @defer block: its runtime would weigh on every page of the OPAC.)
   */
  protected readonly facetsReady = signal(false);

  constructor() {
    const whenIdle = inject(WHEN_IDLE);
    afterNextRender(() => whenIdle(() => this.facetsReady.set(true)));
  }

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
    for (const f of SEARCH_FIELDS) if (q[f]) parts.push(`${this.i18n.t(('search.field.' + f) as MessageKey)}: ${q[f]}`);
    return parts.join(', ');
  });

  protected readonly activeFilters = computed<ActiveFilter[]>(() => {
    const q = this.query();
    const out: ActiveFilter[] = [];
    if (q.available) out.push({ key: 'available', label: this.i18n.t(q.available === 'true' ? 'facet.availableOnly' : 'facet.notAvailable') });
    if (q.reservable) out.push({ key: 'reservable', label: this.i18n.t(q.reservable === 'true' ? 'facet.reservableChip' : 'facet.notReservableChip') });
    for (const key of FACET_KEYS) {
      const chosen = this.chosenValues(key);
      if (chosen.length) out.push({ key, label: chosen.map((v) => this.valueLabel(key, v)).join('・') });
      const left = this.excludedValues(key);
      if (left.length) out.push({ key: notKey(key), label: this.i18n.t('facet.excluded', { names: left.map((v) => this.valueLabel(key, v)).join('・') }) });
    }
    if (q.yearFrom || q.yearTo) out.push({ key: 'yearFrom', label: `${this.i18n.t('facet.year')} ${q.yearFrom ?? ''}–${q.yearTo ?? ''}` });
    return out;
  });

  /** A facet value as a patron reads it: names, never codes where a name exists. */
  protected readonly valueLabel = (key: FacetKey, v: string): string =>
    key === 'materialType'
      ? this.materialLabel(v)
      : key === 'branch'
        ? this.library.branchName(v) || v
        : key === 'availability'
          ? this.availabilityLabel(v)
          : key === 'ndc'
            ? this.ndcLabel(v)
            : v;

  /** A facet count, marked 「約」 when the result is an estimate (more matches than were counted). */
  protected count(n: number): string {
    return this.result()?.exact === false ? this.i18n.t('facet.countAbout', { count: n }) : String(n);
  }

  /**
   * 予約可: how many found records may be reserved under this library's hold rules, as the API
   * counts them with the filter's own condition (holds.ownedOnly included).
   */
  protected readonly reservableCount = computed(() => this.result()?.facets?.reservable ?? 0);

  protected readonly materialLabel = (code: string): string => {
    const key = ('material.' + code) as MessageKey;
    return key in MESSAGES_JA ? this.i18n.t(key) : code;
  };
  protected readonly ndcLabel = (v: string): string => ndcLabel(v, this.i18n.lang() === 'en' ? 'en' : 'ja');
  protected readonly availabilityLabel = (v: string): string => {
    const key = ('availability.' + v) as MessageKey;
    return key in MESSAGES_JA ? this.i18n.t(key) : v;
  };
  protected readonly branchLabel = (v: { value: string; label?: string | null }): string =>
    this.library.branchName(v.value) || v.label || v.value;

  /** 「この条件で新着お知らせ」: where the library offers alerts and this is not a shared kiosk without personal features. */
  protected readonly alertsOffered = computed(() => !!this.library.features()?.alerts && this.kiosk.personalFeatures());
  protected readonly alertBusy = signal(false);
  /** What saving the search as an alert did; cleared when the search changes. */
  protected readonly alertNotice = linkedSignal<SearchQuery, { saved: boolean; text: string } | null>({ source: this.query, computation: () => null });

  /**
   * The alert's name: the words and fields, then the filters as the chips read them (names,
   * never codes), so a patron tells two alerts of the same words apart.
   */
  private alertName(): string {
    const filters = this.activeFilters()
      .filter((f) => f.key !== 'ndc' && f.key !== 'yearFrom') // already among the fields
      .map((f) => f.label);
    return [this.describe(), ...filters].filter(Boolean).join(', ').slice(0, 100);
  }

  /** Saves the current search as a new-arrival alert in one click (a patron not signed in signs in first, then comes back). */
  protected async saveAlert(): Promise<void> {
    if (this.alertBusy()) return;
    if (!this.session.signedIn()) {
      await this.router.navigate(['/login'], { queryParams: { next: this.router.url } });
      return;
    }
    this.alertBusy.set(true);
    try {
      const saved = await firstValueFrom(this.reading.createAlert(this.alertName(), savedSearchOf(this.query())));
      this.alertNotice.set({ saved: true, text: this.t('search.alertSaved', { name: saved.name }) });
    } catch (e) {
      this.alertNotice.set({ saved: false, text: this.i18n.pick((e as ApiError).localized) });
    } finally {
      this.alertBusy.set(false);
    }
  }

  protected didYouMeanReason(reason: string): string {
    const key = ('didYouMean.reason.' + reason) as MessageKey;
    return key in MESSAGES_JA ? this.i18n.t(key) : '';
  }

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
    for (const f of SEARCH_FIELDS) patch[f] = d[f].trim() || undefined;
    this.go(patch);
  }

  protected clearAdvanced(): void {
    this.draft.set(Object.fromEntries(SEARCH_FIELDS.map((f) => [f, ''])) as Record<AdvancedField, string>);
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

  /** The view's radio group: the arrow keys choose the other view, as in any radio group. */
  protected viewKey(event: KeyboardEvent): void {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
    event.preventDefault();
    const next = this.view() === 'list' ? 'grid' : 'list';
    this.setView(next);
    (event.currentTarget as HTMLElement).querySelector<HTMLButtonElement>(`[data-view=${next}]`)?.focus();
  }

  protected page(e: PageChange): void {
    this.go({ page: e.pageIndex + 1 === 1 ? undefined : e.pageIndex + 1, size: e.pageSize === 20 ? undefined : e.pageSize });
  }

  /** The values chosen in a facet (a comma list in the URL: any of them matches). */
  private chosenValues(key: FacetKey): string[] {
    return (this.query()[key] ?? '').split(',').filter(Boolean);
  }

  /** The values left out of a facet (NOT). */
  private excludedValues(key: FacetKey): string[] {
    return (this.query()[notKey(key)] ?? '').split(',').filter(Boolean);
  }

  protected chosen(key: FacetKey, value: string): boolean {
    return this.chosenValues(key).includes(value);
  }

  /** Query params that add a facet value to those chosen, or take it away (OR within a facet, AND across facets). */
  protected toggle(key: FacetKey, value: string): Params {
    const current = this.chosenValues(key);
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    const left = this.excludedValues(key).filter((v) => v !== value);
    return this.facet({ [key]: next.length ? next.join(',') : undefined, [notKey(key)]: left.length ? left.join(',') : undefined });
  }

  /** Query params that leave a facet value out (NOT), no longer choosing it. */
  protected exclude(key: FacetKey, value: string): Params {
    const chosen = this.chosenValues(key).filter((v) => v !== value);
    const left = [...new Set([...this.excludedValues(key), value])];
    return this.facet({ [key]: chosen.length ? chosen.join(',') : undefined, [notKey(key)]: left.join(',') });
  }

  /** The year range being edited (the inputs and the slider), from the URL or the years found. */
  protected readonly yearDraft = linkedSignal(() => {
    const q = this.query();
    const years = this.result()?.facets?.years;
    return { from: q.yearFrom ? Number(q.yearFrom) : (years?.min ?? null), to: q.yearTo ? Number(q.yearTo) : (years?.max ?? null) };
  });
  /** The slider's bounds: the years found, widened to the range asked for. */
  protected readonly yearBounds = computed(() => {
    const years = this.result()?.facets?.years;
    // no match has a year (a year in the URL would have left out the records without one)
    if (!years || years.min === null || years.max === null) return null;
    const q = this.query();
    const min = Math.min(years.min, q.yearFrom ? Number(q.yearFrom) : years.min);
    const max = Math.max(years.max, q.yearTo ? Number(q.yearTo) : years.max);
    return min < max ? { min, max } : null;
  });
  protected readonly yearInvalid = computed(() => {
    const d = this.yearDraft();
    return d.from !== null && d.to !== null && d.from > d.to;
  });

  protected setYear(end: 'from' | 'to', value: string | number): void {
    const n = value === '' ? null : Number(value);
    this.yearDraft.update((d) => ({ ...d, [end]: n !== null && Number.isFinite(n) ? Math.trunc(n) : null }));
  }

  protected applyYears(event: Event): void {
    event.preventDefault();
    if (this.yearInvalid()) return;
    const d = this.yearDraft();
    this.go({ yearFrom: d.from ?? undefined, yearTo: d.to ?? undefined, page: undefined });
  }

  /** Query params for a facet link: the filter set, back to page 1. */
  protected facet(patch: Params): Params {
    return { ...this.params(), ...patch, page: undefined };
  }

  protected removeFilter(key: keyof SearchQuery): void {
    this.go(key === 'yearFrom' ? { yearFrom: undefined, yearTo: undefined, page: undefined } : { [key]: undefined, page: undefined });
  }

  private go(patch: Params): void {
    const clean: Params = {};
    for (const [k, v] of Object.entries({ ...this.params(), ...patch })) if (v !== undefined && v !== null && v !== '') clean[k] = v;
    void this.router.navigate(['/search'], { queryParams: clean });
  }

  private run(q: SearchQuery): Observable<SearchState> {
    if (!hasConditions(q)) return of({ status: 'idle' });
    const done = (result: SearchResult): SearchState => ({ status: 'done', q, result: { ...result, total: result?.total ?? 0, hits: result?.hits ?? [] } });
    // the first page of a search the server already ran for this URL: its answer is in the page
    const sent = this.serverAnswer.take(q);
    if (sent) return of(done(sent));
    return this.catalogue.search(q).pipe(
      map(done),
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
