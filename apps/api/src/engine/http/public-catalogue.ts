import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DomainError } from '../errors/domain-error';
import { RateLimiter } from './rate-limiter';

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
    countPublicCatalogueHit(this.limiter, this.config, http.getRequest<Request>(), http.getResponse<Response>());
    return true;
  }
}

/** Counts one request of the public catalogue from the client's IP; beyond the limit sets Retry-After and throws RATE_LIMITED. */
export function countPublicCatalogueHit(limiter: RateLimiter, config: AppConfig, req: Request, res: Response): void {
  const wait = limiter.hit(`opac:${req.ip}`, config.rateLimitPerMinute, 60_000);
  if (wait) {
    res.setHeader('Retry-After', String(wait));
    throw new DomainError('RATE_LIMITED');
  }
}

/**
 * A JSON text whose value is a `T` (a @shiori/contracts answer that one SQL statement builds as
 * text, sent as it is): says which contract the text is, for the reader and for the handler's
 * return type. Not checked at run time; the statement's keys are typed where it is written
 * (engine/database/sql.ts jsonObjectSql).
 */
export type JsonText<T> = string & { readonly __json?: T };

/** `JSON.stringify` of an answer, typed as its text. */
export function jsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}

/**
 * Marks a JSON text body as public catalogue data: an ETag (hash of the body) and
 * Cache-Control. Return the text from the handler (with `@Res({ passthrough: true })`):
 * Nest sends it after the request's transaction has ended, and Express answers 304 when
 * the client's If-None-Match already names this ETag. Nothing personal goes through here.
 */
export function publicJson<T>(res: Response, body: JsonText<T>, maxAgeSeconds: number): JsonText<T>;
export function publicJson(res: Response, body: string, maxAgeSeconds: number): string;
export function publicJson(res: Response, body: string, maxAgeSeconds: number): string {
  return publicBody(res, body, maxAgeSeconds, 'application/json; charset=utf-8');
}

/** publicJson for any text body (the XML of SRU, OpenSearch and OAI-PMH), with its media type. */
export function publicBody(res: Response, body: string, maxAgeSeconds: number, contentType: string): string {
  res.setHeader('ETag', `W/"${createHash('sha1').update(body).digest('base64url')}"`);
  res.setHeader('Cache-Control', `public, max-age=${maxAgeSeconds}, stale-while-revalidate=${maxAgeSeconds}`);
  res.type(contentType);
  return body;
}
