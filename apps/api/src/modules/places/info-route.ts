import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { runTenantRead } from '@shiori/tenancy';
import { problemOf, sendProblem } from '../../engine/errors/problem.filter';
import { TenantRegistry } from '../../engine/tenancy/tenant-registry.service';
import { requestTenant } from '../../engine/tenancy/tenant.middleware';
import { InfoService } from './info.service';

/**
 * GET /api/t/{slug}/info, what every patron page asks first, answered ahead of Nest's
 * per-request pipeline (the router's execution context, guard, transaction interceptor, rxjs)
 * as SearchRoute answers the search. The route is public, reads no caller and takes no
 * input, so the pipeline would do nothing but the city (404/503, as TenantMiddleware) and the
 * transaction; here one statement without a transaction (runTenantRead) reads what /info is
 * made of, and the city's serialised answer is sent again while that is unchanged
 * (InfoService.infoJson), with its ETag (304 for a matching If-None-Match). A city with an
 * active bookmobile goes on to InfoController (its stations' next visits change by the day).
 *
 * Whatever is added to InfoController.info (a guard, an interceptor, a pipe) must be added
 * here too, or it does not apply: info-route.spec.ts fails when the route's decorators change.
 */
@Injectable()
export class InfoRoute implements NestMiddleware {
  constructor(
    private readonly registry: TenantRegistry,
    private readonly ds: DataSource,
    private readonly info: InfoService,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    let answer;
    try {
      const tenant = (await requestTenant(this.registry, req))!;
      answer = await runTenantRead(this.ds, { id: tenant.id, slug: tenant.slug, name: tenant.name }, () => this.info.infoJson(tenant));
    } catch (e) {
      if (!res.headersSent) sendProblem(res, problemOf(e, req));
      return;
    }
    if (!answer) return next();
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('ETag', answer.etag);
    res.send(answer.body);
  }
}
