import { Injectable } from '@nestjs/common';
import type { SearchFacets, SearchResult } from '@shiori/contracts';
import { currentTenantSchema, tenantStatement } from '@shiori/tenancy';
import type { JsonText } from '../../../engine/http/public-catalogue';
import { DomainError } from '../../../engine/errors/domain-error';
import { CatalogErrors } from '../catalog.errors';
import type { SearchQueryDto } from '../dto/search.dto';
import { asSearchParams, buildConditionQuery, CatalogQuery, CatalogSort, QUERY_COUNT_CAP } from './catalog-query';
import { buildSearchQuery, REGIONAL_MATCH_CAP, RegionalHit, SearchParams } from './search-query';
import { SearchStats } from './search-stats';
import { SuggestService } from './suggest.service';

export const DEFAULT_PAGE_SIZE = 20;


/** A search of words finding fewer records than this offers もしかして (SuggestService.didYouMean). */
export const DID_YOU_MEAN_BELOW = 3;

/** The query string of GET search as search parameters (defaults applied). */
export function toSearchParams(dto: SearchQueryDto): SearchParams {
  return {
    q: dto.q,
    title: dto.title,
    author: dto.author,
    publisher: dto.publisher,
    isbn: dto.isbn,
    materialType: dto.materialType,
    branch: dto.branch,
    available: dto.available,
    yearFrom: dto.yearFrom,
    yearTo: dto.yearTo,
    ndc: dto.ndc,
    availability: dto.availability,
    reservable: dto.reservable,
    authorName: dto.authorName,
    notMaterialType: dto.notMaterialType,
    notBranch: dto.notBranch,
    notAvailability: dto.notAvailability,
    notNdc: dto.notNdc,
    notAuthorName: dto.notAuthorName,
    sort: dto.sort ?? 'relevance',
    page: dto.page ?? 1,
    size: dto.size ?? DEFAULT_PAGE_SIZE,
  };
}

/** The answer to words with nothing searchable in them (only punctuation): no statement runs. */
function emptyResult(p: SearchParams): JsonText<SearchResult> {
  const answer: SearchResult = {
    total: 0,
    exact: true,
    page: p.page,
    size: p.size,
    sort: p.sort,
    hits: [],
    facets: { materialType: [], branch: [], availability: [], year: [], ndc: [], author: [], reservable: 0, years: null },
  };
  return JSON.stringify(answer) as JsonText<SearchResult>;
}

/**
 * Catalogue search: one statement per search, its JSON text is the response body. It runs
 * prepared (planned once per connection) and, from the public route (@NoTenantTransaction), alone:
 * no transaction around it.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly stats: SearchStats,
    private readonly suggestions: SuggestService,
  ) {}

  /** GET /search's answer (@shiori/contracts SearchResult) as the JSON text the statement built, もしかして added. */
  async searchJson(dto: SearchQueryDto): Promise<JsonText<SearchResult>> {
    if (dto.yearFrom !== undefined && dto.yearTo !== undefined && dto.yearFrom > dto.yearTo) throw new DomainError(CatalogErrors.SEARCH_YEAR_RANGE);
    const params = toSearchParams(dto);
    const body = await this.run(params);
    if (!dto.q?.trim()) return body;
    // もしかして, only when the words found nothing or very little (the common search pays nothing)
    const total = Number(/^\{"total" : (\d+)/.exec(body)?.[1] ?? NaN);
    if (!(total < DID_YOU_MEAN_BELOW)) return body;
    const didYouMean = await this.suggestions.didYouMean(dto.q, total, async (q) => {
      const found = JSON.parse(await this.run({ ...params, q, page: 1, size: 5, offset: undefined, sort: 'relevance' })) as SearchResult;
      return { total: Number(found.total), hits: found.hits };
    });
    return didYouMean ? (`${body.slice(0, -1)}, "didYouMean" : ${JSON.stringify(didYouMean)}}` as JsonText<SearchResult>) : body;
  }

  private async run(params: SearchParams): Promise<JsonText<SearchResult>> {
    const built = buildSearchQuery(params, { schema: currentTenantSchema(), ...(await this.stats.get()) });
    if (!built.searchable) return emptyResult(params);
    const rows = await tenantStatement<{ body: JsonText<SearchResult> }>(built.sql, built.values);
    return rows[0].body;
  }

  /**
   * The current city's part of a regional search (横断検索): its first `size` hits in its
   * search's relevance order, its total (an estimate beyond the sample, `exact: false`) and
   * the facets a region adds up. One statement of the regional shape (SearchShape): the hits carry only
   * what a grouped answer shows, no branch, NDC or author facet is computed, the sample is
   * REGIONAL_MATCH_CAP matches (not MATCH_CAP), and there is no もしかして (a region does not
   * offer one), so a city costs a region less than its own search.
   */
  async regionalPart(dto: SearchQueryDto): Promise<RegionalPart> {
    if (dto.yearFrom !== undefined && dto.yearTo !== undefined && dto.yearFrom > dto.yearTo) throw new DomainError(CatalogErrors.SEARCH_YEAR_RANGE);
    const params: SearchParams = { ...toSearchParams(dto), sort: 'relevance', page: 1 };
    const built = buildSearchQuery(params, { schema: currentTenantSchema(), ...(await this.stats.get()), shape: 'regional', cap: REGIONAL_MATCH_CAP });
    if (!built.searchable) return { total: 0, exact: true, hits: [], facets: { materialType: [], availability: [], year: [] } };
    const rows = await tenantStatement<{ body: string }>(built.sql, built.values);
    const part = JSON.parse(rows[0].body) as RegionalPart;
    return { ...part, total: Number(part.total) };
  }

  async search(dto: SearchQueryDto): Promise<SearchResult> {
    return JSON.parse(await this.searchJson(dto)) as SearchResult;
  }

  /**
   * One page of record ids for a boolean catalogue query (catalog-query.ts), in the current
   * tenant, with the total: exact, or (`exact: false`) an estimate as in the OPAC's search
   * (more than 500 matches of a form-like query) or a lower bound (more than QUERY_COUNT_CAP
   * matches of another). `relevance` ranks form-like queries; other trees read newest first.
   */
  async searchQuery<R = never>(
    query: CatalogQuery,
    { sort, offset, size, records }: { sort: CatalogSort; offset: number; size: number; records?: (schema: string, idsExpr: string) => string },
  ): Promise<QueryPage<R>> {
    const stats = await this.stats.get();
    const schema = currentTenantSchema();
    const params = asSearchParams(query, sort, offset, size);
    // the page's records in the same statement (one round trip), when the caller gives their SQL
    const withRecords = (sql: string, idsExpr: string, select: string) =>
      records ? `WITH s AS MATERIALIZED (${sql}) SELECT ${select}, ${records(schema, idsExpr)}::text AS records FROM s` : sql;
    if (params) {
      // the page's ids without the OPAC's facets, which no caller of a catalogue query shows
      const built = buildSearchQuery(params, { schema, ...stats, shape: 'ids' });
      if (!built.searchable) return { total: 0, exact: true, ids: [], records: [] };
      const sql = withRecords(built.sql, `ARRAY(SELECT (h->>'id')::uuid FROM json_array_elements((s.body::json)->'hits') h)`, 's.body');
      const rows = await tenantStatement<{ body: string; records?: string }>(sql, built.values);
      const body = JSON.parse(rows[0].body) as { total: number; exact: boolean; hits: { id: string }[] };
      return { total: Number(body.total), exact: body.exact, ids: body.hits.map((h) => h.id), records: rows[0].records ? JSON.parse(rows[0].records) : [] };
    }
    const built = buildConditionQuery(query, { schema, sort: sort === 'title' ? 'title' : 'newest', offset, size, frequency: stats.frequency });
    const sql = withRecords(built.sql, 's.ids::uuid[]', 's.total, s.ids');
    const rows = await tenantStatement<{ total: number; ids: string[]; records?: string }>(sql, built.values, { prepare: false });
    const total = rows[0].total;
    return { total: Math.min(total, QUERY_COUNT_CAP), exact: total <= QUERY_COUNT_CAP, ids: rows[0].ids, records: rows[0].records ? JSON.parse(rows[0].records) : [] };
  }
}

/** A page of a catalogue query: record ids in order, how many match, and the records when asked for. */
export interface QueryPage<R = never> {
  total: number;
  exact: boolean;
  ids: string[];
  records: R[];
}

export type { RegionalHit };

/** One city's part of a regional search (SearchService.regionalPart): internal, the region module groups it into works. */
export interface RegionalPart {
  total: number;
  exact: boolean;
  hits: RegionalHit[];
  facets: Pick<SearchFacets, 'materialType' | 'availability' | 'year'>;
}
