import { Controller, Get, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { currentTenant } from '@shiori/tenancy';
import { Public } from '../../../engine/auth/auth.decorators';
import { PublicLinks } from '../../../engine/http/public-links';
import { NoTenantTransaction } from '../../../engine/tenancy/tenant-transaction.interceptor';
import { PublicCatalogueRateLimit, publicBody } from '../../../engine/http/public-catalogue';
import { SEARCH_MAX_AGE, SearchService } from '../../catalog';
import { RecordRenderer } from '../records/record-renderer.service';
import { atomResults, descriptionDocument, OpenSearchHit, OpenSearchUrls, rssResults } from './opensearch-xml';
import { OpenSearchQueryDto } from './opensearch-query.dto';

/** Seconds a description document may be reused: it changes only with the city's name. */
const DESCRIPTION_MAX_AGE = 3600;

/**
 * OpenSearch for a city: the description document (linked from the OPAC's <head>, so a
 * browser offers to add the catalogue as a search engine) and results as RSS 2.0 or Atom,
 * found by the OPAC's own search. Public, rate-limited per IP, cacheable.
 */
@ApiTags('interoperability (public)')
@Controller('t/:slug')
@UseGuards(PublicCatalogueRateLimit)
export class OpenSearchController {
  constructor(
    private readonly search: SearchService,
    private readonly renderer: RecordRenderer,
    private readonly links: PublicLinks,
  ) {}

  private urls(): OpenSearchUrls {
    return new OpenSearchUrls(this.links.origin(), currentTenant().slug);
  }

  @Public() @NoTenantTransaction() @Get('opensearch.xml')
  @ApiProduces('application/opensearchdescription+xml')
  @ApiOkResponse({ description: 'OpenSearch 1.1 description document of the city catalogue' })
  description(@Res({ passthrough: true }) res: Response): string {
    return publicBody(res, descriptionDocument(currentTenant().name, this.urls()), DESCRIPTION_MAX_AGE, 'application/opensearchdescription+xml; charset=utf-8');
  }

  @Public() @NoTenantTransaction() @Get('opensearch')
  @ApiProduces('application/rss+xml', 'application/atom+xml')
  @ApiOkResponse({ description: 'search results as RSS 2.0 or Atom with OpenSearch totalResults, startIndex, itemsPerPage and Query' })
  async results(@Query() query: OpenSearchQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const page = query.page ?? 1;
    const count = query.count ?? 20;
    const format = query.format ?? 'rss';
    const [result, typeNames] = await Promise.all([
      this.search.search({ q: query.q, page, size: count }) as Promise<{ total: number; hits: OpenSearchHit[] }>,
      this.renderer.typeNames(),
    ]);
    const p = { q: query.q, page, count, total: result.total, hits: result.hits, libraryName: currentTenant().name, typeNames, urls: this.urls() };
    return format === 'atom'
      ? publicBody(res, atomResults(p), SEARCH_MAX_AGE, 'application/atom+xml; charset=utf-8')
      : publicBody(res, rssResults(p), SEARCH_MAX_AGE, 'application/rss+xml; charset=utf-8');
  }
}
