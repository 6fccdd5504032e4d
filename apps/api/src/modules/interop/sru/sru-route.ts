import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { currentTenant } from '@shiori/tenancy';
import { publicBody } from '../../../engine/http/public-catalogue';
import { PublicLinks } from '../../../engine/http/public-links';
import { PublicRead, PublicReadRoutes } from '../../../engine/http/public-read-route';
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
 * GET /api/t/{slug}/sru answered ahead of Nest's per-request pipeline, as the JSON search is,
 * by the public read routes' skeleton (engine/http/public-read-route.ts: the city, the public
 * catalogue's per-IP limit, problem+json): SRU clients (the prefecture's 横断検索, カーリル, NDL
 * Search) ask as often as the OPAC does. The query goes through the app's ValidationPipe as
 * `@Query()` of `Record<string, unknown>` gives it (only the string rule applies: NUL or a lone
 * surrogate is 400 VALIDATION); what SRU cannot answer is an SRU diagnostic in a 200
 * (SruService). The route in SruController documents it in OpenAPI and shares sruAnswer().
 *
 * Whatever is added to that route (a guard, an interceptor, a pipe, a parameter) must be
 * added here too, or it does not apply: sru-route.spec.ts fails when the route's decorators
 * change.
 */
@Injectable()
export class SruRoute implements NestMiddleware {
  readonly route: PublicRead<Record<string, unknown>> = { limited: true, query: Object, answer: (query, _params, res) => sruAnswer(this.sru, this.links, res, query) };

  constructor(
    private readonly routes: PublicReadRoutes,
    private readonly sru: SruService,
    private readonly links: PublicLinks,
  ) {}

  use(req: Request, res: Response, next: NextFunction): Promise<void> {
    return this.routes.serve(req, res, next, this.route);
  }
}
