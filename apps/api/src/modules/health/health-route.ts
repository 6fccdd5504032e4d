import { Injectable, NestMiddleware, OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { DatabaseErrors } from '../../engine/database/connection-errors';
import { problemFor, sendProblem } from '../../engine/errors/problem.filter';
import { FrontRoutes } from '../../engine/http/front-routes';

const OK = Buffer.from(JSON.stringify({ status: 'ok' }));

/**
 * GET /api/health, asked every few seconds by every load balancer and Docker HEALTHCHECK,
 * answered ahead of Nest's per-request pipeline: the route is public, reads no caller, has
 * no tenant and no transaction, so the pipeline (the router's execution context, guard,
 * interceptor, rxjs, res.json's ETag) would add nothing but its cost. Same answers as
 * HealthController.health, which documents the route: 200 `{"status":"ok"}` when the
 * database answers `SELECT 1`, else 503 DATABASE_UNAVAILABLE with Retry-After.
 * A request without a cookie is answered at the front of the HTTP stack (FrontRoutes), one
 * with a cookie as Nest middleware. health-route.spec.ts fails when the route's decorators change.
 */
@Injectable()
export class HealthRoute implements NestMiddleware, OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly front: FrontRoutes,
  ) {}

  onModuleInit(): void {
    this.front.add({ path: /^\/api\/health$/, handle: (req, res, next) => this.use(req, res, next) });
  }

  async use(_req: Request, res: Response, _next: NextFunction): Promise<void> {
    try {
      // straight on node-postgres's pool (TypeORM's driver holds it as `master`): TypeORM's
      // query runner, logger and broadcaster are not needed for one constant statement
      const pool = (this.ds.driver as unknown as { master?: { query(sql: string): Promise<unknown> } }).master;
      await (pool ? pool.query('SELECT 1') : this.ds.query('SELECT 1'));
    } catch {
      return sendProblem(res, problemFor(DatabaseErrors.DATABASE_UNAVAILABLE));
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(OK);
  }
}
