import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A GET route answered at the front of the HTTP stack (FrontRoutes). */
export interface FrontRoute {
  /** Matched against the whole path (no query string), e.g. `^/api/t/[^/]+/info$`. */
  path: RegExp;
  /** Answers the request; calls `next` to leave it to the usual pipeline (Nest's route). */
  handle(req: Request, res: Response, next: NextFunction): void | Promise<void>;
}

/**
 * GET routes answered before the body parsers, the cookie parser, the session-hint cookie and
 * Nest's router and pipeline (guards, interceptors, rxjs): the public, input-less requests
 * every page or load balancer makes (`/info`, `/health`), whose floor those layers were most
 * of (issue #25, docs/benchmarks.md). They run after the security headers and the database
 * watchdog (bootstrap.ts). Such a route takes no body and reads no cookie, by construction:
 * a request that carries a cookie, or is not a GET, goes the usual way; so does a path the
 * route's pattern does not name exactly (a trailing slash), where Nest's own route answers.
 * Each route's owner registers it (onModuleInit) and keeps a spec comparing it with the
 * documented Nest route it stands in for.
 */
@Injectable()
export class FrontRoutes {
  private readonly routes: FrontRoute[] = [];

  add(route: FrontRoute): void {
    this.routes.push(route);
  }

  /** The middleware bootstrap.ts mounts at the front (matching the whole path itself: no prefix for Express to strip and put back). */
  middleware(): RequestHandler {
    return (req, res, next) => {
      // a cookie (a signed-in patron, a librarian) goes the usual way: the session hint
      // cookie is kept in step there (syncSessionHint)
      if (req.method !== 'GET' || req.headers.cookie !== undefined || !this.routes.length) return next();
      const url = req.originalUrl;
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      for (const route of this.routes) {
        if (route.path.test(path)) {
          const done = route.handle(req, res, next);
          if (done) done.catch(next);
          return;
        }
      }
      next();
    };
  }
}
