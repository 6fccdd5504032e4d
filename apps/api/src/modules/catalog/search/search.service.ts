import { Injectable } from '@nestjs/common';
import { currentTenantSchema, tenantStatement } from '@shiori/tenancy';
import type { SearchQueryDto } from '../dto/search.dto';
import { buildSearchQuery, SearchParams } from './search-query';
import { SearchStats } from './search-stats';

export const DEFAULT_PAGE_SIZE = 20;

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
    sort: dto.sort ?? 'relevance',
    page: dto.page ?? 1,
    size: dto.size ?? DEFAULT_PAGE_SIZE,
  };
}

function emptyResult(p: SearchParams): string {
  return JSON.stringify({ total: 0, page: p.page, size: p.size, hits: [], facets: { materialType: [], branch: [], availability: [], year: [], ndc: [] } });
}

/**
 * Catalogue search: one statement per search, its JSON text is the response body. It runs
 * prepared (planned once per connection) and, from the public route (@NoTenantTransaction), alone:
 * no transaction around it.
 */
@Injectable()
export class SearchService {
  constructor(private readonly stats: SearchStats) {}

  async searchJson(dto: SearchQueryDto): Promise<string> {
    const params = toSearchParams(dto);
    const built = buildSearchQuery(params, { schema: currentTenantSchema(), ...(await this.stats.get()) });
    if (!built.searchable) return emptyResult(params);
    const rows = await tenantStatement<{ body: string }>(built.sql, built.values);
    return rows[0].body;
  }

  async search(dto: SearchQueryDto) {
    return JSON.parse(await this.searchJson(dto));
  }
}
