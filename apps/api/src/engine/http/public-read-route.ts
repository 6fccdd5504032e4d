import { ArgumentMetadata, Inject, Injectable, PipeTransform, Type } from '@nestjs/common';
import type { Request, Response } from 'express';
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

/** A public, read-only route answered by PublicReadRoutes: what its documented route's parameters ask for. */
export interface PublicRead<Q> {
  /**
   * Path parameters, each through the app's ValidationPipe (the string rule) and then its own
   * pipe, as `@Param(name, pipe)` gives it; listed from the handler's last to its first, the
   * order in which Nest resolves them.
   */
  params?: { name: string; pipe?: PipeTransform<string, string> }[];
  /** The query's class as `@Query()` names it: a DTO (its rules apply), or `Object` (the string rule only). */
  query: Type<Q> | ObjectConstructor;
  /** The body, with the response's headers set (publicBody); runs in the city's context on `/t/{slug}/…` paths. */
  answer(query: Q, params: Record<string, string>): Promise<string>;
}

/**
 * The skeleton of every public, read-only route answered ahead of Nest's per-request pipeline
 * (guards, interceptor, pipes, the router's execution context): the JSON search (SearchRoute),
 * a city's SRU (SruRoute) and a region's SRU (RegionalSruRoute), which outside services and
 * the OPAC ask most often; the pipeline cost a third of a search's time in the API process
 * (docs/benchmarks.md). It does what that pipeline does for such a route and nothing else:
 *
 *   1. the city of a `/t/{slug}/…` path (404/503, as TenantMiddleware); none on other paths;
 *   2. the public catalogue's per-IP limit (429 with Retry-After, as PublicCatalogueRateLimit);
 *   3. the query and the path's parameters through the app's ValidationPipe (400 VALIDATION)
 *      and the route's own pipes, all at once and in Nest's order (the handler's arguments
 *      from last to first: the query, then the parameters), so the same error wins when
 *      several are wrong;
 *   4. the answer, in the city's context without a transaction (runTenantRead, as
 *      @NoTenantTransaction) when there is a city;
 *   5. any error as problem+json, as the ProblemFilter writes it (a protocol's own errors,
 *      such as SRU diagnostics, are answers in a 200 and never get here).
 *
 * Each route keeps its documented twin in a controller (OpenAPI; it answers only should the
 * middleware be unmounted) and a spec beside it that fails when the twin's decorators or
 * parameters change, for whatever is added there (a guard, an interceptor, a pipe) must be
 * added here too, or it does not apply. A new global guard or interceptor (engine.module.ts)
 * needs a look here as well.
 */
@Injectable()
export class PublicReadRoutes {
  private readonly pipe = createValidationPipe();

  constructor(
    private readonly registry: TenantRegistry,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ds: DataSource,
    private readonly database: DatabaseWatchdog,
  ) {}

  async serve<Q>(req: Request, res: Response, route: PublicRead<Q>): Promise<void> {
    try {
      const tenant = await requestTenant(this.registry, req);
      countPublicCatalogueHit(this.limiter, this.config, req, res);
      // as Nest resolves a handler's arguments: all at once, from the last to the first (the
      // query, then the path's parameters), each through its pipes one after the other
      const params: Record<string, string> = {};
      const [query] = await Promise.all([
        this.applyPipes(req.query, { type: 'query', metatype: route.query }, [this.pipe]) as Promise<Q>,
        ...(route.params ?? []).map(async ({ name, pipe }) => {
          params[name] = (await this.applyPipes(req.params[name], { type: 'param', metatype: String, data: name }, pipe ? [this.pipe, pipe] : [this.pipe])) as string;
        }),
      ]);
      const answer = () => route.answer(query, params);
      const body = tenant ? await runTenantRead(this.ds, { id: tenant.id, slug: tenant.slug, name: tenant.name }, answer) : await answer();
      res.send(body);
    } catch (e) {
      if (!res.headersSent) sendProblem(res, problemOf(e, req, this.database));
    }
  }

  /** A value through pipes in turn, as Nest's PipesConsumer applies them. */
  private applyPipes(value: unknown, metadata: ArgumentMetadata, pipes: PipeTransform[]): Promise<unknown> {
    return pipes.reduce<Promise<unknown>>(async (deferred, pipe) => pipe.transform(await deferred, metadata), Promise.resolve(value));
  }
}
