/**
 * A catalogue query as a boolean tree: what outside search protocols (SRU's CQL today, a
 * regional search tomorrow) ask of one city's catalogue. It names no city and holds only
 * data, so the same tree can be run against every member city of a region, one statement
 * per city.
 *
 * Each leaf matches the way the OPAC's search does (document.ts): text through the bigram
 * tsquery of the record's `search` column, re-checked on `search_text`, so readings, kana
 * folding, 竜/龍 and one-character queries behave as in the OPAC; ISBN-10 and ISBN-13 alike.
 *
 * Two ways to run a tree (SearchService.searchQuery):
 *   - a conjunction of at most one criterion per field, i.e. what the OPAC's search form
 *     can say, becomes SearchParams and runs as the OPAC's own statement (search-query.ts:
 *     bounded sample, ranking, estimated totals), so SRU costs what a JSON search costs;
 *   - any other tree (or, not, repeated fields, phrases, exact titles) compiles to one
 *     WHERE condition (compileCondition), read in the newest order with a bounded count.
 *
 * Pure: no framework, no I/O.
 */
import { compactFold } from './text';
import { FieldWeight, fieldRegex, likePattern, recheckCondition, textCriterion, TokenFrequency } from './document';
import type { SearchParams } from './search-query';

export type TextField = 'any' | 'title' | 'creator' | 'publisher';

/**
 * `words`: every word, anywhere in the field (the OPAC's search);
 * `phrase`: the words together, in this order (spaces and punctuation ignored, as folded);
 * `exact`: the whole field is this (a title, an author's name or reading, a publisher).
 */
export type TextMode = 'words' | 'phrase' | 'exact';

export type CatalogCondition =
  | { kind: 'text'; field: TextField; mode: TextMode; value: string }
  /** ISBN-13 digits (normalizeIsbn), any of them */
  | { kind: 'isbn'; values: string[] }
  /** NDC class or its beginning: '9', '91', '913.6' */
  | { kind: 'ndc'; prefix: string }
  /** publication year, bounds included */
  | { kind: 'year'; from?: number; to?: number }
  /** record ids (UUIDs), any of them */
  | { kind: 'id'; values: string[] }
  | { kind: 'materialType'; values: string[] }
  | { kind: 'all' };

export type CatalogQuery =
  | CatalogCondition
  /** `andNot`: left and not right (CQL's `not`) */
  | { kind: 'and' | 'or' | 'andNot'; left: CatalogQuery; right: CatalogQuery };

export type CatalogSort = 'relevance' | 'newest' | 'title';

const WEIGHT: Record<TextField, FieldWeight | undefined> = { any: undefined, title: 'A', creator: 'B', publisher: 'C' };

/**
 * The tree as SearchParams when the OPAC's search can run it exactly: an `and` of leaves,
 * at most one per field, text ones in `words` mode, one ISBN, one year range. Null otherwise.
 */
export function asSearchParams(q: CatalogQuery, sort: CatalogSort, offset: number, size: number): SearchParams | null {
  const leaves: CatalogCondition[] = [];
  const collect = (n: CatalogQuery): boolean => {
    if (n.kind === 'and') return collect(n.left) && collect(n.right);
    if (n.kind === 'or' || n.kind === 'andNot') return false;
    leaves.push(n as CatalogCondition);
    return true;
  };
  if (!collect(q)) return null;
  const p: SearchParams = { sort, page: 1, size, offset };
  const seen = new Set<string>();
  for (const leaf of leaves) {
    const key = leaf.kind === 'text' ? `text:${leaf.field}` : leaf.kind;
    if (seen.has(key)) return null;
    seen.add(key);
    switch (leaf.kind) {
      case 'text':
        if (leaf.mode !== 'words') return null;
        if (leaf.field === 'any') {
          // a free query that looks like an ISBN is one for the OPAC: keep the words meaning
          if (/^[\d\sXx-]+$/.test(leaf.value.normalize('NFKC').trim())) return null;
          p.q = leaf.value;
        } else if (leaf.field === 'title') p.title = leaf.value;
        else if (leaf.field === 'creator') p.author = leaf.value;
        else p.publisher = leaf.value;
        break;
      case 'isbn':
        if (leaf.values.length !== 1) return null;
        p.isbn = leaf.values[0];
        break;
      case 'ndc':
        p.ndc = [leaf.prefix];
        break;
      case 'year':
        p.yearFrom = leaf.from;
        p.yearTo = leaf.to;
        break;
      case 'materialType':
        p.materialType = leaf.values;
        break;
      case 'all':
        break;
      case 'id':
        return null;
    }
  }
  return p;
}

/** What a compiled condition needs to bind its values. */
export interface ConditionContext {
  param: (v: unknown) => string;
  frequency?: TokenFrequency;
}

/** Escapes a folded text for a POSIX regex. */
function regexLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, (c) => `\\${c}`);
}

function textCondition(c: Extract<CatalogCondition, { kind: 'text' }>, ctx: ConditionContext): string {
  const weight = WEIGHT[c.field];
  const criterion = textCriterion(c.value, weight, ctx.frequency);
  if (!criterion) return 'false';
  const index = `r.search @@ ${ctx.param(criterion.tsquery)}::tsquery`;
  if (c.mode === 'words') {
    const recheck = recheckCondition(criterion, weight, ctx.param);
    return recheck ? `(${index} AND ${recheck})` : index;
  }
  const compact = compactFold(c.value);
  if (!compact) return 'false';
  if (c.mode === 'phrase') {
    const check = weight ? `r.search_text ~ ${ctx.param(fieldRegex(compact, weight))}` : `r.search_text LIKE ${ctx.param(likePattern(compact))}`;
    return `(${index} AND ${check})`;
  }
  // exact: one whole line of search_text (one field's text: a title, subtitle or reading; a name) is the value
  return `(${index} AND r.search_text ~ ${ctx.param(`(^|\n)${weight ?? '[ABCD]'}\t${regexLiteral(compact)}(\n|$)`)})`;
}

/** One condition on `records r` for the tree (withdrawn records are the caller's to exclude). */
export function compileCondition(q: CatalogQuery, ctx: ConditionContext): string {
  switch (q.kind) {
    case 'and':
      return `(${compileCondition(q.left, ctx)} AND ${compileCondition(q.right, ctx)})`;
    case 'or':
      return `(${compileCondition(q.left, ctx)} OR ${compileCondition(q.right, ctx)})`;
    case 'andNot':
      // IS NOT TRUE: a record without a year (NULL) is "not published before 1990"
      return `(${compileCondition(q.left, ctx)} AND (${compileCondition(q.right, ctx)}) IS NOT TRUE)`;
    case 'text':
      return textCondition(q, ctx);
    case 'isbn':
      return q.values.length ? `r.isbn = ANY(${ctx.param(q.values)}::text[])` : 'false';
    case 'ndc':
      return `r.ndc LIKE ${ctx.param(likePattern(q.prefix).slice(1))}`;
    case 'year': {
      const parts: string[] = [];
      if (q.from !== undefined) parts.push(`r.published_year >= ${ctx.param(q.from)}::int`);
      if (q.to !== undefined) parts.push(`r.published_year <= ${ctx.param(q.to)}::int`);
      return parts.length ? `(${parts.join(' AND ')})` : 'r.published_year IS NOT NULL';
    }
    case 'id':
      return q.values.length ? `r.id = ANY(${ctx.param(q.values)}::uuid[])` : 'false';
    case 'materialType':
      return `r.material_type = ANY(${ctx.param(q.values)}::text[])`;
    case 'all':
      return 'true';
  }
}

/** Most matches counted by a compiled (non-OPAC) query; beyond it the total is "at least" this. */
export const QUERY_COUNT_CAP = 100_000;

/**
 * The statement for a compiled tree: the total (counted up to QUERY_COUNT_CAP + 1) and the
 * ids of one page, newest first or in title order. `schema` is the tenant's quoted schema.
 */
export function buildConditionQuery(
  q: CatalogQuery,
  { schema, sort, offset, size, frequency }: { schema: string; sort: CatalogSort; offset: number; size: number; frequency?: TokenFrequency },
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const cond = `r.withdrawn_at IS NULL AND ${compileCondition(q, { param, frequency })}`;
  const order =
    sort === 'title'
      ? 'r.title_sort, r.volume_sort NULLS LAST, r.id'
      : 'r.received_at DESC NULLS LAST, r.published_year DESC NULLS LAST, r.id';
  const sql = `SELECT (SELECT count(*) FROM (SELECT 1 FROM ${schema}.records r WHERE ${cond} LIMIT ${QUERY_COUNT_CAP + 1}) c)::int AS total,
       ARRAY(SELECT r.id FROM ${schema}.records r WHERE ${cond} ORDER BY ${order} LIMIT ${param(size)} OFFSET ${param(offset)})::text[] AS ids`;
  return { sql, values };
}
