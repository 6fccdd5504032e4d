import { Injectable, NestMiddleware, OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PublicRead, PublicReadRoutes } from '../../engine/http/public-read-route';
import { InfoService } from './info.service';

/**
 * GET /api/t/{slug}/info, what every patron page asks first, answered ahead of Nest's
 * per-request pipeline by the public read routes' skeleton (engine/http/public-read-route.ts:
 * the city (404/503), problem+json), as the search is. The route is public, reads no caller,
 * takes no input and has no per-IP limit, so the pipeline would do nothing but the city and
 * the transaction; here one statement without a transaction (runTenantRead) reads what /info
 * is made of, and the city's serialised answer is sent again while that is unchanged
 * (InfoService.infoJson: checked against the city's info_version and, with a bookmobile, the
 * day), with its ETag (304 for a matching If-None-Match). Only a city whose migrations stopped
 * before info_version (0029) is declined to InfoController. A GET without a cookie is answered at the front of the HTTP stack (before the body and
 * cookie parsers and Nest's router); one with a cookie as Nest middleware, after the
 * session-hint cookie is kept in step.
 *
 * Whatever is added to InfoController.info (a guard, an interceptor, a pipe) must be added
 * here too, or it does not apply: info-route.spec.ts fails when the route's decorators change.
 */
@Injectable()
export class InfoRoute implements NestMiddleware, OnModuleInit {
  readonly route: PublicRead = {
    front: /^\/api\/t\/[^/]+\/info$/,
    limited: false,
    answer: async (_query, _params, res, req) => {
      const answer = await this.info.infoJson(req.tenant!);
      if (!answer) return null; // a city without info_version yet: InfoController
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('ETag', answer.etag);
      return answer.body;
    },
  };

  constructor(
    private readonly routes: PublicReadRoutes,
    private readonly info: InfoService,
  ) {}

  onModuleInit(): void {
    this.routes.atFront(this.route);
  }

  use(req: Request, res: Response, next: NextFunction): Promise<void> {
    return this.routes.serve(req, res, next, this.route);
  }
}
