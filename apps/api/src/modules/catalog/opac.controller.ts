import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../engine/auth/auth.decorators';
import { NoTenantTransaction } from '../../engine/tenancy/tenant-transaction.interceptor';
import { ListQueryDto, SearchQueryDto, SuggestQueryDto } from './dto/search.dto';
import { PublicCatalogueRateLimit, publicJson } from '../../engine/http/public-catalogue';
import { SEARCH_MAX_AGE, searchAnswer } from './http/search-route';
import { suggestAnswer } from './http/suggest-route';
import { ListsService } from './lists/lists.service';
import { RecordPageService } from './records/record-page.service';
import { SearchService } from './search/search.service';
import { SuggestService } from './search/suggest.service';

/** Seconds a browser or proxy may reuse a public list: lists change daily. */
const LIST_MAX_AGE = 300;

/**
 * The public catalogue of a city (OPAC): search, record pages and public lists. No login;
 * rate-limited per IP; answers carry an ETag and Cache-Control.
 */
@ApiTags('catalogue (public)')
@Controller('t/:slug')
@UseGuards(PublicCatalogueRateLimit)
export class OpacController {
  constructor(
    private readonly search: SearchService,
    private readonly recordPage: RecordPageService,
    private readonly lists: ListsService,
    private readonly suggestions: SuggestService,
  ) {}

  /**
   * Suggestions as you type: `{q, suggestions:[{kind: title|author|series, label, reading}]}`,
   * titles, authors and series whose reading or written form begins with `q`, the most used first.
   */
  // Requests are answered by SuggestRoute (http/suggest-route.ts), a middleware ahead of Nest's
  // pipeline that does what this route's decorators say; the route documents it in OpenAPI.
  @Public() @NoTenantTransaction() @Get('suggest')
  @ApiOkResponse({ description: 'suggestions' })
  async suggest(@Query() query: SuggestQueryDto, @Res({ passthrough: true }) res: Response) {
    return suggestAnswer(this.suggestions, res, query);
  }

  /**
   * `{total, exact, page, size, sort, hits:[{id,title,titleReading,authors,year,publisher,materialType,volume,
   * availability:{total,available,onLoan,status}}], facets:{materialType,branch,availability,year,ndc}}`.
   * `exact: false` when more than 500 records match: the total and facet counts are then estimates.
   */
  // Requests are answered by SearchRoute (http/search-route.ts), a middleware ahead of Nest's
  // pipeline that does what this route's decorators say; the route documents it in OpenAPI.
  @Public() @NoTenantTransaction() @Get('search')
  @ApiOkResponse({ description: 'search result' })
  searchCatalogue(@Query() query: SearchQueryDto, @Res({ passthrough: true }) res: Response) {
    return searchAnswer(this.search, res, query);
  }

  /** The record, its copies and `reservable:{ok,code?}` under the city's hold rules. */
  @Public() @Get('records/:id')
  async record(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return publicJson(res, JSON.stringify(await this.recordPage.get(id)), SEARCH_MAX_AGE);
  }

  @Public() @Get('lists/new-arrivals')
  async newArrivals(@Query() query: ListQueryDto, @Res({ passthrough: true }) res: Response) {
    return publicJson(res, await this.lists.newArrivals(query), LIST_MAX_AGE);
  }

  @Public() @Get('lists/best-loans')
  async bestLoans(@Res({ passthrough: true }) res: Response) {
    return publicJson(res, await this.lists.bestLoans(), LIST_MAX_AGE);
  }

  @Public() @Get('lists/best-holds')
  async bestHolds(@Res({ passthrough: true }) res: Response) {
    return publicJson(res, await this.lists.bestHolds(), LIST_MAX_AGE);
  }

  @Public() @Get('lists/recommended')
  async recommended(@Res({ passthrough: true }) res: Response) {
    return publicJson(res, await this.lists.recommended(), LIST_MAX_AGE);
  }
}
