import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { publicBody } from '../../../engine/http/public-catalogue';
import { PublicRead, PublicReadRoutes } from '../../../engine/http/public-read-route';
import { SEARCH_MAX_AGE } from '../../catalog';
import { RegionCodePipe } from '../../region';
import { RegionalSruService } from './regional-sru.service';
import { SRU_MEDIA_TYPE } from './sru-route';
import { SruService } from './sru.service';

/** The answer to an SRU request to a region (the XML text, with its ETag, Cache-Control and media type); REGION_NOT_FOUND when there is none. */
export async function regionalSruAnswer(
  sru: SruService,
  regional: RegionalSruService,
  config: AppConfig,
  res: Response,
  region: string,
  query: Record<string, unknown>,
): Promise<string> {
  const db = await regional.database(region);
  const body = await sru.answerFor(query, `${config.publicUrl}/api/r/${region}/sru`, db);
  return publicBody(res, body, SEARCH_MAX_AGE, SRU_MEDIA_TYPE);
}

/**
 * GET /api/r/{region}/sru answered ahead of Nest's per-request pipeline, as a city's SRU is
 * (sru-route.ts), by the public read routes' skeleton (engine/http/public-read-route.ts): the
 * public catalogue's per-IP limit (429), the region code through RegionCodePipe (a code that
 * cannot exist: 404 REGION_NOT_FOUND) and the query through the app's ValidationPipe as
 * `@Query()` of `Record<string, unknown>` gives it (NUL: 400 VALIDATION), then the answer
 * (each member city in its own context, RegionalSruService); an unknown region is 404
 * problem+json, what SRU cannot answer an SRU diagnostic in a 200. The route in
 * RegionalSruController documents it in OpenAPI and shares regionalSruAnswer().
 *
 * Whatever is added to that route (a guard, an interceptor, a pipe, a parameter) must be
 * added here too, or it does not apply: regional-sru-route.spec.ts fails when the route's
 * decorators or parameters change.
 */
@Injectable()
export class RegionalSruRoute implements NestMiddleware {
  readonly route: PublicRead<Record<string, unknown>> = {
    limited: true,
    params: [{ name: 'region', pipe: new RegionCodePipe() }],
    query: Object,
    answer: (query, { region }, res) => regionalSruAnswer(this.sru, this.regional, this.config, res, region, query),
  };

  constructor(
    private readonly routes: PublicReadRoutes,
    private readonly sru: SruService,
    private readonly regional: RegionalSruService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  use(req: Request, res: Response, next: NextFunction): Promise<void> {
    return this.routes.serve(req, res, next, this.route);
  }
}
