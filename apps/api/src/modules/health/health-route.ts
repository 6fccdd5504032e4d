import { Injectable, NestMiddleware, OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { DatabaseErrors } from '../../engine/database/connection-errors';
import { DomainError } from '../../engine/errors/domain-error';
import { PublicRead, PublicReadRoutes } from '../../engine/http/public-read-route';
import { SingleFlightProbe } from './database-probe';

const OK = Buffer.from(JSON.stringify({ status: 'ok' }));

/**
 * GET /api/health, asked every few seconds by every load balancer and Docker HEALTHCHECK,
 * answered ahead of Nest's per-request pipeline by the public read routes' skeleton
 * (engine/http/public-read-route.ts): the route is public, reads no caller, takes no input,
 * has no tenant and no transaction, so the pipeline (the router's execution context, guard,
 * interceptor, rxjs, res.json's ETag) would add nothing but its cost. Same answers as
 * HealthController.health, which documents the route: 200 `{"status":"ok"}` when the
 * database answers `SELECT 1`, else 503 DATABASE_UNAVAILABLE with Retry-After.
 *
 * What a 200 guarantees: a `SELECT 1` on this API's pool was answered, and that answer reached
 * the API after the request arrived; a 503, that such a probe failed after it arrived. The
 * probes are single-flight (SingleFlightProbe): a request that arrives while a probe is in
 * flight shares that probe's outcome instead of sending one of its own; a request that arrives
 * after it has ended starts a new one; no outcome is kept. So the `SELECT 1` behind an answer
 * was either sent after the request arrived or sent but not yet answered when it arrived,
 * never one the API had already heard back from before the request came. Under load, one
 * probe answers all the requests that arrived during its round trip.
 *
 * A GET without a cookie is answered at the front of the HTTP stack, one with a cookie (or a
 * HEAD) as Nest middleware. health-route.spec.ts fails when the route's decorators change.
 */
@Injectable()
export class HealthRoute implements NestMiddleware, OnModuleInit {
  private readonly database = new SingleFlightProbe(() => {
    // straight on node-postgres's pool (TypeORM's driver holds it as `master`): TypeORM's
    // query runner, logger and broadcaster are not needed for one constant statement
    const pool = (this.ds.driver as unknown as { master?: { query(sql: string): Promise<unknown> } }).master;
    return pool ? pool.query('SELECT 1') : this.ds.query('SELECT 1');
  });

  readonly route: PublicRead = {
    front: /^\/api\/health$/,
    limited: false,
    exact: true,
    answer: async (_query, _params, res) => {
      try {
        await this.database.probe();
      } catch {
        throw new DomainError(DatabaseErrors.DATABASE_UNAVAILABLE);
      }
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      return OK;
    },
  };

  constructor(
    private readonly routes: PublicReadRoutes,
    private readonly ds: DataSource,
  ) {}

  onModuleInit(): void {
    this.routes.atFront(this.route);
  }

  use(req: Request, res: Response, next: NextFunction): Promise<void> {
    return this.routes.serve(req, res, next, this.route);
  }
}
