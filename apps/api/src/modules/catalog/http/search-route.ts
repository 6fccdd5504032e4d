import { Injectable, NestMiddleware } from '@nestjs/common';
import type { SearchResult } from '@shiori/contracts';
import type { NextFunction, Request, Response } from 'express';
import { createValidationPipe } from '../../../engine/errors/validation';
import { JsonText, publicJson } from '../../../engine/http/public-catalogue';
import { PublicRead, PublicReadRoutes } from '../../../engine/http/public-read-route';
import { SearchQueryDto } from '../dto/search.dto';
import { SearchService } from '../search/search.service';

/** Seconds a browser or proxy may reuse a search answer or a record page: availability changes with every loan. */
export const SEARCH_MAX_AGE = 30;

/** The answer to a catalogue search (the JSON text of SearchService, with its ETag and Cache-Control). */
export async function searchAnswer(search: SearchService, res: Response, query: SearchQueryDto): Promise<JsonText<SearchResult>> {
  return publicJson(res, await search.searchJson(query), SEARCH_MAX_AGE);
}

const queryPipe = createValidationPipe();

/**
 * A search's query parameters as GET /api/t/{slug}/search takes them: validated by the same
 * ValidationPipe and SearchQueryDto (400 VALIDATION on what the route refuses). The OPAC's
 * server-rendered search page (modules/opac-pages) validates with it, then calls
 * SearchService.searchJson in the city's read, as SearchRoute does: the same hits, in the same
 * order, or the same refusal.
 */
export async function searchQueryOf(raw: Record<string, unknown>): Promise<SearchQueryDto> {
  return (await queryPipe.transform(raw, { type: 'query', metatype: SearchQueryDto })) as SearchQueryDto;
}

/**
 * GET /api/t/{slug}/search, the busiest request of the service, answered ahead of Nest's
 * per-request pipeline by the public read routes' skeleton (engine/http/public-read-route.ts:
 * the city, the public catalogue's per-IP limit, problem+json): the query is validated with
 * the app's own ValidationPipe and SearchQueryDto (400 VALIDATION), then answered by one
 * statement without a transaction. The route in OpacController documents it in OpenAPI and
 * shares searchAnswer(). Measured on the 1M-record benchmark, the pipeline cost the API
 * process 0.6 ms per search, a third of its time (docs/benchmarks.md).
 *
 * Whatever is added to that route (a guard, an interceptor, a pipe) must be added here too,
 * or it does not apply: search-route.spec.ts fails when the route's decorators change.
 */
@Injectable()
export class SearchRoute implements NestMiddleware {
  readonly route: PublicRead<SearchQueryDto> = { limited: true, query: SearchQueryDto, answer: (query, _params, res) => searchAnswer(this.search, res, query) };

  constructor(
    private readonly routes: PublicReadRoutes,
    private readonly search: SearchService,
  ) {}

  use(req: Request, res: Response, next: NextFunction): Promise<void> {
    return this.routes.serve(req, res, next, this.route);
  }
}
