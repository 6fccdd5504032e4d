import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../../../engine/config/config';
import { DomainError } from '../../../engine/errors/domain-error';
import { RateLimiter } from '../../../engine/http/rate-limiter';

/**
 * The public catalogue (search, record pages, lists) is what crawlers and scripts hit:
 * a per-IP limit, shared by all its endpoints, answers 429 RATE_LIMITED beyond
 * RATE_LIMIT_PER_MINUTE.
 */
@Injectable()
export class PublicCatalogueRateLimit implements CanActivate {
  constructor(private readonly limiter: RateLimiter, @Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const wait = this.limiter.hit(`opac:${req.ip}`, this.config.rateLimitPerMinute, 60_000);
    if (wait) {
      http.getResponse<Response>().setHeader('Retry-After', String(wait));
      throw new DomainError('RATE_LIMITED');
    }
    return true;
  }
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/**
 * Sends a JSON text body with an ETag (hash of the body) and Cache-Control; answers 304
 * when the client already holds it. Public catalogue data only: nothing personal.
 */
export function sendPublicJson(req: Request, res: Response, body: string, maxAgeSeconds: number): void {
  const etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${maxAgeSeconds}`);
  if (matches(req.headers['if-none-match'], etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type('application/json; charset=utf-8').send(body);
}
