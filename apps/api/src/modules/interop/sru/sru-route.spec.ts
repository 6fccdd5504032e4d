import 'reflect-metadata';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ACCESS_KEY } from '../../../engine/auth/auth.decorators';
import { PublicCatalogueRateLimit } from '../../../engine/http/public-catalogue';
import { NO_TENANT_TRANSACTION } from '../../../engine/tenancy/tenant-transaction.interceptor';
import { SruRoute } from './sru-route';
import { SruController } from './sru.controller';

/**
 * SruRoute answers GET /api/t/{slug}/sru in place of Nest's pipeline, doing what the route's
 * decorators ask for. Should they change, SruRoute must change with them: this fails first.
 */
describe('SruRoute stands in for the documented SRU route', () => {
  it('the route asks for what SruRoute does (public, no transaction, the catalogue limit, the whole query untyped) and nothing more', () => {
    const handler = SruController.prototype.sruRequest;
    expect(Reflect.getMetadata(ACCESS_KEY, handler)).toEqual({ who: 'public' });
    expect(Reflect.getMetadata(NO_TENANT_TRANSACTION, handler)).toBe(true);
    expect(Reflect.getMetadata(GUARDS_METADATA, SruController)).toEqual([PublicCatalogueRateLimit]);
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA]) {
      expect({ key, onRoute: Reflect.getMetadata(key, handler) }).toEqual({ key, onRoute: undefined });
    }
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, SruController)).toBeUndefined();
    expect(Reflect.getMetadata(PIPES_METADATA, SruController)).toBeUndefined();
    // the parameters: the whole query as a plain object (the global pipe's string rule only) and the response
    expect(Reflect.getMetadata('design:paramtypes', SruController.prototype, 'sruRequest')).toEqual([Object, Object]);
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, SruController, 'sruRequest') as Record<string, { index: number; data?: unknown; pipes: unknown[] }>;
    expect(Object.keys(args).sort()).toEqual([`${RouteParamtypes.RESPONSE}:1`, `${RouteParamtypes.QUERY}:0`].sort());
    for (const arg of Object.values(args)) expect(arg).toEqual({ index: arg.index, data: undefined, pipes: [] });

    // and SruRoute does the same: the catalogue's limit, the whole query untyped, no path parameters
    const { route } = new SruRoute({} as never, {} as never, {} as never);
    expect({ limited: route.limited, query: route.query, params: route.params, front: route.front }).toEqual({ limited: true, query: Object, params: undefined, front: undefined });
  });
});
