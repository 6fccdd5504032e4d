/**
 * The catalogue search as ONE SQL statement: matching, re-check, filters, the page of hits
 * with their availability, the total and every facet, returned as a single JSON text that
 * the API sends as it is. The benchmark (tools/bench/search) runs the very same statement
 * as "bare SQL", so API overhead is measured against it.
 *
 * Availability comes from the copy summary each record carries (migration 0002), so the
 * hits, the `available` filter and the availability and branch facets read no `items` row.
 *
 * Bounded work. Every matching row costs a heap visit, a re-check and a rank, so a query
 * that matches 30,000 of a million records cannot be counted, ranked and faceted exactly
 * within the latency budget (DESIGN.md: p95 ≤ 50 ms at 16 clients on 2 cores). As in
 * Evergreen's "superpage" or Elasticsearch's track_total_hits, the statement first reads at
 * most MATCH_CAP + 1 matching rows, the sample. A text search reads it bucket by bucket
 * (buckets.ts: eight hash buckets of the records, each with its own partial GIN index), so a
 * broad query stops after the first bucket or two instead of reading its whole posting
 * lists; within a bucket rows come in table order (the bitmap is walked block by block):
 *
 *   ≤ MATCH_CAP matches  everything is exact: total, facets, ranking, every page;
 *   more                 `exact: false`: the total is estimated from how much of the table
 *                        the sample covered (whole buckets, then the share of the live
 *                        records stored before the block it reached in the last one, from
 *                        the block quantiles; matches are spread evenly), and facet
 *                        counts are the sample's counts scaled to that total. `relevance`
 *                        ranks the sample (the OPAC says "約 N 件 — 絞り込むと正確になります");
 *                        `newest` and `title` pages stay exact: read from all matches when
 *                        they are few enough, else by walking the newest/title index and
 *                        keeping the rows that match, which stops as soon as the page is
 *                        full (about (offset + size) × rows / matches rows read).
 */
import type { Availability, SearchConditions, SearchFacets, SearchHit, SearchResult } from '@shiori/contracts';
import { type ReservableMode, SEARCH_SORTS, type SearchSort } from '@shiori/policy';
import { jsonObjectSql } from '../../../engine/database/sql';
import { normalizeIsbn } from './text';
import { bucketOf, SEARCH_BUCKETS } from './buckets';
import { titleSectionSql } from './title-sections';
import { authorNameRegex, FieldWeight, fieldRegex, likePattern, recheckCondition, textCriterion, TokenFrequency } from './document';

// the orders are libs/policy's, shared with the OPAC's search page
export { SEARCH_SORTS, type SearchSort };

/** What the search statement takes: the contract's words and filters (SearchConditions), its order and page. */
export interface SearchParams extends SearchConditions {
  sort: SearchSort;
  page: number;
  size: number;
  /** Rows skipped before the page; default (page - 1) × size. SRU pages start at any record. */
  offset?: number;
}

export interface BuiltQuery {
  sql: string;
  values: unknown[];
  /** false when the words typed contain nothing searchable (only punctuation): no hits, no query needed */
  searchable: boolean;
}

/** Matches read per search; beyond it the result is `exact: false` (see above). */
export const MATCH_CAP = 500;

/**
 * Matches read per city for a regional search (SearchService.regionalPart): a region runs
 * one search per member city, so each reads a smaller sample. A region reads at most 100 hits
 * of a city (page × size), well inside it; beyond it a city's total and facets are estimates
 * (`exact: false`) and its order ranks the first REGIONAL_MATCH_CAP matches (exact titles
 * are still looked up beside them), as a city's own search does beyond MATCH_CAP.
 */
export const REGIONAL_MATCH_CAP = 200;

/** A record's copy summary (migration 0002) as @shiori/contracts Availability. */
const AVAILABILITY_JSON = jsonObjectSql<Availability>({
  total: 'r.copies_total',
  available: 'r.copies_available',
  onLoan: 'r.copies_on_loan',
  status: 'r.availability',
});

/** A search hit (@shiori/contracts SearchHit); public lists use the same shape. */
export const HIT_JSON = jsonObjectSql<SearchHit>({
  id: 'r.id',
  title: 'r.title',
  titleReading: 'r.title_reading',
  subtitle: 'r.subtitle',
  authors: 'r.authors',
  year: 'r.published_year',
  publisher: 'r.publisher',
  materialType: 'r.material_type',
  series: 'r.series',
  volume: 'r.volume',
  isbn: 'r.isbn',
  receivedAt: 'r.received_at',
  availability: AVAILABILITY_JSON,
});

/**
 * A hit of a city's part of a regional search (SearchShape 'regional'): of a search hit, what a
 * regional answer groups and shows of a record. Internal to the API (the region module groups
 * these into works); no client reads it as it is.
 */
export type RegionalHit = Pick<SearchHit, 'id' | 'title' | 'titleReading' | 'authors' | 'year' | 'publisher' | 'materialType' | 'volume' | 'isbn' | 'availability'>;

/** A hit of the regional shape (RegionalHit). */
export const REGIONAL_HIT_JSON = jsonObjectSql<RegionalHit>({
  id: 'r.id',
  title: 'r.title',
  titleReading: 'r.title_reading',
  authors: 'r.authors',
  year: 'r.published_year',
  publisher: 'r.publisher',
  materialType: 'r.material_type',
  volume: 'r.volume',
  isbn: 'r.isbn',
  availability: AVAILABILITY_JSON,
});

/**
 * The record availability states (migration 0002) in which a patron may reserve a record on
 * the web (libs/policy reservableForDisplay): with `any-loanable` a loanable copy exists (on
 * the shelf or out); with `only-on-loan` (Koga) every loanable copy is out. Cities that
 * reserve only their own copies (holds.ownedOnly) also look at the copies: reservableCondition.
 */
export function reservableStates(mode: ReservableMode): string[] {
  return mode === 'only-on-loan' ? ['on-loan'] : ['available', 'on-loan'];
}

/** The filters of a search: everything but its words (the facets, 予約可, the year range, NOT). */
export type SearchFilters = Pick<
  SearchParams,
  | 'materialType'
  | 'branch'
  | 'available'
  | 'yearFrom'
  | 'yearTo'
  | 'ndc'
  | 'availability'
  | 'reservable'
  | 'authorName'
  | 'notMaterialType'
  | 'notBranch'
  | 'notAvailability'
  | 'notNdc'
  | 'notAuthorName'
>;

/**
 * 予約可 as SQL on `records r`, under the city's current hold rules read in the same statement
 * (InitPlans: no round trip), as libs/policy reservableForDisplay decides on the record page:
 * `reservable` picks the availability states (reservableStates); with `ownedOnly`
 * (Kitakyushu: only copies owned by the city's libraries may be reserved on the web) the
 * record needs a loanable copy of its own that is not missing, and under `only-on-loan` none
 * of its own loanable copies on the shelf (a copy that is not the city's does not count
 * either way). The copy summary cannot tell owned copies apart, so only cities with the rule
 * pay for the look-up in `items`, and only for records the summary already lets through.
 */
export function reservableCondition(param: (v: unknown) => string, table: (name: string) => string = (n) => n): string {
  const holds = (field: string) => `(SELECT v.policy->'holds'->>'${field}' FROM ${table('policy_versions')} v ORDER BY v.version DESC LIMIT 1)`;
  const states = `CASE ${holds('reservable')} WHEN 'only-on-loan' THEN ${param(reservableStates('only-on-loan'))}::text[] ELSE ${param(reservableStates('any-loanable'))}::text[] END`;
  const anyLoanable = param(reservableStates('any-loanable'));
  const ownCopy = (status: string) => `EXISTS (SELECT 1 FROM ${table('items')} i WHERE i.record_id = r.id AND i.owned AND i.loanable AND ${status})`;
  return `(CASE WHEN ${holds('ownedOnly')} = 'true'
         THEN r.availability = ANY(${anyLoanable}::text[])
              AND ${ownCopy(`i.status NOT IN ('missing', 'withdrawn')`)}
              AND (${holds('reservable')} IS DISTINCT FROM 'only-on-loan' OR NOT ${ownCopy(`i.status = 'on-shelf'`)})
         ELSE r.availability = ANY(${states}) END)`;
}

/**
 * The SQL conditions on `records r` for a search's filters, numbering parameters with
 * `param`: the catalogue search and the saved searches of new-arrival alerts (alerts module)
 * apply the very same filters, so an alert finds what its search finds.
 */
export function filterConditions(
  p: SearchFilters,
  param: (v: unknown) => string,
  { table = (n: string) => n, frequency }: { table?: (name: string) => string; frequency?: TokenFrequency } = {},
): { where: string[]; tsqueryUsed: boolean } {
  const where: string[] = [];
  let tsqueryUsed = false;
  if (p.materialType?.length) where.push(`r.material_type = ANY(${param(p.materialType)}::text[])`);
  if (p.branch?.length) {
    where.push(p.available ? `r.available_branches && ${param(p.branch)}::text[]` : `r.holding_branches && ${param(p.branch)}::text[]`);
  }
  if (p.available === true && !p.branch?.length) where.push(`r.copies_available > 0`);
  if (p.available === false) where.push(`r.copies_available = 0`);
  if (p.yearFrom !== undefined) where.push(`r.published_year >= ${param(p.yearFrom)}`);
  if (p.yearTo !== undefined) where.push(`r.published_year <= ${param(p.yearTo)}`);
  if (p.ndc?.length) where.push(`r.ndc LIKE ANY(${param(p.ndc.map((n) => likePattern(n).slice(1)))}::text[])`);
  if (p.availability?.length) where.push(`r.availability = ANY(${param(p.availability)}::text[])`);
  if (p.reservable !== undefined) where.push(`${p.reservable ? '' : 'NOT '}${reservableCondition(param, table)}`);
  if (p.authorName?.length) {
    // the names' words through the index (any of the names, in an author's line), then the exact name
    const criteria = p.authorName.map((n) => textCriterion(n, 'B', frequency)).filter((c): c is NonNullable<typeof c> => !!c);
    if (criteria.length === p.authorName.length) {
      where.push(`r.search @@ ${param(criteria.map((c) => `(${c.tsquery})`).join(' | '))}::tsquery`);
      tsqueryUsed = true;
    }
    where.push(`EXISTS (SELECT 1 FROM jsonb_array_elements(r.authors) a WHERE a->>'name' = ANY(${param(p.authorName)}::text[]))`);
  }
  if (p.notMaterialType?.length) where.push(`NOT (r.material_type = ANY(${param(p.notMaterialType)}::text[]))`);
  if (p.notBranch?.length) where.push(`NOT (r.holding_branches && ${param(p.notBranch)}::text[])`);
  if (p.notAvailability?.length) where.push(`NOT (r.availability = ANY(${param(p.notAvailability)}::text[]))`);
  if (p.notNdc?.length) where.push(`coalesce(r.ndc, '') NOT LIKE ALL(${param(p.notNdc.map((n) => likePattern(n).slice(1)))}::text[])`);
  if (p.notAuthorName?.length) {
    where.push(`NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.authors) a WHERE a->>'name' = ANY(${param(p.notAuthorName)}::text[]))`);
  }
  return { where, tsqueryUsed };
}

/** Authors listed in the author facet. */
export const AUTHOR_FACET_SIZE = 10;

/** Most index rows one walk reads before it gives up and reads all matches instead. */
const WALK_LIMIT = 20000;

/**
 * Walk when matches² > factor × (offset + size) × rows, i.e. when the rows a walk reads,
 * (offset + size) × rows / matches, are fewer than matches / factor: a walked row costs
 * about twice a matched one (random heap order, re-check).
 */
const WALK_FACTOR = 2;

/** Title order is walked only when more than 1 / WALK_TITLE_SHARE of the rows match. */
const WALK_TITLE_SHARE = 20;

/** Title sections read: enough for this many times the rows up to the page's end, as the sample predicts. */
const SECTION_MARGIN = 2;

/**
 * Rank tiers added to ts_rank (which stays below 1), for a free query (issue #20):
 *
 *   AUTHOR_NAME_RANK   an author of the record is named what was typed, by name or reading:
 *                      the whole name, or its start or end (the family or the given name,
 *                      芥川, 漱石, あくたがわ), two characters or more. The author's own works
 *                      come before a work about the author titled with the name (樋口一葉 finds
 *                      たけくらべ before 長谷川時雨's essay 「樋口一葉」).
 *   EXACT_TITLE_RANK   the title, or its reading, is exactly what was typed: 羅生門 before
 *                      羅生門・鼻・芋粥. A title query names no author, so its title comes first.
 *   AUTHOR_MATCH_RANK  what was typed is anywhere in an author's name or reading.
 *
 * They add up (an author's work titled with the name: 8 + 4 + 2); each tier is above every
 * sum of the tiers below it, so the order is the tiers', then ts_rank's.
 */
const AUTHOR_NAME_RANK = 8;
const EXACT_TITLE_RANK = 4;
const AUTHOR_MATCH_RANK = 2;

/** Most records with exactly the typed title ranked beside an inexact sample. */
const EXACT_LIMIT = 200;

/**
 * A search of one very common term (の, い, 本: a share of the records at least this large,
 * from the token statistics) reads its sample by scanning the table in order, not through
 * the GIN index: the index would first gather every posting of the term in the bucket
 * (prefix scans of a one-character query union thousands of bigrams: 80 ms for の), while
 * the scan finds 501 matches within the first thousand-odd rows. Only when the term is the
 * whole search: a filter would make the matches rarer along the scan.
 */
const SCAN_SHARE = 0.15;

/**
 * How common one query term is, from the token statistics: a token's share, or for a
 * one-character term (`(b<c>:* | u<c>)`) the summed shares of the listed bigrams starting
 * with it and of its unigram. 0 when unknown or when the query has several terms.
 */
export function termShare(tsquery: string, frequency?: TokenFrequency, prefixShare?: (prefix: string) => number): number {
  const single = /^\((b[0-9a-z]+):\* \| (u[0-9a-z]+)\)$/.exec(tsquery);
  if (single) return (prefixShare?.(single[1]) ?? 0) + (frequency?.(single[2]) ?? 0);
  return /^[a-z][0-9a-z]*$/.test(tsquery) ? (frequency?.(tsquery) ?? 0) : 0;
}

/**
 * The answer a caller wants from a search (BuildOptions.shape). Every shape matches, samples,
 * counts and orders the hits alike (one statement text per shape, the cap a value); they differ
 * only in what the answer carries, so the sample reads only the columns its facets need:
 *
 *   'full'      a city's own search (the OPAC's JSON, もしかして, alerts): `{total, exact, page,
 *               size, sort, hits, facets}`, hits as HIT_JSON, every facet (material type,
 *               branch, availability, decade, NDC, author) and the year range.
 *   'regional'  one member city's part of a regional search (SearchService.regionalPart, one
 *               per member city): `{total, exact, hits, facets: {materialType, availability,
 *               year}}`, hits as REGIONAL_HIT_JSON (what a grouped answer shows), only the
 *               facets a region adds up.
 *   'ids'       the page only, for callers that read the records themselves
 *               (SearchService.searchQuery: SRU, OpenSearch, a region's SRU): `{total, exact,
 *               hits}`, hits as `{id}`, no facet.
 */
export type SearchShape = 'full' | 'regional' | 'ids';

/**
 * Builds the statement for a search. Text criteria go through the bigram tsquery (GIN) and,
 * for runs of three or more characters, an exact re-check on search_text.
 */
export interface BuildOptions {
  /** The tenant's quoted schema: tables are named with it (tenantStatement), else found through the search_path. */
  schema?: string;
  /** Token frequencies (search-stats.ts): re-checked runs then use their rarest bigrams only. */
  frequency?: TokenFrequency;
  /** Summed shares of the common tokens with a prefix (search-stats.ts): how common a one-character query is. */
  prefixShare?: (prefix: string) => number;
  /**
   * Where the live records lie in the table (search-stats.ts): the block before which 1 %,
   * 2 %, … 99 % of them are stored. The total of a sampled search is estimated from how far
   * into the table its sample reached, which without these assumes the records fill the
   * table evenly: wrong after a mass update, whose new row versions all go to its end.
   */
  blockQuantiles?: number[];
  /** About how many rows the table holds (search-stats.ts): whether walking an ordered index pays. */
  tableRows?: number;
  /** What the answer carries (SearchShape; default 'full'). */
  shape?: SearchShape;
  /** Matches read into the sample (default MATCH_CAP): fewer make a broad query cheaper, its order coarser. */
  cap?: number;
}

export function buildSearchQuery(p: SearchParams, { schema, frequency, prefixShare, blockQuantiles, tableRows, shape = 'full', cap = MATCH_CAP }: BuildOptions = {}): BuiltQuery {
  const table = (name: string) => (schema ? `${schema}.${name}` : name);
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = ['r.withdrawn_at IS NULL'];
  // rank terms are built only when the results are ranked (ts_rank is the costly part)
  const rankParts: (() => string)[] = [];
  let searchable = true;
  let tsqueryUsed = false;
  /** The typed words of the first criterion that ranks exact titles first (q or title=). */
  let exactCompact: string | undefined;
  /** The free query's tsquery and its parameter, when it needs no re-check (one or two characters, or words). */
  let freeTerm: { tsquery: string; param: string } | undefined;
  // the record's title, or its reading, is exactly what was typed (both indexed: records_title_line, records_title_sort)
  const exactTitle = (compact: string) => {
    const cp = param(compact);
    return `(split_part(r.search_text, E'\\n', 1) = 'A' || chr(9) || ${cp} OR r.title_sort = ${cp})`;
  };

  const addText = (input: string | undefined, weight?: FieldWeight) => {
    if (input === undefined || input.trim() === '') return;
    const c = textCriterion(input, weight, frequency);
    if (!c) {
      searchable = false;
      return;
    }
    const qp = param(c.tsquery);
    where.push(`r.search @@ ${qp}::tsquery`);
    tsqueryUsed = true;
    rankParts.push(() => `ts_rank(r.search, ${qp}::tsquery)`);
    if (weight === undefined || weight === 'A') {
      // the exact title (or its exact reading) first: 羅生門 before 羅生門・鼻・芋粥
      rankParts.push(() => `(CASE WHEN ${exactTitle(c.compact)} THEN ${EXACT_TITLE_RANK} ELSE 0 END)`);
      exactCompact ??= c.compact;
    }
    if (weight === undefined && c.compact) {
      // the author's own works above works that mention the author in their title (芥川 finds
      // 羅生門 before 芥川竜之介氏を弔ふ): the words are in an author's name or its reading,
      // above any difference of ts_rank (which weighs title words highest)
      rankParts.push(() => `(CASE WHEN r.search_text ~ ${param(fieldRegex(c.compact, 'B'))} THEN ${AUTHOR_MATCH_RANK} ELSE 0 END)`);
      // the words are an author's name (whole, family or given), by name or reading: the
      // author's works above an exact title too (a work about the author, titled with the name)
      if (Array.from(c.compact).length >= 2) {
        rankParts.push(() => `(CASE WHEN r.search_text ~ ${param(authorNameRegex(c.compact))} THEN ${AUTHOR_NAME_RANK} ELSE 0 END)`);
      }
    }
    const recheck = recheckCondition(c, weight, param);
    if (recheck) where.push(recheck);
    else if (weight === undefined) freeTerm = { tsquery: c.tsquery, param: qp };
  };

  // A query that is an ISBN (10 or 13 digits, hyphens or not) finds the record by its ISBN.
  const qIsbn = p.q ? normalizeIsbn(p.q) : null;
  if (qIsbn) where.push(`r.isbn = ${param(qIsbn)}`);
  else addText(p.q);
  addText(p.title, 'A');
  addText(p.author, 'B');
  addText(p.publisher, 'C');
  if (p.isbn !== undefined && p.isbn.trim() !== '') {
    const isbn = normalizeIsbn(p.isbn);
    if (isbn) where.push(`r.isbn = ${param(isbn)}`);
    else searchable = false;
  }
  const filters = filterConditions(p, param, { table, frequency });
  where.push(...filters.where);
  if (filters.tsqueryUsed) tsqueryUsed = true;

  const conds = where.join('\n     AND ');
  // the NDC facet one level below the class searched: 9 → 91, 92 …; 91 → 911, 913 … (at most three digits)
  const ndcDepth = p.ndc?.length === 1 && /^\d{1,2}$/.test(p.ndc[0]) ? p.ndc[0].length + 1 : p.ndc?.length === 1 && /^\d{3}/.test(p.ndc[0]) ? 3 : 1;
  // one very common term and nothing else: the sample scans the table (SCAN_SHARE)
  const scanTerm =
    freeTerm !== undefined && where.length === 2 && termShare(freeTerm.tsquery, frequency, prefixShare) >= SCAN_SHARE ? freeTerm : undefined;
  const relevance = p.sort === 'relevance' && rankParts.length > 0;
  const sort: SearchSort = relevance ? 'relevance' : p.sort === 'title' ? 'title' : 'newest';
  // the order of the sample (m) and of the table (r); newest and title are index orders
  // (records_newest, records_title_sort end in id, so the order is total)
  const orderBy = (t: string) =>
    sort === 'title'
      ? `${t}.title_sort, ${t}.volume_sort NULLS LAST, ${t}.id`
      : sort === 'newest'
        ? `${t}.received_at DESC NULLS LAST, ${t}.published_year DESC NULLS LAST, ${t}.id`
        : `${t}.rank DESC, ${t}.title_sort, ${t}.volume_sort NULLS LAST, ${t}.id`;
  // only what the chosen order needs is computed per match
  const sortColumns =
    sort === 'title'
      ? 'r.title_sort, r.volume_sort'
      : sort === 'newest'
        ? 'r.received_at'
        : `${rankParts.map((build) => build()).join(' + ')} AS rank, r.title_sort, r.volume_sort`;

  const capP = param(cap);
  const quantilesP = param(blockQuantiles ?? []);
  const rowsP = param(tableRows ?? 0);
  const limit = param(p.size);
  const offset = param(p.offset ?? (p.page - 1) * p.size);
  // (only the full answer names its page: every parameter given must be used, else it has no type)
  const pageP = shape === 'full' ? param(p.page) : '';

  // Page rows. `sample`: every match is in m (and ranking always uses m). `matches`: more
  // matches, few enough to read and sort them all. `walk`: so many that walking the ordered
  // index reads fewer rows; the walk is bounded, and should it fall short of a full page the
  // `matches` branch answers instead. Unused branches are cut by one-time filters.
  //
  // Title order over many matches (title-sections.ts): the sample tells in which title
  // section the page's rows lie (sections are ranges of the title order: あ, い, …), so the
  // page is read from the matches of the first sections only: the GIN index gives those
  // (q & (o0 | … | oK)), and only they are read from the table. K is chosen so that the
  // sample predicts at least SECTION_MARGIN × (offset + size) rows; should the sections hold
  // fewer than offset + size, the page is read from all matches instead, so it is exact.
  const sectioned = sort === 'title' && tsqueryUsed;
  const firstRows = `${offset}::bigint + ${limit}::bigint`;
  const sections = !sectioned ? '' : `,
sections AS MATERIALIZED (
  SELECT (SELECT string_agg('o' || n, ' | ') FROM generate_series(0, min(sec)) n)::tsquery AS q
    FROM (SELECT sec, sum(count(*)) OVER (ORDER BY sec) AS cum
            FROM (SELECT ${titleSectionSql('m.title_sort')} AS sec FROM m) x GROUP BY sec) y
   WHERE cum * (SELECT scale FROM est) >= ${SECTION_MARGIN} * (${firstRows})
),
sect AS MATERIALIZED (
  SELECT r.id, r.title_sort, r.volume_sort FROM ${table('records')} r
   WHERE ((SELECT mode FROM est) = 'matches' OR ((SELECT mode FROM est) = 'walk' AND (SELECT count(*) FROM walk) < ${limit}))
     AND ${conds}
     AND r.search @@ (SELECT q FROM sections)
   ORDER BY ${orderBy('r')} LIMIT ${firstRows}
)`;
  const walked = sort === 'relevance' ? '' : `,
walk AS MATERIALIZED (
  SELECT r.id FROM (
    SELECT r.* FROM ${table('records')} r
     WHERE r.withdrawn_at IS NULL AND (SELECT mode FROM est) = 'walk'
     ORDER BY ${orderBy('r')} LIMIT ${WALK_LIMIT}
  ) r
  WHERE ${conds}
  OFFSET ${offset} LIMIT ${limit}
)`;
  // Exact titles: when the sample is not every match, it may miss the one record whose
  // title is exactly what was typed (こころ among 6,000 records with こころ somewhere), so
  // those are looked up by their title indexes and ranked with the sample. (Found first and
  // filtered after, in a subquery the planner keeps apart: else it would AND the title
  // indexes with the GIN index and read the posting lists the sample avoids.)
  const exactArm =
    relevance && exactCompact !== undefined
      ? `,
e AS MATERIALIZED (
  SELECT r.id, ${sortColumns}
    FROM (SELECT r.* FROM ${table('records')} r
           WHERE NOT (SELECT exact FROM est) AND r.withdrawn_at IS NULL AND ${exactTitle(exactCompact)}
           LIMIT ${EXACT_LIMIT * 5}) r
   WHERE ${conds}
   LIMIT ${EXACT_LIMIT}
)`
      : '';
  const pageRows =
    sort === 'relevance'
      ? exactArm
        ? `SELECT x.id FROM (SELECT id, rank, title_sort, volume_sort FROM m UNION SELECT id, rank, title_sort, volume_sort FROM e) x
     ORDER BY ${orderBy('x')} LIMIT ${limit} OFFSET ${offset}`
        : `SELECT m.id FROM m ORDER BY ${orderBy('m')} LIMIT ${limit} OFFSET ${offset}`
      : `(SELECT m.id FROM m WHERE (SELECT mode FROM est) = 'sample' ORDER BY ${orderBy('m')} LIMIT ${limit} OFFSET ${offset})
  UNION ALL
  (SELECT walk.id FROM walk WHERE (SELECT count(*) FROM walk) = ${limit})
  UNION ALL
${sectioned ? `
  (SELECT sect.id FROM sect WHERE (SELECT count(*) FROM sect) = ${firstRows} ORDER BY ${orderBy('sect')} LIMIT ${limit} OFFSET ${offset})
  UNION ALL` : ''}
  (SELECT r.id FROM ${table('records')} r
    WHERE ((SELECT mode FROM est) = 'matches' OR ((SELECT mode FROM est) = 'walk' AND (SELECT count(*) FROM walk) < ${limit}))
      AND ${conds}${sectioned ? `
      AND (SELECT count(*) FROM sect) < ${firstRows}` : ''}
    ORDER BY ${orderBy('r')} LIMIT ${limit} OFFSET ${offset})`;

  // Matches are spread evenly over the newest order, so a walk reads about
  // (offset + size) × rows / matches index rows. Not so in title order: a title word gathers
  // its titles under one reading (桜 under さくら…), so a walk from あ may read far more;
  // title order is walked only when a twentieth of the catalogue or more matches.
  // The statement reads no catalog: on Citus it runs as one task on the worker holding the city,
  // and a catalog table in it would pull its parts back to the coordinator (where the tenant's
  // tables are empty shells). The row count comes from the statistics, read where the rows are.
  const rows = `greatest(total, ${rowsP}::float8)`;
  const walkable =
    sort === 'title'
      ? `total * ${WALK_TITLE_SHARE} > ${rows}`
      : `total * total > ${WALK_FACTOR} * (${offset}::bigint + ${limit}::bigint) * ${rows}`;

  // facets: one grouping-sets pass over the sample; GROUPING() tells the sets apart
  // (bit set = column not grouped): 7 material type, 11 availability, 13 decade, 14 NDC class
  const facet = (g: number, json: string, order: string, extra = '') =>
    `coalesce((SELECT json_agg(${json} ORDER BY ${order}) FROM f WHERE f.g = ${g} ${extra}), '[]'::json)`;

  // what the shape's facets read of each sampled record; without facets, only what the order
  // reads beyond sortColumns (newest: the publication year after the date received)
  const facetColumns = {
    full: `,
           r.material_type, r.ndc, r.published_year, r.availability, r.holding_branches, r.authors`,
    regional: `,
           r.material_type, r.published_year, r.availability`,
    ids: sort === 'newest' ? ', r.published_year' : '',
  }[shape];

  // The sample: with a text condition, bucket after bucket (buckets.ts), each through its own
  // partial GIN index, so the scan stops in the first buckets when matches are many; else
  // the table as one bucket. Within a bucket rows come in table order.
  // A very common term scans the table as one bucket: `IS TRUE` keeps the planner off the GIN
  // index, and the connection's synchronize_seqscans=off (engine/database/session-options.ts)
  // starts the scan at the first block, so the estimate reads how far it got as for a bucket.
  const arms = tsqueryUsed && !scanTerm ? Array.from({ length: SEARCH_BUCKETS }, (_, k) => k) : [0];
  const sampleArms = arms
    .map(
      (k) => `
    SELECT ${k} AS b, r.id, r.ctid AS tid, r.tableoid AS rel, ${sortColumns}${facetColumns}
      FROM ${table('records')} r
     WHERE ${
       scanTerm
         ? `r.withdrawn_at IS NULL AND (r.search @@ ${scanTerm.param}::tsquery) IS TRUE`
         : `${tsqueryUsed ? `${bucketOf('r')} = ${k} AND ` : ''}${conds}`
     }`,
    )
    .join('\n    UNION ALL');

  const sql = `
WITH m AS MATERIALIZED (
  SELECT * FROM (${sampleArms}) u
   LIMIT ${capP} + 1
),
sampled AS (
  SELECT s.n, s.n <= ${capP} AS exact,
         CASE WHEN s.n <= ${capP} THEN 1.0 ELSE ${arms.length}::numeric / (s.b + w.share) END AS scale
    FROM (SELECT count(*) AS n, max(b) AS b, (SELECT max(tid) FROM m WHERE b = (SELECT max(b) FROM m)) AS last,
                 -- the table's size where the rows are (its oid from a sampled row: the shard's, on Citus)
                 pg_relation_size(min(rel)::regclass) / current_setting('block_size')::bigint AS pages FROM m) s
    -- the share of the live records stored up to the sample's last block: segment i of the
    -- block quantiles (i / K of the records lie before its start), interpolated inside it;
    -- without quantiles, the block's share of the table
    CROSS JOIN LATERAL (
      SELECT (i + least(1, (x + 1 - coalesce(q[i], 0))::numeric
                          / greatest(1, coalesce(q[i + 1], s.pages) - coalesce(q[i], 0))))
             / (cardinality(q) + 1) AS share
        FROM (SELECT x, q, width_bucket(x, q) AS i
                FROM (SELECT ((s.last::text::point)[0])::int AS x, ${quantilesP}::int[] AS q) a) b
    ) w
),
est AS (
  SELECT n, exact, scale, total,
         CASE WHEN exact THEN 'sample'
              WHEN ${walkable} THEN 'walk'
              ELSE 'matches' END AS mode
    FROM (SELECT n, exact, scale, CASE WHEN exact THEN n ELSE greatest(n, round(n * scale)) END AS total FROM sampled) x
)${walked}${sections}${exactArm},
page AS (
  SELECT id, row_number() OVER () AS ord FROM (
  ${pageRows}
  ) p
`;
  // the facets and the answer of each shape
  const fullTail = () => `),
f AS (
  SELECT GROUPING(material_type, availability, decade, ndc1) AS g, material_type, availability, decade, ndc1,
         round(count(*) * (SELECT scale FROM est))::int AS c
    FROM (SELECT material_type, availability, (published_year / 10) * 10 AS decade,
                 CASE WHEN left(ndc, ${ndcDepth}) ~ '^[0-9]{${ndcDepth}}$' THEN left(ndc, ${ndcDepth}) END AS ndc1 FROM m) x
   GROUP BY GROUPING SETS ((material_type), (availability), (decade), (ndc1))
),
fa AS (
  -- the author facet: the names most often in the sample (a record counts once per name)
  SELECT v, round(c * (SELECT scale FROM est))::int AS c FROM (
    SELECT a.v, count(DISTINCT m.id) AS c
      FROM m CROSS JOIN LATERAL (SELECT DISTINCT x->>'name' AS v FROM jsonb_array_elements(m.authors) x) a
     WHERE a.v IS NOT NULL AND a.v <> ''
     GROUP BY a.v ORDER BY count(DISTINCT m.id) DESC, a.v LIMIT ${AUTHOR_FACET_SIZE}) t
),
fb AS (
  SELECT x.v, b.name AS label, round(x.c * (SELECT scale FROM est))::int AS c
    FROM (SELECT unnest(holding_branches) AS v, count(*) AS c FROM m GROUP BY 1) x LEFT JOIN ${table('branches')} b ON b.code = x.v
)
SELECT ${jsonObjectSql<Omit<SearchResult, 'didYouMean'>>({
    total: '(SELECT total FROM est)',
    exact: '(SELECT exact FROM est)',
    page: `${pageP}::int`,
    size: `${limit}::int`,
    sort: `'${sort}'`,
    hits: `coalesce((SELECT json_agg(${HIT_JSON} ORDER BY page.ord) FROM page JOIN ${table('records')} r ON r.id = page.id), '[]'::json)`,
    facets: jsonObjectSql<SearchFacets>({
      materialType: facet(7, `json_build_object('value', material_type, 'count', c)`, 'c DESC, material_type'),
      branch: `coalesce((SELECT json_agg(json_build_object('value', v, 'label', label, 'count', c) ORDER BY c DESC, v) FROM fb), '[]'::json)`,
      availability: facet(11, `json_build_object('value', availability, 'count', c)`, 'c DESC, availability'),
      year: facet(13, `json_build_object('from', decade, 'to', decade + 9, 'count', c)`, 'decade DESC', 'AND decade IS NOT NULL'),
      ndc: facet(14, `json_build_object('value', ndc1, 'count', c)`, 'ndc1', 'AND ndc1 IS NOT NULL'),
      author: `coalesce((SELECT json_agg(json_build_object('value', v, 'count', c) ORDER BY c DESC, v) FROM fa), '[]'::json)`,
      // 予約可: the sampled matches the 予約可 filter keeps (reservableCondition: the city's hold
      // rules, holds.ownedOnly included), scaled like the other counts
      reservable: `(SELECT round(count(*) * (SELECT scale FROM est))::int FROM m r WHERE ${reservableCondition(param, table)})`,
      // the publication years of the sample, the bounds of the OPAC's year range
      years: `(SELECT json_build_object('min', min(published_year), 'max', max(published_year)) FROM m WHERE published_year IS NOT NULL)`,
    }),
  })}::text AS body`;
  const regionalTail = () => `),
f AS (
  SELECT GROUPING(material_type, availability, decade) AS g, material_type, availability, decade,
         round(count(*) * (SELECT scale FROM est))::int AS c
    FROM (SELECT material_type, availability, (published_year / 10) * 10 AS decade FROM m) x
   GROUP BY GROUPING SETS ((material_type), (availability), (decade))
)
SELECT json_build_object(
  'total', (SELECT total FROM est),
  'exact', (SELECT exact FROM est),
  'hits', coalesce((SELECT json_agg(${REGIONAL_HIT_JSON} ORDER BY page.ord) FROM page JOIN ${table('records')} r ON r.id = page.id), '[]'::json),
  'facets', json_build_object(
    'materialType', ${facet(3, `json_build_object('value', material_type, 'count', c)`, 'c DESC, material_type')},
    'availability', ${facet(5, `json_build_object('value', availability, 'count', c)`, 'c DESC, availability')},
    'year', ${facet(6, `json_build_object('from', decade, 'to', decade + 9, 'count', c)`, 'decade DESC', 'AND decade IS NOT NULL')}
  )
)::text AS body`;
  // no facets: the total and the page's ids (the caller reads the records)
  const idsTail = () => `)
SELECT json_build_object(
  'total', (SELECT total FROM est),
  'exact', (SELECT exact FROM est),
  'hits', coalesce((SELECT json_agg(json_build_object('id', page.id) ORDER BY page.ord) FROM page), '[]'::json)
)::text AS body`;
  const tails: Record<SearchShape, () => string> = { full: fullTail, regional: regionalTail, ids: idsTail };
  return { sql: `${sql}${tails[shape]()}`, values, searchable };
}
