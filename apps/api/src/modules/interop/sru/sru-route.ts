import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { currentTenant, runTenantRead } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { problemOf, sendProblem } from '../../../engine/errors/problem.filter';
import { createValidationPipe } from '../../../engine/errors/validation';
import { countPublicCatalogueHit, publicBody } from '../../../engine/http/public-catalogue';
import { PublicLinks } from '../../../engine/http/public-links';
import { RateLimiter } from '../../../engine/http/rate-limiter';
import { TenantRegistry } from '../../../engine/tenancy/tenant-registry.service';
import { requestTenant } from '../../../engine/tenancy/tenant.middleware';
import { SEARCH_MAX_AGE } from '../../catalog';
import { SruService } from './sru.service';

/** The media type of SRU answers (what yaz-client and other SRU clients read). */
export const SRU_MEDIA_TYPE = 'application/xml; charset=utf-8';

/** The answer to an SRU request to the current city (the XML text, with its ETag, Cache-Control and media type). */
export async function sruAnswer(sru: SruService, links: PublicLinks, res: Response, query: Record<string, unknown>): Promise<string> {
  const base = links.origin();
  const body = await sru.answer(query, `${base}/api/t/${currentTenant().slug}/sru`, base);
  return publicBody(res, body, SEARCH_MAX_AGE, SRU_MEDIA_TYPE);
}

/**
 * GET /api/t/{slug}/sru answered ahead of Nest's per-request pipeline, as SearchRoute answers
 * the JSON search (catalog/http/search-route.ts): SRU clients (the prefecture's 横断検索,
 * カーリル, NDL Search) ask as often as the OPAC does, and the pipeline cost a third of a
 * search's time in the API process. It does what the route's decorators in SruController ask
 * and nothing else: the city (404/503 problem+json, as TenantMiddleware), the public
 * catalogue's per-IP limit (429), the app's ValidationPipe on the query as `@Query()` of
 * `Record<string, unknown>` gives it (only the string rule applies: NUL or a lone surrogate
 * is 400 VALIDATION), then the answer without a transaction (runTenantRead, as
 * @NoTenantTransaction); what SRU cannot answer is an SRU diagnostic in a 200 (SruService),
 * any other error problem+json as the ProblemFilter writes it. The route in SruController
 * documents it in OpenAPI and shares sruAnswer().
 *
 * Whatever is added to that route (a guard, an interceptor, a pipe, a parameter) must be
 * added here too, or it does not apply: sru-route.spec.ts fails when the route's decorators
 * change. A new global guard or interceptor (engine.module.ts) needs a look here as well.
 */
@Injectable()
export class SruRoute implements NestMiddleware {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly registry: TenantRegistry,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly sru: SruService,
    private readonly links: PublicLinks,
  ) {}

  async use(req: Request, res: Response, _next: NextFunction): Promise<void> {
    try {
      const tenant = (await requestTenant(this.registry, req))!;
      countPublicCatalogueHit(this.limiter, this.config, req, res);
      const query = (await this.pipe.transform(req.query, { type: 'query', metatype: Object })) as Record<string, unknown>;
      const body = await runTenantRead(this.ds, { id: tenant.id, slug: tenant.slug, name: tenant.name }, () => sruAnswer(this.sru, this.links, res, query));
      res.send(body);
    } catch (e) {
      if (!res.headersSent) sendProblem(res, problemOf(e, req));
    }
  }
}
