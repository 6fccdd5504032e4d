import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { NewArrivalsList, RankingList, RecommendedLists, RecordDetail, SearchResult, SuggestAnswer } from '@shiori/contracts';
import type { Response } from 'express';
import { Public } from '../../engine/auth/auth.decorators';
import { NoTenantTransaction } from '../../engine/tenancy/tenant-transaction.interceptor';
import { ListQueryDto, SearchQueryDto, SuggestQueryDto } from './dto/search.dto';
import { JsonText, jsonText, PublicCatalogueRateLimit, publicJson } from '../../engine/http/public-catalogue';
import { SEARCH_MAX_AGE, searchAnswer } from './http/search-route';
import { suggestAnswer } from './http/suggest-route';
import { ListsService } from './lists/lists.service';
import { RecordPageService } from './records/record-page.service';
import { SearchService } from './search/search.service';
import { SuggestService } from './search/suggest.service';
import { ApiAnswer } from '../../engine/openapi/api-answer';

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
   * Suggestions as you type (@shiori/contracts SuggestAnswer): titles, authors and series whose
   * reading or written form begins with `q`, the most used first.
   */
  // Requests are answered by SuggestRoute (http/suggest-route.ts), a middleware ahead of Nest's
  // pipeline that does what this route's decorators say; the route documents it in OpenAPI.
  @Public() @NoTenantTransaction() @Get('suggest') @ApiAnswer('SuggestAnswer')
  @ApiOkResponse({ description: 'suggestions' })
  async suggest(@Query() query: SuggestQueryDto, @Res({ passthrough: true }) res: Response): Promise<JsonText<SuggestAnswer>> {
    return suggestAnswer(this.suggestions, res, query);
  }

  /**
   * The catalogue search (@shiori/contracts SearchResult): a page of hits, the total, the facets,
   * もしかして. `exact: false` when more than 500 records match: the total and facet counts are
   * then estimates.
   */
  // Requests are answered by SearchRoute (http/search-route.ts), a middleware ahead of Nest's
  // pipeline that does what this route's decorators say; the route documents it in OpenAPI.
  @Public() @NoTenantTransaction() @Get('search') @ApiAnswer('SearchResult')
  @ApiOkResponse({ description: 'search result' })
  searchCatalogue(@Query() query: SearchQueryDto, @Res({ passthrough: true }) res: Response): Promise<JsonText<SearchResult>> {
    return searchAnswer(this.search, res, query);
  }

  /** The record page (@shiori/contracts RecordDetail): the record, its copies and whether the city's hold rules let a patron reserve it. */
  @Public() @Get('records/:id') @ApiAnswer('RecordDetail')
  async record(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<JsonText<RecordDetail>> {
    return publicJson(res, jsonText(await this.recordPage.get(id)), SEARCH_MAX_AGE);
  }

  /** New arrivals (@shiori/contracts NewArrivalsList). */
  @Public() @Get('lists/new-arrivals') @ApiAnswer('NewArrivalsList')
  async newArrivals(@Query() query: ListQueryDto, @Res({ passthrough: true }) res: Response): Promise<JsonText<NewArrivalsList>> {
    return publicJson(res, await this.lists.newArrivals(query), LIST_MAX_AGE);
  }

  /** The most borrowed (@shiori/contracts RankingList). */
  @Public() @Get('lists/best-loans') @ApiAnswer('RankingList')
  async bestLoans(@Res({ passthrough: true }) res: Response): Promise<JsonText<RankingList>> {
    return publicJson(res, await this.lists.bestLoans(), LIST_MAX_AGE);
  }

  /** The most reserved now (@shiori/contracts RankingList). */
  @Public() @Get('lists/best-holds') @ApiAnswer('RankingList')
  async bestHolds(@Res({ passthrough: true }) res: Response): Promise<JsonText<RankingList>> {
    return publicJson(res, await this.lists.bestHolds(), LIST_MAX_AGE);
  }

  /** The published recommended lists (@shiori/contracts RecommendedLists). */
  @Public() @Get('lists/recommended') @ApiAnswer('RecommendedLists')
  async recommended(@Res({ passthrough: true }) res: Response): Promise<JsonText<RecommendedLists>> {
    return publicJson(res, await this.lists.recommended(), LIST_MAX_AGE);
  }
}
