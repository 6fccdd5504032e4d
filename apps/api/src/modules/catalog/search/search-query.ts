/**
 * The catalogue search as ONE SQL statement: matching, re-check, filters, the page of hits
 * with their availability, the total and every facet, returned as a single JSON text that
 * the API sends as it is. The benchmark (tools/bench/search) runs the very same statement
 * as "bare SQL", so API overhead is measured against it.
 *
 * Availability comes from the copy summary each record carries (migration 0002), so the
 * hits, the `available` filter and the availability and branch facets read no `items` row.
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

/** Beyond this many matches the total and the facets are counted on the first FACET_CAP only (see buildSearchQuery). */
export const FACET_CAP = 5000;

const HIT_JSON = `json_build_object(
  'id', r.id, 'title', r.title, 'titleReading', r.title_reading, 'subtitle', r.subtitle,
  'authors', r.authors, 'year', r.published_year, 'publisher', r.publisher,
  'materialType', r.material_type, 'series', r.series, 'volume', r.volume, 'isbn', r.isbn,
  'receivedAt', r.received_at,
  'availability', json_build_object('total', r.copies_total, 'available', r.copies_available,
                                     'onLoan', r.copies_on_loan, 'status', r.availability))`;

export { HIT_JSON };

/**
 * Builds the statement for a search. Text criteria go through the bigram tsquery (GIN) and,
 * for runs of three or more characters, an exact re-check on search_text.
 */
export function buildSearchQuery(p: SearchParams): BuiltQuery {
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

  const rank = rankParts.length ? rankParts.join(' + ') : '0';
  const order =
    p.sort === 'title'
      ? `title_sort, volume_sort NULLS LAST, id`
      : p.sort === 'newest' || !rankParts.length
        ? `received_at DESC NULLS LAST, published_year DESC NULLS LAST, id`
        : `rank DESC, title_sort, volume_sort NULLS LAST, id`;

  const limit = param(p.size);
  const offset = param((p.page - 1) * p.size);
  const cap = param(FACET_CAP);

  // m: every match with what sorting and the facets need (no wide columns);
  // page: the requested slice; the page's rows are then read by primary key.
  const sql = `
WITH m AS MATERIALIZED (
  SELECT r.id, ${rank} AS rank, r.received_at, r.published_year, r.title_sort, r.volume_sort,
         r.material_type, r.ndc, r.availability, r.holding_branches
    FROM records r
   WHERE ${where.join('\n     AND ')}
),
page AS (
  SELECT id, row_number() OVER () AS ord FROM (SELECT id FROM m ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}) s
),
f AS (SELECT * FROM m LIMIT ${cap})
SELECT json_build_object(
  'total', (SELECT count(*) FROM m),
  'page', ${param(p.page)}::int,
  'size', ${limit}::int,
  'hits', coalesce((SELECT json_agg(${HIT_JSON} ORDER BY page.ord) FROM page JOIN records r ON r.id = page.id), '[]'::json),
  'facets', json_build_object(
    'materialType', coalesce((SELECT json_agg(json_build_object('value', v, 'count', c) ORDER BY c DESC, v)
                                FROM (SELECT material_type AS v, count(*) AS c FROM m GROUP BY 1) x), '[]'::json),
    'branch', coalesce((SELECT json_agg(json_build_object('value', v, 'label', b.name, 'count', c) ORDER BY c DESC, v)
                          FROM (SELECT unnest(holding_branches) AS v, count(*) AS c FROM m GROUP BY 1) x
                          LEFT JOIN branches b ON b.code = x.v), '[]'::json),
    'availability', coalesce((SELECT json_agg(json_build_object('value', v, 'count', c) ORDER BY c DESC, v)
                                FROM (SELECT availability AS v, count(*) AS c FROM m GROUP BY 1) x), '[]'::json),
    'year', coalesce((SELECT json_agg(json_build_object('from', d, 'to', d + 9, 'count', c) ORDER BY d DESC)
                        FROM (SELECT (published_year / 10) * 10 AS d, count(*) AS c FROM m WHERE published_year IS NOT NULL GROUP BY 1) x), '[]'::json),
    'ndc', coalesce((SELECT json_agg(json_build_object('value', v, 'count', c) ORDER BY v)
                       FROM (SELECT left(ndc, 1) AS v, count(*) AS c FROM m WHERE ndc ~ '^[0-9]' GROUP BY 1) x), '[]'::json)
  )
)::text AS body`;
  return { sql, values, searchable };
}
