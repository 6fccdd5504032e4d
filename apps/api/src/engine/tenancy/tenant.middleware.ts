import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error';
import { problemOf, sendProblem } from '../errors/problem.filter';
import { TenantRegistry, TenantRow } from './tenant-registry.service';

declare module 'express-serve-static-core' {
  interface Request {
    tenant?: TenantRow;
  }
}

/**
 * The city's name as the path spells it, percent-decoded. One that is not UTF-8 is refused as
 * Express's router refuses such a path parameter (400 VALIDATION), never a URIError's 500:
 * routes answered before the router (PublicReadRoutes.front) reach here with the raw path.
 */
function decodedSlug(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new DomainError('VALIDATION', `Failed to decode param '${raw}'`);
  }
}

/**
 * The tenant of a request to `/api/t/{slug}/…` (set on `req.tenant`), null for other paths;
 * throws TENANT_NOT_FOUND for an unknown city and TENANT_SUSPENDED for a suspended one.
 */
export async function requestTenant(registry: TenantRegistry, req: Request): Promise<TenantRow | null> {
  if (req.tenant) return req.tenant;
  const m = /^\/api\/t\/([^/?]+)/.exec(req.originalUrl);
  if (!m) return null;
  const tenant = await registry.findBySlug(decodedSlug(m[1]));
  if (!tenant) throw new DomainError('TENANT_NOT_FOUND');
  if (tenant.status === 'suspended') throw new DomainError('TENANT_SUSPENDED');
  req.tenant = tenant;
  return tenant;
}

/** Resolves the tenant once per request from `/api/t/{slug}/…`: 404 unknown, 503 suspended. */
@Injectable()
export class TenantMiddleware implements NestMiddleware {
  constructor(private readonly registry: TenantRegistry) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      await requestTenant(this.registry, req);
      next();
    } catch (e) {
      if (e instanceof DomainError) return sendProblem(res, problemOf(e));
      next(e);
    }
  }
}
