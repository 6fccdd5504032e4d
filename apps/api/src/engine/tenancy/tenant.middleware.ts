import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { problemFor, sendProblem } from '../errors/problem.filter';
import { TenantRegistry, TenantRow } from './tenant-registry.service';

declare module 'express-serve-static-core' {
  interface Request {
    tenant?: TenantRow;
  }
}

/** Resolves the tenant once per request from `/api/t/{slug}/…`: 404 unknown, 503 suspended. */
@Injectable()
export class TenantMiddleware implements NestMiddleware {
  constructor(private readonly registry: TenantRegistry) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    const m = /^\/api\/t\/([^/?]+)/.exec(req.originalUrl);
    if (!m) return next();
    try {
      const tenant = await this.registry.findBySlug(decodeURIComponent(m[1]));
      if (!tenant) return sendProblem(res, problemFor('TENANT_NOT_FOUND'));
      if (tenant.status === 'suspended') return sendProblem(res, problemFor('TENANT_SUSPENDED'));
      req.tenant = tenant;
      next();
    } catch (e) {
      next(e);
    }
  }
}
