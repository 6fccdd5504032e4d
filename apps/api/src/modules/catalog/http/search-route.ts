import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { runTenantRead } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { problemOf, sendProblem } from '../../../engine/errors/problem.filter';
import { createValidationPipe } from '../../../engine/errors/validation';
import { RateLimiter } from '../../../engine/http/rate-limiter';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { requestTenant } from '../../../engine/tenancy/tenant.middleware';
import { SearchQueryDto } from '../dto/search.dto';
import { SearchService } from '../search/search.service';
import { countPublicCatalogueHit, publicJson } from '../../../engine/http/public-catalogue';

/** Seconds a browser or proxy may reuse a search answer or a record page: availability changes with every loan. */
export const SEARCH_MAX_AGE = 30;

/** The answer to a catalogue search (the JSON text of SearchService, with its ETag and Cache-Control). */
export async function searchAnswer(search: SearchService, res: Response, query: SearchQueryDto): Promise<string> {
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
 * per-request pipeline (guards, interceptor, pipes, the router's execution context). It does
 * what that pipeline would do for this public, read-only route and nothing else: the city
 * (404/503 as TenantMiddleware), the per-IP limit of the public catalogue (429), the query's
 * validation with the app's own ValidationPipe and SearchQueryDto (400 VALIDATION), then one
 * statement without a transaction (runTenantRead, as @NoTenantTransaction), and problem+json
 * for every error. The route in OpacController documents it in OpenAPI and shares
 * searchAnswer(). Measured on the 1M-record benchmark, the pipeline cost the API process
 * 0.6 ms per search, a third of its time (docs/benchmarks.md).
 *
 * Whatever is added to that route (a guard, an interceptor, a pipe) must be added here too,
 * or it does not apply: search-route.spec.ts fails when the route's decorators change. A new
 * global guard or interceptor (engine.module.ts) needs a look here as well.
 */
@Injectable()
export class SearchRoute implements NestMiddleware {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly search: SearchService,
  ) {}

  async use(req: Request, res: Response, _next: NextFunction): Promise<void> {
    try {
      const tenant = (await requestTenant(this.registry, req))!;
      countPublicCatalogueHit(this.limiter, this.config, req, res);
      const query = await searchQueryOf(req.query as Record<string, unknown>);
      const body = await runTenantRead(this.ds, { id: tenant.id, slug: tenant.slug, name: tenant.name }, () => searchAnswer(this.search, res, query));
      res.send(body);
    } catch (e) {
      if (!res.headersSent) sendProblem(res, problemOf(e, req));
    }
  }
}
