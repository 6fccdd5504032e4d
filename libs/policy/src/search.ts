/**
 * The public catalogue search's vocabulary, shared by the API (GET /api/t/{slug}/search and the
 * OPAC's server-rendered search page, modules/opac-pages) and the OPAC (its search page's URL):
 * what conditions a search page's URL carries, which of them make a search, its orders, and a
 * record's availability states. Declared once so the server asks GET /search for exactly what
 * the app would.
 */

/** The orders of the public search: relevance, newest received, title (五十音順). */
export const SEARCH_SORTS = ['relevance', 'newest', 'title'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/**
 * A record's availability as its copy summary states it (migration 0002): available, a loanable
 * copy is on the shelf; on-loan, every loanable copy is out; reference-only, 禁帯出 copies only;
 * unavailable, none (missing, withdrawn, or no copy).
 */
export const AVAILABILITY_STATES = ['available', 'on-loan', 'reference-only', 'unavailable'] as const;
export type AvailabilityStatus = (typeof AVAILABILITY_STATES)[number];

/** The fields of the advanced search (詳細検索), each a condition of its own. */
export const SEARCH_FIELDS = ['title', 'author', 'publisher', 'isbn', 'yearFrom', 'yearTo', 'ndc'] as const;

/** The conditions of which one must be given for a search to run: the words or an advanced field (facets alone do not search). */
export const SEARCH_WORD_KEYS = ['q', ...SEARCH_FIELDS] as const;

/**
 * The keys of an OPAC search page's URL, in order: the words and fields, the facets chosen
 * (any of them) and left out (`not…`), 予約可, the order and the page. The OPAC reads them from
 * its URL and asks GET /search for them; the server-rendered search page reads the same keys,
 * so its first hits are the app's.
 */
export const SEARCH_URL_KEYS = [
  ...SEARCH_WORD_KEYS,
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
export type SearchUrlKey = (typeof SEARCH_URL_KEYS)[number];
