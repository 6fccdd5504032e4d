import type { AvailabilityStatus, ReservableResult, SearchSort } from '@shiori/policy';

// The catalogue's answers (API module `catalog`; admin console area 資料, OPAC areas 検索 and
// 資料詳細): the public search, suggestions, record pages and lists (`/api/t/{slug}/…`, no login),
// and the librarians' records, copies, imports and recommended lists (`/api/t/{slug}/admin/…`).

/** An author as a record stores it (the reading in kana when catalogued). */
export interface Author {
  name: string;
  reading?: string | null;
}

/**
 * The copy summary of a record: copies (not withdrawn), those on the shelf for loan, those out,
 * and the state they add up to (libs/policy AVAILABILITY_STATES).
 */
export interface Availability {
  total: number;
  available: number;
  onLoan: number;
  status: AvailabilityStatus;
}

/**
 * A record as a hit of the public search (`GET /search`) and of the public lists: never a
 * withdrawn one. `receivedAt` (受入日, `YYYY-MM-DD`) orders new arrivals.
 */
export interface SearchHit {
  id: string;
  title: string;
  titleReading: string | null;
  subtitle: string | null;
  authors: Author[];
  /** year of publication */
  year: number | null;
  publisher: string | null;
  materialType: string;
  series: string | null;
  volume: string | null;
  /** 13 digits */
  isbn: string | null;
  receivedAt: string | null;
  availability: Availability;
}

/** A facet value of the search (a material type, an availability state, an author's exact name, an NDC class) and its record count. */
export interface FacetValue {
  value: string;
  count: number;
}

/** A branch of the branch facet: its code, its name (null for a code no branch has any more), its record count. */
export interface BranchFacetValue extends FacetValue {
  label: string | null;
}

/** A decade of the year facet: `from`–`to` (1990–1999) and its record count. */
export interface DecadeFacetValue {
  from: number;
  to: number;
  count: number;
}

/** The facets of a search, counted over the matches (scaled from the sample when `exact` is false). */
export interface SearchFacets {
  materialType: FacetValue[];
  branch: BranchFacetValue[];
  availability: FacetValue[];
  /** newest decade first */
  year: DecadeFacetValue[];
  /** one level below the class searched (9 → 91, 92 …), at most three digits */
  ndc: FacetValue[];
  /** the authors found most often (exact names), at most 10 */
  author: FacetValue[];
  /**
   * 予約可: how many matches a patron may reserve on the web under the city's hold rules (the
   * `reservable` filter's own condition, `holds.ownedOnly` included); an estimate when `exact` is false
   */
  reservable: number;
  /**
   * The publication years of the matches, the bounds of the OPAC's year range: null when the
   * words find nothing searchable, both null when no match has a year.
   */
  years: { min: number | null; max: number | null } | null;
}

/** Why a もしかして query was offered: the ISBN's check digit, romaji typed for kana, kanji and kana mixed, a typo. */
export type DidYouMeanReason = 'isbn' | 'romaji' | 'script' | 'typo';

/** もしかして: a query that finds more than the one typed (never applied without the patron's click). */
export interface DidYouMean {
  q: string;
  total: number;
  reason: DidYouMeanReason;
}

/**
 * The words and filters of a catalogue search (`GET /search`, as JSON: lists are arrays, flags
 * booleans, years numbers): what the API's search statement takes and a new-arrival alert saves.
 */
export interface SearchConditions {
  /** Free words (or an ISBN). */
  q?: string;
  title?: string;
  author?: string;
  publisher?: string;
  isbn?: string;
  yearFrom?: number;
  yearTo?: number;
  /** NDC classes or prefixes, any of them: ['9'], ['913', '911'], ['913.6']. */
  ndc?: string[];
  materialType?: string[];
  /** Branch codes holding a copy (with `available`: an available copy there). */
  branch?: string[];
  /** true: a loanable copy is on the shelf; false: none is. */
  available?: boolean;
  /** Availability states (libs/policy AVAILABILITY_STATES: available, on-loan, reference-only, unavailable), any of them. */
  availability?: string[];
  /** true: only records a patron may reserve under the city's hold rules (予約可). */
  reservable?: boolean;
  /** Authors' exact names, any of them. */
  authorName?: string[];
  /** Left out (NOT): these material types, branches, states, NDC classes, authors. */
  notMaterialType?: string[];
  notBranch?: string[];
  notAvailability?: string[];
  notNdc?: string[];
  notAuthorName?: string[];
}

/**
 * `GET /api/t/{slug}/search` (and the search answer the OPAC's server-rendered search page
 * embeds). `sort` is one of libs/policy SEARCH_SORTS. `exact: false` when more than 500 records match: `total` and the facet counts are
 * then estimates. `sort` is the order applied (relevance falls back to newest without words).
 * `didYouMean` only when the words found fewer than 3 records and a better query exists.
 */
export interface SearchResult {
  total: number;
  exact: boolean;
  page: number;
  size: number;
  sort: SearchSort;
  hits: SearchHit[];
  facets: SearchFacets;
  didYouMean?: DidYouMean;
}

/** What a suggestion names: a title, an author or a series. */
export type SuggestionKind = 'title' | 'author' | 'series';

/** One suggestion as you type. */
export interface Suggestion {
  kind: SuggestionKind;
  label: string;
  reading: string | null;
}

/** `GET /api/t/{slug}/suggest?q=`: at most 8, the most used first. */
export interface SuggestAnswer {
  q: string;
  suggestions: Suggestion[];
}

/** A copy's status in the catalogue (`items.status`). */
export type ItemStatus = 'on-shelf' | 'on-loan' | 'reserved' | 'in-transit' | 'on-hold-shelf' | 'missing' | 'withdrawn';

/** A copy on the public record page (withdrawn copies are not shown). */
export interface RecordCopy {
  barcode: string;
  branchCode: string;
  branchName: string;
  status: Exclude<ItemStatus, 'withdrawn'>;
  /** false: 禁帯出 (reference only) */
  loanable: boolean;
  shelfLocation: string | null;
  /** 請求記号 as on the spine label (913.6/ナ/1): the copy's own, else the record's, else made from its class, author and volume */
  callNumber: string | null;
  materialType: string | null;
  /** 返却予定日 of a loaned copy, `YYYY-MM-DD` (the borrower stays at the desk) */
  dueDate: string | null;
}

/** Whether a patron may reserve the record on the web under the city's hold rules (libs/policy reservableForDisplay). */
export type RecordReservable = ReservableResult;

/** A record's bibliographic fields, as the public record page and the librarians' record both answer them. */
export interface RecordBibliographic {
  id: string;
  title: string;
  titleReading: string | null;
  subtitle: string | null;
  authors: Author[];
  publisher: string | null;
  publishedYear: number | null;
  isbn: string | null;
  materialType: string;
  series: string | null;
  volume: string | null;
  ndc: string | null;
  receivedAt: string | null;
  /** 請求記号 as catalogued (MARC 090 / 852), the copies' default */
  callNumber: string | null;
  /** the record's own cover image (http/https) */
  coverUrl: string | null;
  availability: Availability;
}

/** `GET /api/t/{slug}/records/{id}`: the public record page (never a withdrawn record). */
export interface RecordDetail extends RecordBibliographic {
  /** holds waiting, in transit or on the hold shelf for the record */
  activeHolds: number;
  copies: RecordCopy[];
  reservable: RecordReservable;
}

/** `GET /api/t/{slug}/lists/new-arrivals`: received within the city's window, newest first. */
export interface NewArrivalsList {
  list: 'new-arrivals';
  window: { receivedSince: string; publishedSince: string | null };
  total: number;
  page: number;
  size: number;
  hits: SearchHit[];
}

/** A hit of a ranking: its rank (ties share one) and its loans or holds. */
export interface RankedHit extends SearchHit {
  rank: number;
  count: number;
}

/** `GET /api/t/{slug}/lists/best-loans` (since `window.since`) and `…/best-holds` (holds open now): the city's top N. */
export interface RankingList {
  list: 'best-loans' | 'best-holds';
  window: { since: string | null };
  topN: number;
  hits: RankedHit[];
}

/** `GET /api/t/{slug}/lists/recommended`: the published recommended lists (おすすめ), each in the librarian's order. */
export interface RecommendedLists {
  list: 'recommended';
  lists: { id: string; title: string; description: string | null; hits: SearchHit[] }[];
}

// ---- librarians ----

/** A copy as the cataloguer sees it (withdrawn ones too). */
export interface StaffItemView {
  barcode: string;
  branchCode: string;
  branchName: string;
  status: ItemStatus;
  loanable: boolean;
  shelfLocation: string | null;
  /** the copy's own 請求記号 (null: the record's) */
  callNumber: string | null;
  materialType: string | null;
}

/**
 * A copy with its record (`GET`, `PATCH`, `DELETE /admin/items/{barcode}`, `POST
 * /admin/records/{id}/items`).
 */
export interface StaffItemLookup extends StaffItemView {
  recordId: string;
  title: string;
}

/**
 * A record with every copy (`GET`, `PATCH`, `DELETE /admin/records/{id}`, `POST /admin/records`):
 * withdrawn (除籍) records and copies too.
 */
export interface StaffRecordView extends RecordBibliographic {
  /** MARC 001 */
  controlNumber: string | null;
  createdAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
  items: StaffItemView[];
}

/** A hit of the librarians' search (`GET /admin/records`), withdrawn records included when asked. */
export interface StaffRecordHit {
  id: string;
  title: string;
  titleReading: string | null;
  volume: string | null;
  authors: Author[];
  publisher: string | null;
  year: number | null;
  isbn: string | null;
  controlNumber: string | null;
  materialType: string;
  withdrawnAt: string | null;
  updatedAt: string;
  /** copies that are not withdrawn, and those of them on the shelf for loan */
  copies: { total: number; available: number };
}

/** `GET /api/t/{slug}/admin/records`: the total is exact. */
export interface StaffRecordSearchResult {
  total: number;
  page: number;
  size: number;
  hits: StaffRecordHit[];
}

/** The formats a catalogue file is read as (MARC 21 ISO 2709, MARCXML, CSV/TSV). */
export type CatalogueFormat = 'iso2709' | 'marcxml' | 'csv';

/** `POST /admin/imports` (202): the import runs in the background. */
export interface ImportStarted {
  id: string;
}

/** `GET /api/t/{slug}/admin/imports/{id}`: an import's progress and report. */
export interface CatalogueImportReport {
  id: string;
  status: 'running' | 'done' | 'failed';
  format: CatalogueFormat | null;
  filename: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  /** entries refused, by their place in the file (from 0) */
  rejected: { index: number; reason: string }[];
  /** entries read with warnings */
  warnings: { index: number; warnings: string[] }[];
  error: string | null;
  /** who uploaded it */
  createdBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** `GET /api/t/{slug}/admin/imports`: the last 100 imports, newest first, with the number of entries refused. */
export interface CatalogueImportSummary extends Omit<CatalogueImportReport, 'rejected' | 'warnings'> {
  rejectedCount: number;
}

/** `GET /admin/lists`: a recommended list (おすすめ) and how many records it has. */
export interface RecommendedListSummary {
  id: string;
  title: string;
  description: string | null;
  published: boolean;
  sort: number;
  createdAt: string;
  entryCount: number;
}

/**
 * `GET`, `POST`, `PATCH /admin/lists/{id}`: a recommended list with its records in order
 * (withdrawn ones marked: the OPAC leaves them out).
 */
export interface RecommendedListView extends Omit<RecommendedListSummary, 'entryCount'> {
  records: (SearchHit & { withdrawn: boolean })[];
}
