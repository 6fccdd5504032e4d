import type { AvailabilityStatus, Localized } from '@shiori/policy';
import type { DecadeFacetValue, FacetValue } from './catalog';
import type { RegionName } from './region';

/** `GET /r/{code}/search`: the lengths, counts and pages the API accepts (others: 400 VALIDATION). */
export const REGION_SEARCH_LIMITS = { words: 200, isbn: 30, cities: 200, materialTypes: 20, authorNames: 10, authorName: 100, maxPage: 50, maxSize: 50, defaultSize: 20 } as const;

/** `GET /r/{code}/availability`: at most this many ISBNs, each at most `isbn` characters. */
export const REGION_AVAILABILITY_LIMITS = { isbns: 20, isbn: 30 } as const;

/** `GET /r/{code}/search`: the words of a city's search, the region's facets, and paging over works. */
export interface RegionSearchQuery {
  /** Words, a title reading in hiragana/katakana, or an ISBN (as a city's search). */
  q?: string;
  title?: string;
  author?: string;
  /** ISBN-10 or ISBN-13, hyphens optional. */
  isbn?: string;
  /** Only works held by these member libraries (slugs; comma separated in the URL). */
  city?: string[];
  /** On the shelf in some city now, or not. */
  available?: boolean;
  /** Only what may be reserved now under each city's own hold rules (予約可), or what may not. */
  reservable?: boolean;
  /** One or more (comma separated in the URL): any of them. */
  materialType?: string[];
  /** Material types left out (NOT). */
  notMaterialType?: string[];
  /** Availability in each city, any of them: available (貸出可), on-loan (貸出中), reference-only, unavailable. */
  availability?: string[];
  /** Availability states left out (NOT). */
  notAvailability?: string[];
  /** Authors' exact names as each city catalogues them, any of them (`author` matches words in the author field). */
  authorName?: string[];
  /** Works of these authors (exact names) left out. */
  notAuthorName?: string[];
  yearFrom?: number;
  yearTo?: number;
  /** 1–50, default 1. */
  page?: number;
  /** 1–50, default 20. */
  size?: number;
}

/** A member library of the region: its slug, name and OPAC. */
export interface RegionMemberLibrary {
  city: string;
  cityName: string;
  opacUrl: string;
}

/** Why a member library is not in a regional answer. */
export type MissingCityReason = 'suspended' | 'timeout' | 'error';

/** A member library left out of a regional answer (suspended, too slow, failed), with why in words. */
export interface MissingCity {
  city: string;
  cityName: string;
  reason: MissingCityReason;
  message: Localized;
}

/** What one member library holds of a work. */
export interface CityHolding {
  city: string;
  cityName: string;
  /** The library's record page (where a patron places a hold). */
  recordUrl: string;
  recordId: string;
  /** Copies in the library (of every record of this work there). */
  copies: number;
  available: number;
  onLoan: number;
  /** available: a copy is on the shelf; on-loan: every copy is out; reference-only / unavailable as in the city's search. */
  status: AvailabilityStatus;
}

/** A work across the region: the same book (by ISBN, else title, volume and first author) in every library that holds it. */
export interface RegionWork {
  key: string;
  isbn: string | null;
  title: string;
  titleReading: string | null;
  authors: { name: string }[];
  year: number | null;
  publisher: string | null;
  materialType: string;
  volume: string | null;
  /** Available somewhere now, or not (every library's copies on loan or not lendable). */
  status: 'available' | 'on-loan' | 'unavailable';
  holdings: CityHolding[];
}

/** A member library that answered: its matching records (an estimate when `exact` is false) and its OPAC. */
export interface RegionCityCount {
  city: string;
  cityName: string;
  total: number;
  exact: boolean;
  opacUrl: string;
}

/** A library of the city facet: its slug (`value`), its name and its matching records. */
export interface RegionCityFacetValue {
  value: string;
  label: string;
  count: number;
}

/** The region's facets: each library's own counts (records, not works) added up. */
export interface RegionSearchFacets {
  city: RegionCityFacetValue[];
  availability: FacetValue[];
  materialType: FacetValue[];
  /** Newest decade first. */
  year: DecadeFacetValue[];
}

/** `GET /r/{code}/search` (横断検索): works grouped across the member libraries, with each library's holdings. */
export interface RegionSearchResult {
  region: RegionName;
  /** Every member library, in the region's order (whether or not it answered). */
  members: RegionMemberLibrary[];
  /** Works in the hits read (each library's first page × size hits, at most 100). */
  total: number;
  /** False when some library had more matches than were read: later works are not counted. */
  exact: boolean;
  page: number;
  size: number;
  works: RegionWork[];
  cities: RegionCityCount[];
  /** Member libraries not in the answer, with why. */
  missing: MissingCity[];
  facets: RegionSearchFacets;
}

/** `GET /r/{code}/availability`: ISBNs, up to 20 (comma separated or repeated in the URL). */
export interface RegionAvailabilityQuery {
  isbn: string[];
}

/** The status of a book in one library, in the words 横断検索 services (カーリル) use, with a stable code. */
export type LibraryAvailabilityCode = 'available' | 'on-loan' | 'reference-only' | 'unavailable' | 'not-held';

/** One library's copies of a book: 貸出可 / 貸出中 / 館内のみ / 貸出不可 / 蔵書なし. */
export interface LibraryAvailability {
  city: string;
  cityName: string;
  status: LibraryAvailabilityCode;
  label: Localized;
  copies: number;
  available: number;
  /** The library's record page; null when it does not hold the book. */
  recordUrl: string | null;
}

/** One ISBN asked: as normalized (13 digits), as asked, and per member library. */
export interface BookAvailability {
  isbn: string;
  query: string;
  libraries: LibraryAvailability[];
}

/** `GET /r/{code}/availability?isbn=…`: per ISBN, per member library, whether it is held and on the shelf. */
export interface RegionAvailability {
  region: RegionName;
  books: BookAvailability[];
  missing: MissingCity[];
}
