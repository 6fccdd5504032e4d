import { inject, Injectable } from '@angular/core';
import type { AlertQuery, Author, NewArrivalsList, RankedHit, RankingList, RecommendedLists, RecordDetail, SearchHit, SearchResult, SuggestAnswer } from '@shiori/contracts';
import { SEARCH_URL_KEYS, SEARCH_WORD_KEYS, SearchSort } from '@shiori/policy';
import { Observable } from 'rxjs';
import { Api } from '../core/api';

// What the catalogue's endpoints answer is the API's own, from libs/contracts (`@shiori/contracts`
// catalog.ts: SearchResult, SearchHit, SuggestAnswer, RecordDetail, the lists): a field renamed
// there fails this build. The conditions a search page's URL carries are libs/policy's
// (SEARCH_URL_KEYS), which the server's first page of hits reads too.

/** A hit as a hit list shows it: a search hit, with its rank in a ranking (best loans, best holds). */
export type Hit = SearchHit & Partial<Pick<RankedHit, 'rank' | 'count'>>;

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

/** The facets whose values can be chosen (any of them) or left out (`not…`). */
export const FACET_KEYS = ['materialType', 'branch', 'availability', 'ndc', 'authorName'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
/** The URL key that leaves a facet's values out: materialType → notMaterialType. */
export function notKey(key: FacetKey): 'notMaterialType' | 'notBranch' | 'notAvailability' | 'notNdc' | 'notAuthorName' {
  return `not${key[0].toUpperCase()}${key.slice(1)}` as ReturnType<typeof notKey>;
}
/** Every key of the page's URL is a condition of SearchQuery: tsc fails here when libs/policy adds one SearchQuery lacks. */
const URL_KEYS_ARE_CONDITIONS: readonly (keyof SearchQuery)[] = SEARCH_URL_KEYS;
void URL_KEYS_ARE_CONDITIONS;

/** True when any condition is given (a search without one is not run). */
export function hasConditions(q: SearchQuery): boolean {
  return SEARCH_WORD_KEYS.map((k) => q[k]).some((v) => !!v && String(v).trim() !== '');
}

// A search as a new-arrival alert saves it is the contract's AlertQuery (`POST /me/alerts`: the
// words and every filter of the search page, lists as arrays, flags as booleans, years as
// numbers; alerts saved before lists keep `ndc` as one string). The API matches new records with
// the search's own filters, so the alert finds what the search page found.

const SAVED_TEXT = ['q', 'title', 'author', 'publisher', 'isbn'] as const;
const SAVED_LISTS = ['ndc', 'materialType', 'branch', 'availability', 'authorName', 'notMaterialType', 'notBranch', 'notAvailability', 'notNdc', 'notAuthorName'] as const;
const SAVED_FLAGS = ['available', 'reservable'] as const;
const SAVED_YEARS = ['yearFrom', 'yearTo'] as const;

/** The search page's conditions as an alert saves them (paging and order are not conditions). */
export function savedSearchOf(q: SearchQuery): AlertQuery {
  const out: AlertQuery = {};
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
export function searchQueryOf(s: AlertQuery): SearchQuery {
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
export class Catalog {
  private readonly api = inject(Api);

  search(q: SearchQuery): Observable<SearchResult> {
    return this.api.get<SearchResult>(this.api.tenantPath('/search'), { ...q });
  }

  suggest(q: string): Observable<SuggestAnswer> {
    return this.api.get<SuggestAnswer>(this.api.tenantPath('/suggest'), { q });
  }

  record(id: string): Observable<RecordDetail> {
    return this.api.get<RecordDetail>(this.api.tenantPath(`/records/${encodeURIComponent(id)}`));
  }

  list(name: 'new-arrivals' | 'best-loans' | 'best-holds', size = 10): Observable<NewArrivalsList | RankingList> {
    return this.api.get<NewArrivalsList | RankingList>(this.api.tenantPath(`/lists/${name}`), name === 'new-arrivals' ? { size } : {});
  }

  recommended(): Observable<RecommendedLists> {
    return this.api.get<RecommendedLists>(this.api.tenantPath('/lists/recommended'));
  }
}

/** "夏目 漱石, 森 鷗外" */
export function authorsText(authors: Author[] | null | undefined): string {
  return (authors ?? []).map((a) => a.name).join(', ');
}
