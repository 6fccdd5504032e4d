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
 * Evergreen's "superpage" or Elasticsearch's track_total_hits, the statement reads at most
 * MATCH_CAP + 1 matching rows, in table order (the GIN bitmap is walked block by block):
 *
 *   ≤ MATCH_CAP matches  everything is exact: total, facets, ranking, every page;
 *   more                 `exact: false`: the total is estimated from how far into the table
 *                        the sample reached (matches are spread over the table), facet counts
 *                        are the sample's counts scaled to that total; `newest` and `title`
 *                        pages are read in index order (exact, and cheap for broad queries);
 *                        `relevance` ranks the sample, which the OPAC presents as
 *                        "約 N 件 — 絞り込むと正確になります".
 */
import { normalizeIsbn } from './text';
import { FieldWeight, fieldRegex, likePattern, textCriterion } from './document';

export const SEARCH_SORTS = ['relevance', 'newest', 'title'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchParams {
  q?: string;
  title?: string;
  author?: string;
  publisher?: string;
  isbn?: string;
  materialType?: string[];
  branch?: string[];
  available?: boolean;
  yearFrom?: number;
  yearTo?: number;
  /** NDC class or prefix: '9', '91', '913.6' */
  ndc?: string;
  sort: SearchSort;
  page: number;
  size: number;
}

export interface BuiltQuery {
  sql: string;
  values: unknown[];
  /** false when the words typed contain nothing searchable (only punctuation): no hits, no query needed */
  searchable: boolean;
}

/** Matches read per search; beyond it the result is `exact: false` (see above). */
export const MATCH_CAP = 1000;

/** A search hit; public lists use the same shape. */
export const HIT_JSON = `json_build_object(
  'id', r.id, 'title', r.title, 'titleReading', r.title_reading, 'subtitle', r.subtitle,
  'authors', r.authors, 'year', r.published_year, 'publisher', r.publisher,
  'materialType', r.material_type, 'series', r.series, 'volume', r.volume, 'isbn', r.isbn,
  'receivedAt', r.received_at,
  'availability', json_build_object('total', r.copies_total, 'available', r.copies_available,
                                     'onLoan', r.copies_on_loan, 'status', r.availability))`;

/**
 * Builds the statement for a search. Text criteria go through the bigram tsquery (GIN) and,
 * for runs of three or more characters, an exact re-check on search_text.
 */
export function buildSearchQuery(p: SearchParams, cap = MATCH_CAP): BuiltQuery {
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = ['r.withdrawn_at IS NULL'];
  const rankParts: string[] = [];
  let searchable = true;

  const addText = (input: string | undefined, weight?: FieldWeight) => {
    if (input === undefined || input.trim() === '') return;
    const c = textCriterion(input, weight);
    if (!c) {
      searchable = false;
      return;
    }
    const qp = param(c.tsquery);
    where.push(`r.search @@ ${qp}::tsquery`);
    rankParts.push(`ts_rank(r.search, ${qp}::tsquery)`);
    if (weight === undefined || weight === 'A') {
      // the exact title (or its exact reading) first: 羅生門 before 羅生門・鼻・芋粥
      const cp = param(c.compact);
      rankParts.push(`(CASE WHEN split_part(r.search_text, E'\\n', 1) = 'A' || chr(9) || ${cp} OR r.title_sort = ${cp} THEN 1 ELSE 0 END)`);
    }
    for (const run of c.recheck) {
      where.push(weight ? `r.search_text ~ ${param(fieldRegex(run, weight))}` : `r.search_text LIKE ${param(likePattern(run))}`);
    }
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
  if (p.materialType?.length) where.push(`r.material_type = ANY(${param(p.materialType)}::text[])`);
  if (p.branch?.length) {
    where.push(p.available ? `r.available_branches && ${param(p.branch)}::text[]` : `r.holding_branches && ${param(p.branch)}::text[]`);
  }
  if (p.available === true && !p.branch?.length) where.push(`r.copies_available > 0`);
  if (p.available === false) where.push(`r.copies_available = 0`);
  if (p.yearFrom !== undefined) where.push(`r.published_year >= ${param(p.yearFrom)}`);
  if (p.yearTo !== undefined) where.push(`r.published_year <= ${param(p.yearTo)}`);
  if (p.ndc) where.push(`r.ndc LIKE ${param(likePattern(p.ndc).slice(1))}`);

  const conds = where.join('\n     AND ');
  const rank = rankParts.length ? rankParts.join(' + ') : '0';
  const relevance = p.sort === 'relevance' && rankParts.length > 0;
  const sort: SearchSort = relevance ? 'relevance' : p.sort === 'title' ? 'title' : 'newest';
  // the same order on the sample (m) and in index order on records (r)
  const orderBy = (t: string) =>
    sort === 'title'
      ? `${t}.title_sort, ${t}.volume_sort NULLS LAST, ${t}.id`
      : sort === 'newest'
        ? `${t}.received_at DESC NULLS LAST, ${t}.published_year DESC NULLS LAST, ${t}.id`
        : `${t}.rank DESC, ${t}.title_sort, ${t}.volume_sort NULLS LAST, ${t}.id`;

  const capP = param(cap);
  const limit = param(p.size);
  const offset = param((p.page - 1) * p.size);
  const pageP = param(p.page);

  // Page rows: from the sample when it holds every match (or when ranking, which needs the
  // rank); otherwise in index order from the table. The unused branch is cut by a one-time
  // filter on `est.exact` and costs nothing.
  const pageFromSample = `SELECT m.id FROM m ${sort === 'relevance' ? '' : 'WHERE (SELECT exact FROM est)'} ORDER BY ${orderBy('m')} LIMIT ${limit} OFFSET ${offset}`;
  const pageFromTable =
    sort === 'relevance'
      ? ''
      : `UNION ALL
  (SELECT r.id FROM records r WHERE NOT (SELECT exact FROM est) AND ${conds} ORDER BY ${orderBy('r')} LIMIT ${limit} OFFSET ${offset})`;

  const facet = (select: string, from = 'm', json = `json_build_object('value', v, 'count', c)`, order = 'c DESC, v') =>
    `coalesce((SELECT json_agg(${json} ORDER BY ${order}) FROM (${select}) x), '[]'::json)`;
  const scaled = `round(count(*) * (SELECT scale FROM est))::int`;

  const sql = `
WITH m AS MATERIALIZED (
  SELECT r.id, ${rank} AS rank, r.received_at, r.published_year, r.title_sort, r.volume_sort,
         r.material_type, r.ndc, r.availability, r.holding_branches, (r.ctid::text::point)[0]::bigint AS blk
    FROM records r
   WHERE ${conds}
   LIMIT ${capP} + 1
),
est AS (
  SELECT s.n <= ${capP} AS exact,
         CASE WHEN s.n <= ${capP} THEN s.n
              ELSE greatest(s.n, round(s.n * (pg_relation_size('records') / current_setting('block_size')::bigint)::numeric / (s.last_blk + 1)))::bigint
         END AS total,
         CASE WHEN s.n <= ${capP} THEN 1 ELSE 1.0 * (pg_relation_size('records') / current_setting('block_size')::bigint) / (s.last_blk + 1) END AS scale
    FROM (SELECT count(*) AS n, max(blk) AS last_blk FROM m) s
),
page AS (
  SELECT id, row_number() OVER () AS ord FROM (
  (${pageFromSample})
  ${pageFromTable}
  ) p
)
SELECT json_build_object(
  'total', (SELECT total FROM est),
  'exact', (SELECT exact FROM est),
  'page', ${pageP}::int,
  'size', ${limit}::int,
  'sort', '${sort}',
  'hits', coalesce((SELECT json_agg(${HIT_JSON} ORDER BY page.ord) FROM page JOIN records r ON r.id = page.id), '[]'::json),
  'facets', json_build_object(
    'materialType', ${facet(`SELECT material_type AS v, ${scaled} AS c FROM m GROUP BY 1`)},
    'branch', ${facet(
      `SELECT x.v, b.name AS label, x.c FROM (SELECT unnest(holding_branches) AS v, ${scaled} AS c FROM m GROUP BY 1) x LEFT JOIN branches b ON b.code = x.v`,
      'm',
      `json_build_object('value', v, 'label', label, 'count', c)`,
    )},
    'availability', ${facet(`SELECT availability AS v, ${scaled} AS c FROM m GROUP BY 1`)},
    'year', ${facet(`SELECT (published_year / 10) * 10 AS d, ${scaled} AS c FROM m WHERE published_year IS NOT NULL GROUP BY 1`, 'm', `json_build_object('from', d, 'to', d + 9, 'count', c)`, 'd DESC')},
    'ndc', ${facet(`SELECT left(ndc, 1) AS v, ${scaled} AS c FROM m WHERE left(ndc, 1) BETWEEN '0' AND '9' GROUP BY 1`, 'm', `json_build_object('value', v, 'count', c)`, 'v')}
  )
)::text AS body`;
  return { sql, values, searchable };
}
