import { Injectable, NestMiddleware, OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { runTenantRead } from '@shiori/tenancy';
import { problemOf, sendProblem } from '../../engine/errors/problem.filter';
import { FrontRoutes } from '../../engine/http/front-routes';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';
import { requestTenant } from '../../engine/tenancy/tenant.middleware';
import { InfoService } from './info.service';

/** Marks a request InfoRoute has left to InfoController (it is not read twice). */
const DECLINED = Symbol('info-route-declined');

/**
 * GET /api/t/{slug}/info, what every patron page asks first, answered ahead of Nest's
 * per-request pipeline (the router's execution context, guard, transaction interceptor, rxjs)
 * as SearchRoute answers the search. The route is public, reads no caller and takes no
 * input, so the pipeline would do nothing but the city (404/503, as TenantMiddleware) and the
 * transaction; here one statement without a transaction (runTenantRead) reads what /info is
 * made of, and the city's serialised answer is sent again while that is unchanged
 * (InfoService.infoJson), with its ETag (304 for a matching If-None-Match). A city with an
 * active bookmobile goes on to InfoController (its stations' next visits change by the day).
 * A request without a cookie is answered at the front of the HTTP stack (FrontRoutes: before
 * the body and cookie parsers and Nest's router); one with a cookie here, as Nest middleware,
 * after the session-hint cookie is kept in step.
 *
 * Whatever is added to InfoController.info (a guard, an interceptor, a pipe) must be added
 * here too, or it does not apply: info-route.spec.ts fails when the route's decorators change.
 */
@Injectable()
export class InfoRoute implements NestMiddleware, OnModuleInit {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly ds: DataSource,
    private readonly info: InfoService,
    private readonly front: FrontRoutes,
  ) {}

  onModuleInit(): void {
    this.front.add({ path: /^\/api\/t\/[^/]+\/info$/, handle: (req, res, next) => this.use(req, res, next) });
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (DECLINED in req) return next(); // a city with a bookmobile, seen at the front: to InfoController
    let answer;
    try {
      const tenant = (await requestTenant(this.registry, req))!;
      answer = await runTenantRead(this.ds, { id: tenant.id, slug: tenant.slug, name: tenant.name }, () => this.info.infoJson(tenant));
    } catch (e) {
      if (!res.headersSent) sendProblem(res, problemOf(e, req));
      return;
    }
    if (!answer) {
      (req as Request & { [DECLINED]?: true })[DECLINED] = true;
      return next();
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('ETag', answer.etag);
    res.send(answer.body);
  }
}
