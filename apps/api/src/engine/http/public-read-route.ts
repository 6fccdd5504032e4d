import { ArgumentMetadata, Inject, Injectable, PipeTransform, Type } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { DataSource } from 'typeorm';
import { runTenantRead } from '@shiori/tenancy';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DatabaseWatchdog } from '../database/database-watchdog.service';
import { problemOf, sendProblem } from '../errors/problem.filter';
import { createValidationPipe } from '../errors/validation';
import { TenantRegistry } from '../tenancy/tenant-registry.service';
import { requestTenant } from '../tenancy/tenant.middleware';
import { countPublicCatalogueHit } from './public-catalogue';
import { RateLimiter } from './rate-limiter';

/**
 * What a route's answer() gives: the body, sent with `res.send` (Content-Length; 304 when the
 * request's If-None-Match names the ETag the answer set; Express's own ETag when it set none),
 * or null to leave the request to the documented route (Nest's pipeline) after all.
 */
export type PublicAnswer = string | Buffer | null;

/** A public, read-only route answered by PublicReadRoutes: what its documented route asks for. */
export interface PublicRead<Q = undefined> {
  /**
   * The whole path (no query string) of the GETs without a cookie answered at the front of the
   * HTTP stack, before the body and cookie parsers (front()), e.g. `^/api/t/[^/]+/info$`; set
   * only for routes that take no body and read no cookie. Every request (with a cookie, a HEAD,
   * a path the pattern does not name exactly such as a trailing slash) goes the usual way, to
   * the route's Nest middleware, answered there by the same skeleton.
   */
  front?: RegExp;
  /** The public catalogue's per-IP limit (the documented route's PublicCatalogueRateLimit guard). */
  limited: boolean;
  /**
   * Path parameters, each through the app's ValidationPipe (the string rule) and then its own
   * pipe, as `@Param(name, pipe)` gives it; listed from the handler's last to its first, the
   * order in which Nest resolves them. (Read from `req.params`: Nest middleware routes only.)
   */
  params?: { name: string; pipe?: PipeTransform<string, string> }[];
  /** The query's class as `@Query()` names it: a DTO (its rules apply), or `Object` (the string rule only); none when the handler takes no query. */
  query?: Type<Q> | ObjectConstructor;
  /**
   * The body sent as it is with `res.end` (a constant answer, its Content-Type set by answer()):
   * no ETag, no 304, as HealthRoute has always answered.
   */
  exact?: boolean;
  /**
   * The body, with the response's headers set (publicBody); runs in the city's context without
   * a transaction on `/t/{slug}/…` paths. What it throws is answered as problem+json.
   */
  answer(query: Q, params: Record<string, string>, res: Response, req: Request): Promise<PublicAnswer>;
}

/** Marks a request a route's answer() left to the documented route (it is not answered twice). */
const DECLINED = Symbol('public-read-declined');
type Declining = Request & { [DECLINED]?: PublicRead<unknown>[] };

/**
 * The one way a public, read-only route is answered ahead of Nest's per-request pipeline
 * (guards, interceptor, pipes, the router's execution context, rxjs): the JSON search
 * (SearchRoute), suggestions as you type (SuggestRoute), a city's and a region's SRU (SruRoute,
 * RegionalSruRoute), `/info` (InfoRoute) and `/health` (HealthRoute), which the OPAC, outside
 * services and load balancers ask most often; the pipeline cost a third of a search's time in
 * the API process (docs/benchmarks.md). It does what that pipeline does for such a route and
 * nothing else:
 *
 *   1. the city of a `/t/{slug}/…` path (404/503, as TenantMiddleware); none on other paths;
 *   2. the public catalogue's per-IP limit where the route has it (429 with Retry-After, as
 *      PublicCatalogueRateLimit);
 *   3. the query and the path's parameters through the app's ValidationPipe (400 VALIDATION)
 *      and the route's own pipes, all at once and in Nest's order (the handler's arguments
 *      from last to first: the query, then the parameters), so the same error wins when
 *      several are wrong;
 *   4. the answer, in the city's context without a transaction (runTenantRead, as
 *      @NoTenantTransaction, or the one statement /info reads) when there is a city;
 *   5. any error as problem+json, as the ProblemFilter writes it, the database watchdog telling
 *      a connection broken under the request (503) from a bug (a protocol's own errors, such as
 *      SRU diagnostics, are answers in a 200 and never get here).
 *
 * Each route is a Nest middleware on its documented path (its module's configure()) that hands
 * the request to serve(); a route with a `front` pattern is also registered here (atFront, in
 * its onModuleInit) and answered by front(), which bootstrap.ts mounts after the security
 * headers and the database watchdog but before the body parsers, the cookie parser, the
 * session-hint cookie and Nest's router: for `/info` and `/health` those layers were most of
 * the floor (issue #25). Either way the same skeleton answers, so the answers are the same.
 *
 * Each route keeps its documented twin in a controller (OpenAPI; it answers only should the
 * middleware be unmounted, or when answer() declines) and a spec beside it that fails when the
 * twin's decorators or parameters change, for whatever is added there (a guard, an interceptor,
 * a pipe) must be added here too, or it does not apply. A new global guard or interceptor
 * (engine.module.ts) needs a look here as well.
 */
@Injectable()
export class PublicReadRoutes {
  private readonly pipe = createValidationPipe();
  private readonly fronts: { path: RegExp; route: PublicRead<unknown> }[] = [];

  constructor(
    private readonly registry: TenantRegistry,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly database: DatabaseWatchdog,
  ) {}

  /** Answers `route.front`'s cookie-less GETs at the front of the HTTP stack too (front()). */
  atFront<Q>(route: PublicRead<Q>): void {
    if (!route.front) throw new Error('PublicReadRoutes.atFront: the route has no front pattern');
    this.fronts.push({ path: route.front, route: route as PublicRead<unknown> });
  }

  /**
   * The middleware bootstrap.ts mounts at the front (it matches the whole path itself: no
   * prefix for Express to strip and put back). A request that carries a cookie (a signed-in
   * patron, a librarian: the session-hint cookie is kept in step on the usual way,
   * syncSessionHint) or is not a GET goes on.
   */
  front(): RequestHandler {
    return (req, res, next) => {
      if (req.method !== 'GET' || req.headers.cookie !== undefined || !this.fronts.length) return next();
      const url = req.originalUrl;
      const q = url.indexOf('?');
      const path = q < 0 ? url : url.slice(0, q);
      for (const { path: pattern, route } of this.fronts) {
        if (pattern.test(path)) return void this.serve(req, res, next, route).catch(next);
      }
      next();
    };
  }

  /** Answers `req` as `route` says (the skeleton above); calls `next` only when the route's answer declines. */
  async serve<Q>(req: Request, res: Response, next: NextFunction, route: PublicRead<Q>): Promise<void> {
    const declined = (req as Declining)[DECLINED];
    if (declined?.includes(route as PublicRead<unknown>)) return next(); // seen at the front and declined there
    try {
      const tenant = await requestTenant(this.registry, req);
      if (route.limited) countPublicCatalogueHit(this.limiter, this.config, req, res);
      const params: Record<string, string> = {};
      const query = route.query || route.params?.length ? await this.arguments(req, route, params) : (undefined as Q);
      const answer = () => route.answer(query, params, res, req);
      const body = tenant ? await runTenantRead(this.ds, { id: tenant.id, slug: tenant.slug, name: tenant.name }, answer) : await answer();
      if (body === null) {
        (req as Declining)[DECLINED] = [...(declined ?? []), route as PublicRead<unknown>];
      } else {
        if (route.exact) res.end(body);
        else res.send(body);
        return;
      }
    } catch (e) {
      if (!res.headersSent) sendProblem(res, problemOf(e, req, this.database));
      return;
    }
    next(); // declined: to the documented route
  }

  /** The handler's arguments as Nest resolves them: all at once, from the last to the first (the query, then the path's parameters), each through its pipes one after the other. */
  private async arguments<Q>(req: Request, route: PublicRead<Q>, params: Record<string, string>): Promise<Q> {
    const [query] = await Promise.all([
      route.query ? (this.applyPipes(req.query, { type: 'query', metatype: route.query }, [this.pipe]) as Promise<Q>) : (undefined as Q),
      ...(route.params ?? []).map(async ({ name, pipe }) => {
        params[name] = (await this.applyPipes(req.params[name], { type: 'param', metatype: String, data: name }, pipe ? [this.pipe, pipe] : [this.pipe])) as string;
      }),
    ]);
    return query;
  }

  /** A value through pipes in turn, as Nest's PipesConsumer applies them. */
  private applyPipes(value: unknown, metadata: ArgumentMetadata, pipes: PipeTransform[]): Promise<unknown> {
    return pipes.reduce<Promise<unknown>>(async (deferred, pipe) => pipe.transform(await deferred, metadata), Promise.resolve(value));
  }
}
