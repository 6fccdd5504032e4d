import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { DatabaseErrors } from '../../engine/database/connection-errors';
import { problemFor, sendProblem } from '../../engine/errors/problem.filter';

const OK = Buffer.from(JSON.stringify({ status: 'ok' }));

/**
 * GET /api/health, asked every few seconds by every load balancer and Docker HEALTHCHECK,
 * answered ahead of Nest's per-request pipeline: the route is public, reads no caller, has
 * no tenant and no transaction, so the pipeline (the router's execution context, guard,
 * interceptor, rxjs, res.json's ETag) would add nothing but its cost. Same answers as
 * HealthController.health, which documents the route: 200 `{"status":"ok"}` when the
 * database answers `SELECT 1`, else 503 DATABASE_UNAVAILABLE with Retry-After.
 * health-route.spec.ts fails when that route's decorators change.
 */
@Injectable()
export class HealthRoute implements NestMiddleware {
  constructor(private readonly ds: DataSource) {}

  async use(_req: Request, res: Response, _next: NextFunction): Promise<void> {
    try {
      await this.ds.query('SELECT 1');
    } catch {
      return sendProblem(res, problemFor(DatabaseErrors.DATABASE_UNAVAILABLE));
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(OK);
  }
}
