import { NgTemplateOutlet } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import { catchError, map, Observable, of, startWith, switchMap } from 'rxjs';
import { I18n, MessageKey } from '../core/i18n';
import { SearchBox } from '../catalog/search-box';
import type { MissingCity, RegionSearchResult } from '@shiori/contracts';
import { REGION_NOT_KEYS, REGION_QUERY_KEYS, RegionCatalog, RegionFacetKey, RegionQuery } from './region-catalog';
import { RegionText } from './region-i18n';
import { WorkList } from './work-list';

/** The API reads at most this many hits of each city (regional-search.service.ts HITS_PER_CITY). */
const MAX_HITS_PER_CITY = 100;

type State =
  | { status: 'loading'; q: RegionQuery }
  | { status: 'done'; q: RegionQuery; result: RegionSearchResult }
  | { status: 'error'; q: RegionQuery; notFound: boolean; message: string };

/** A problem+json message in the reader's language, else null. */
function problemMessage(e: unknown, lang: 'ja' | 'en'): string | null {
  const body = e instanceof HttpErrorResponse ? e.error : null;
  const msg = body && typeof body === 'object' ? (body as { message?: { ja?: string; en?: string } }).message : null;
  return msg ? (msg[lang] ?? msg.ja ?? null) : null;
}

/**
 * 横断検索: one search box over every library of the region; each work found once, with
 * the libraries holding it, their availability and a link to each library's record page;
 * facets (library, availability and material type with several values and values left out,
 * year) and a work's author as a link; the libraries missing from the answer.
 * Every condition lives in the URL.
 */
@Component({
  selector: 'opac-region-search-page',
  imports: [SearchBox, WorkList, RouterLink, NgTemplateOutlet, MatButtonModule, MatIconModule, MatProgressBarModule],
  templateUrl: './region-search-page.html',
  styleUrl: './region-search-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegionSearchPage {
  private readonly catalogue = inject(RegionCatalog);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly t = this.i18n.t;
  protected readonly rt = inject(RegionText).t;

  private readonly params = toSignal(inject(ActivatedRoute).queryParams, { initialValue: {} as Params });
  protected readonly query = computed<RegionQuery>(() => {
    const p = this.params();
    const q: RegionQuery = {};
    for (const key of REGION_QUERY_KEYS) {
      const v = p[key];
      if (v === undefined || v === null || String(v).trim() === '') continue;
      (q as Record<string, string | number>)[key] = key === 'page' || key === 'yearFrom' || key === 'yearTo' ? Number(v) || 1 : String(v).trim();
    }
    return q;
  });
  protected readonly text = computed(() => this.query().q ?? '');
  /** The city OPAC the reader came from (`?from={slug}`, kept while they search): a member of this region, or none. */
  private readonly from = computed(() => {
    const v = this.params()['from'];
    return typeof v === 'string' && /^[a-z][a-z0-9-]{1,30}$/.test(v) ? v : null;
  });
  protected readonly homeCity = computed(() => {
    const slug = this.from();
    const m = slug ? this.result()?.members.find((x) => x.city === slug) : null;
    return m ? { slug: m.city, name: m.cityName } : null;
  });

  protected readonly state = toSignal(toObservable(this.query).pipe(switchMap((q) => this.run(q))), {
    initialValue: { status: 'loading', q: {} } as State,
  });
  protected readonly result = computed(() => {
    const s = this.state();
    return s.status === 'done' ? s.result : null;
  });
  /** The region's name in the reader's language, once the first answer has come. */
  protected readonly regionName = computed(() => {
    const r = this.result()?.region;
    if (!r) return '';
    return (this.i18n.lang() === 'en' && r.nameEn) || r.name;
  });
  protected readonly heading = computed(() => (this.regionName() ? this.rt('region.title', { region: this.regionName() }) : this.rt('region.titlePlain')));
  protected readonly memberNames = computed(() => (this.result()?.members ?? []).map((m) => m.cityName).join('、'));
  protected readonly pages = computed(() => {
    const r = this.result();
    return r ? Math.max(1, Math.ceil(r.total / r.size)) : 1;
  });
  protected readonly page = computed(() => this.query().page ?? 1);
  /**
   * A next page: more works read than this page shows, or (`exact: false`) cities with more
   * matches than were read for this page, which the next page reads (up to 100 a city).
   */
  protected readonly hasNext = computed(() => {
    const r = this.result();
    if (!r) return false;
    const shown = this.page() * r.size;
    return r.total > shown || (!r.exact && shown < MAX_HITS_PER_CITY);
  });

  constructor() {
    const title = inject(Title);
    effect(() => title.setTitle(this.heading()));
  }

  private run(q: RegionQuery): Observable<State> {
    return this.catalogue.search(q).pipe(
      map((result): State => ({ status: 'done', q, result })),
      catchError((e: unknown) =>
        of<State>({
          status: 'error',
          q,
          notFound: e instanceof HttpErrorResponse && e.status === 404,
          message: problemMessage(e, this.i18n.lang()) ?? this.t('error.network'),
        }),
      ),
      startWith<State>({ status: 'loading', q }),
    );
  }

  protected search(q: string): void {
    void this.router.navigate(['/'], { queryParams: { ...(q ? { q } : {}), ...(this.from() ? { from: this.from() } : {}) } });
  }

  /** The URL's conditions with `change` applied and back on page 1. */
  protected facet(change: Partial<Record<keyof RegionQuery, string | number | null>>): Params {
    return { ...this.query(), from: this.from(), page: null, ...change };
  }

  /** Some filter is in the URL (the facets stay to undo it even when nothing matches). */
  protected readonly filtered = computed(() => REGION_QUERY_KEYS.some((k) => k !== 'q' && k !== 'page' && this.query()[k] !== undefined));

  /** The values chosen in a facet (a comma list in the URL: any of them matches). */
  private values(key: keyof RegionQuery): string[] {
    return String(this.query()[key] ?? '').split(',').filter(Boolean);
  }

  protected chosen(key: RegionFacetKey, value: string | undefined): boolean {
    return value !== undefined && this.values(key).includes(value);
  }

  /** A facet value added to those chosen, or taken away (OR within a facet, AND across), no longer left out. */
  protected toggle(key: RegionFacetKey, value: string | undefined): Params {
    if (value === undefined) return this.facet({});
    const now = this.values(key);
    const next = now.includes(value) ? now.filter((v) => v !== value) : [...now, value];
    const notKey = REGION_NOT_KEYS[key];
    const change: Partial<Record<keyof RegionQuery, string | null>> = { [key]: next.join(',') || null };
    if (notKey) change[notKey] = this.values(notKey).filter((v) => v !== value).join(',') || null;
    return this.facet(change);
  }

  /** A facet value left out (NOT), no longer chosen. */
  protected exclude(key: RegionFacetKey, value: string | undefined): Params {
    const notKey = REGION_NOT_KEYS[key];
    if (value === undefined || !notKey) return this.facet({});
    return this.facet({
      [key]: this.values(key).filter((v) => v !== value).join(',') || null,
      [notKey]: [...new Set([...this.values(notKey), value])].join(','),
    });
  }

  /**
   * The filters a facet list cannot show (values left out, the author), each as its words and
   * the link that removes it.
   */
  protected readonly removable = computed(() => {
    const q = this.query();
    const out: { label: string; params: Params }[] = [];
    if (q.author) out.push({ label: this.rt('region.authorChosen', { name: q.author }), params: this.facet({ author: null }) });
    const left: [keyof RegionQuery, string, (v: string) => string][] = [
      ['notAvailability', this.t('facet.availability'), (v) => this.availability(v)],
      ['notMaterialType', this.t('facet.materialType'), (v) => this.material(v)],
    ];
    for (const [key, facet, name] of left) {
      const values = this.values(key);
      for (const v of values) out.push({ label: this.rt('region.excludedChosen', { facet, name: name(v) }), params: this.facet({ [key]: values.filter((x) => x !== v).join(',') || null }) });
    }
    return out;
  });

  /** A work's author as a link: that author's works in every library (words in the author field, whatever each city's spelling). */
  protected readonly authorLink = (name: string): Params => this.facet({ author: name });

  /** The chosen publication years, as the link that removes them reads. */
  protected readonly yearChosen = computed(() => this.rt('region.yearChosen', { from: this.query().yearFrom ?? '', to: this.query().yearTo ?? '' }));
  /** A range typed backwards: said at the form, not sent (the API would refuse it: SEARCH_YEAR_RANGE). */
  protected readonly yearInvalid = linkedSignal<RegionQuery, boolean>({ source: this.query, computation: () => false });

  /** The year-range form: both years optional, whole years, from ≤ to; back on page 1. */
  protected applyYears(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const year = (name: string) => {
      const v = (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
      return /^\d{1,4}$/.test(v) ? Number(v) : null;
    };
    const from = year('regionYearFrom');
    const to = year('regionYearTo');
    if (from !== null && to !== null && from > to) {
      this.yearInvalid.set(true);
      return;
    }
    this.yearInvalid.set(false);
    void this.router.navigate(['/'], { queryParams: this.facet({ yearFrom: from, yearTo: to }) });
  }

  protected goTo(page: number): Params {
    return { ...this.query(), from: this.from(), page: page > 1 ? page : null };
  }

  protected material(code: string | undefined): string {
    return this.t(`material.${code}` as MessageKey) ?? code ?? '';
  }

  protected availability(code: string | undefined): string {
    return this.t(`availability.${code}` as MessageKey) ?? code ?? '';
  }

  protected missingReason(m: MissingCity): string {
    return this.i18n.pick({ ja: m.message.ja, en: m.message.en });
  }
}
