import { Injectable, NestMiddleware, OnModuleInit } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { DatabaseErrors } from '../../engine/database/connection-errors';
import { DomainError } from '../../engine/errors/domain-error';
import { PublicRead, PublicReadRoutes } from '../../engine/http/public-read-route';

const OK = Buffer.from(JSON.stringify({ status: 'ok' }));

/**
 * GET /api/health, asked every few seconds by every load balancer and Docker HEALTHCHECK,
 * answered ahead of Nest's per-request pipeline by the public read routes' skeleton
 * (engine/http/public-read-route.ts): the route is public, reads no caller, takes no input,
 * has no tenant and no transaction, so the pipeline (the router's execution context, guard,
 * interceptor, rxjs, res.json's ETag) would add nothing but its cost. Same answers as
 * HealthController.health, which documents the route: 200 `{"status":"ok"}` when the
 * database answers `SELECT 1`, else 503 DATABASE_UNAVAILABLE with Retry-After.
 * A GET without a cookie is answered at the front of the HTTP stack, one with a cookie (or a
 * HEAD) as Nest middleware. health-route.spec.ts fails when the route's decorators change.
 */
@Injectable()
export class HealthRoute implements NestMiddleware, OnModuleInit {
  readonly route: PublicRead = {
    front: /^\/api\/health$/,
    limited: false,
    exact: true,
    answer: async (_query, _params, res) => {
      try {
        // straight on node-postgres's pool (TypeORM's driver holds it as `master`): TypeORM's
        // query runner, logger and broadcaster are not needed for one constant statement
        const pool = (this.ds.driver as unknown as { master?: { query(sql: string): Promise<unknown> } }).master;
        await (pool ? pool.query('SELECT 1') : this.ds.query('SELECT 1'));
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
