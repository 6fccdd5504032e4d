import { inject, Injectable } from '@angular/core';
import { Observable } from 'rxjs';
import { Api } from '../core/api';
import { Localized } from '../core/i18n';

/** A record's copies summed up (the hit list's 貸出可 / 貸出中 badge). */
export interface Availability {
  total: number;
  available: number;
  onLoan: number;
  /** available: a loanable copy on the shelf; on-loan: all out; reference-only: 禁帯出 only; unavailable: none */
  status: 'available' | 'on-loan' | 'reference-only' | 'unavailable' | string;
}

export interface Author {
  name: string;
  reading?: string | null;
}

/** A record in search results and public lists. */
export interface Hit {
  id: string;
  title: string;
  titleReading?: string | null;
  subtitle?: string | null;
  authors?: Author[] | null;
  year?: number | null;
  publisher?: string | null;
  materialType?: string | null;
  series?: string | null;
  volume?: string | null;
  isbn?: string | null;
  receivedAt?: string | null;
  availability?: Availability;
  /** best-loans / best-holds */
  rank?: number;
  count?: number;
}

export interface FacetValue {
  value: string;
  label?: string | null;
  count: number;
}

export interface Facets {
  materialType: FacetValue[];
  branch: FacetValue[];
  availability: FacetValue[];
  year: { from: number; to: number; count: number }[];
  ndc: FacetValue[];
  /** the authors found most often (exact names) */
  author?: FacetValue[];
  /** the publication years found, bounds of the year range (null when none has a year) */
  years?: { min: number; max: number } | null;
}

/** A query that finds more than the one typed (もしかして), never applied without the patron's click. */
export interface DidYouMean {
  q: string;
  total: number;
  reason: 'isbn' | 'romaji' | 'script' | 'typo' | string;
}

/** One suggestion as you type (`GET /suggest`). */
export interface Suggestion {
  kind: 'title' | 'author' | 'series' | string;
  label: string;
  reading?: string | null;
}

/** `GET /search` */
export interface SearchResult {
  total: number;
  didYouMean?: DidYouMean;
  exact?: boolean;
  page: number;
  size: number;
  sort?: string;
  hits: Hit[];
  facets?: Facets;
}

export const SEARCH_SORTS = ['relevance', 'newest', 'title'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The search conditions, as they travel in the page URL and to the API. */
export interface SearchQuery {
  q?: string;
  title?: string;
  author?: string;
  publisher?: string;
  isbn?: string;
  yearFrom?: string;
  yearTo?: string;
  ndc?: string;
  materialType?: string;
  branch?: string;
  available?: string;
  /** availability states, comma separated (on-loan = 貸出中) */
  availability?: string;
  /** 'true': only what may be reserved now under the city's hold rules (予約可) */
  reservable?: string;
  /** authors' exact names from the author facet, comma separated (any of them) */
  authorName?: string;
  /** facet values left out (NOT), comma separated */
  notMaterialType?: string;
  notBranch?: string;
  notAvailability?: string;
  notNdc?: string;
  notAuthorName?: string;
  sort?: SearchSort;
  page?: number;
  size?: number;
}

export const ADVANCED_FIELDS = ['title', 'author', 'publisher', 'isbn', 'yearFrom', 'yearTo', 'ndc'] as const;
/** The facets whose values can be chosen (any of them) or left out (`not…`). */
export const FACET_KEYS = ['materialType', 'branch', 'availability', 'ndc', 'authorName'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
/** The URL key that leaves a facet's values out: materialType → notMaterialType. */
export function notKey(key: FacetKey): 'notMaterialType' | 'notBranch' | 'notAvailability' | 'notNdc' | 'notAuthorName' {
  return `not${key[0].toUpperCase()}${key.slice(1)}` as ReturnType<typeof notKey>;
}
export const QUERY_KEYS = [
  'q',
  ...ADVANCED_FIELDS,
  'materialType',
  'branch',
  'available',
  'availability',
  'reservable',
  'authorName',
  'notMaterialType',
  'notBranch',
  'notAvailability',
  'notNdc',
  'notAuthorName',
  'sort',
  'page',
  'size',
] as const;

/** One copy on the record page. */
export interface Copy {
  barcode: string;
  branchCode: string;
  branchName?: string;
  /** on-shelf, on-loan, reserved, on-hold-shelf, in-transit, missing */
  status: string;
  loanable: boolean;
  shelfLocation?: string | null;
  /** 請求記号 as on the spine label (913.6/ナ/1) */
  callNumber?: string | null;
  /** 返却予定日 of a loaned copy, YYYY-MM-DD */
  dueDate?: string | null;
  materialType?: string | null;
}

/** `GET /records/{id}` */
export interface RecordDetail extends Hit {
  publishedYear?: number | null;
  ndc?: string | null;
  activeHolds?: number;
  /** the record's own cover image, when it has one */
  coverUrl?: string | null;
  copies: Copy[];
  reservable: { ok: boolean; code?: string; reason?: string; message?: Localized };
}

export interface PublicList {
  list: string;
  hits: Hit[];
}

export interface RecommendedLists {
  lists: { id: string; title: string; description?: string | null; hits: Hit[] }[];
}

/** True when any condition is given (a search without one is not run). */
export function hasConditions(q: SearchQuery): boolean {
  return [q.q, ...ADVANCED_FIELDS.map((f) => q[f])].some((v) => !!v && String(v).trim() !== '');
}

/**
 * A search as JSON, as a new-arrival alert saves it (`POST /me/alerts`, the API's
 * AlertQueryDto): the words and every filter of the search page, lists as arrays, flags as
 * booleans, years as numbers. The API matches new records with the search's own filters, so
 * the alert finds what the search page found.
 */
export interface SavedSearch {
  q?: string;
  title?: string;
  author?: string;
  publisher?: string;
  isbn?: string;
  yearFrom?: number;
  yearTo?: number;
  /** alerts saved before lists keep one string */
  ndc?: string[] | string;
  materialType?: string[];
  branch?: string[];
  available?: boolean;
  availability?: string[];
  reservable?: boolean;
  authorName?: string[];
  notMaterialType?: string[];
  notBranch?: string[];
  notAvailability?: string[];
  notNdc?: string[];
  notAuthorName?: string[];
}

const SAVED_TEXT = ['q', 'title', 'author', 'publisher', 'isbn'] as const;
const SAVED_LISTS = ['ndc', 'materialType', 'branch', 'availability', 'authorName', 'notMaterialType', 'notBranch', 'notAvailability', 'notNdc', 'notAuthorName'] as const;
const SAVED_FLAGS = ['available', 'reservable'] as const;
const SAVED_YEARS = ['yearFrom', 'yearTo'] as const;

/** The search page's conditions as an alert saves them (paging and order are not conditions). */
export function savedSearchOf(q: SearchQuery): SavedSearch {
  const out: SavedSearch = {};
  for (const k of SAVED_TEXT) if (q[k]?.trim()) out[k] = q[k]!.trim();
  for (const k of SAVED_YEARS) {
    const year = Number(q[k]);
    if (q[k]?.trim() && Number.isInteger(year)) out[k] = year;
  }
  for (const k of SAVED_LISTS) {
    const values = (q[k] ?? '').split(',').map((v) => v.trim()).filter(Boolean);
    if (values.length) out[k] = values;
  }
  for (const k of SAVED_FLAGS) if (q[k] === 'true' || q[k] === 'false') out[k] = q[k] === 'true';
  return out;
}

/** A saved search back as the search page's URL conditions (「今すぐ検索」 opens the very search). */
export function searchQueryOf(s: SavedSearch): SearchQuery {
  const out: SearchQuery = {};
  for (const k of SAVED_TEXT) if (s[k]) out[k] = s[k];
  for (const k of SAVED_YEARS) if (s[k] !== undefined && s[k] !== null) out[k] = String(s[k]);
  for (const k of SAVED_LISTS) {
    const v = s[k];
    const joined = Array.isArray(v) ? v.join(',') : v;
    if (joined) out[k] = joined;
  }
  for (const k of SAVED_FLAGS) if (typeof s[k] === 'boolean') out[k] = String(s[k]);
  return out;
}

/** The public catalogue: search, record pages and lists (no login). */
@Injectable({ providedIn: 'root' })
export class Catalogue {
  private readonly api = inject(Api);

  search(q: SearchQuery): Observable<SearchResult> {
    return this.api.get<SearchResult>(this.api.tenantPath('/search'), { ...q });
  }

  suggest(q: string): Observable<{ q: string; suggestions: Suggestion[] }> {
    return this.api.get<{ q: string; suggestions: Suggestion[] }>(this.api.tenantPath('/suggest'), { q });
  }

  record(id: string): Observable<RecordDetail> {
    return this.api.get<RecordDetail>(this.api.tenantPath(`/records/${encodeURIComponent(id)}`));
  }

  list(name: 'new-arrivals' | 'best-loans' | 'best-holds', size = 10): Observable<PublicList> {
    return this.api.get<PublicList>(this.api.tenantPath(`/lists/${name}`), name === 'new-arrivals' ? { size } : {});
  }

  recommended(): Observable<RecommendedLists> {
    return this.api.get<RecommendedLists>(this.api.tenantPath('/lists/recommended'));
  }
}

/** "夏目 漱石, 森 鷗外" */
export function authorsText(authors: Author[] | null | undefined): string {
  return (authors ?? []).map((a) => a.name).join(', ');
}
