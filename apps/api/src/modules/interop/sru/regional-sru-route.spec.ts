import 'reflect-metadata';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ACCESS_KEY } from '../../../engine/auth/auth.decorators';
import { PublicCatalogueRateLimit } from '../../../engine/http/public-catalogue';
import { NO_TENANT_TRANSACTION } from '../../../engine/tenancy/tenant-transaction.interceptor';
import { RegionCodePipe } from '../../region';
import { RegionalSruRoute } from './regional-sru-route';
import { RegionalSruController } from './regional-sru.controller';

/**
 * RegionalSruRoute answers GET /api/r/{region}/sru in place of Nest's pipeline, doing what the
 * route's decorators ask for. Should they change, RegionalSruRoute must change with them: this fails first.
 */
describe('RegionalSruRoute stands in for the documented regional SRU route', () => {
  it('the route asks for what RegionalSruRoute does (public, the catalogue limit, the region code, the whole query untyped) and nothing more', () => {
    const handler = RegionalSruController.prototype.regionalSru;
    expect(Reflect.getMetadata(ACCESS_KEY, handler)).toEqual({ who: 'public' });
    // no city on the path: no tenant transaction either way
    expect(Reflect.getMetadata(NO_TENANT_TRANSACTION, handler)).toBeUndefined();
    expect(Reflect.getMetadata(GUARDS_METADATA, RegionalSruController)).toEqual([PublicCatalogueRateLimit]);
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA]) {
      expect({ key, onRoute: Reflect.getMetadata(key, handler) }).toEqual({ key, onRoute: undefined });
    }
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, RegionalSruController)).toBeUndefined();
    expect(Reflect.getMetadata(PIPES_METADATA, RegionalSruController)).toBeUndefined();
    // the parameters: the region code through RegionCodePipe, the whole query as a plain object, the response
    expect(Reflect.getMetadata('design:paramtypes', RegionalSruController.prototype, 'regionalSru')).toEqual([String, Object, Object]);
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, RegionalSruController, 'regionalSru') as Record<string, { index: number; data?: unknown; pipes: unknown[] }>;
    // (Nest resolves them in this order, from the last to the first, as PublicReadRoutes does)
    expect(Object.keys(args)).toEqual([`${RouteParamtypes.RESPONSE}:2`, `${RouteParamtypes.QUERY}:1`, `${RouteParamtypes.PARAM}:0`]);
    expect(args[`${RouteParamtypes.PARAM}:0`]).toEqual({ index: 0, data: 'region', pipes: [RegionCodePipe] });
    expect(args[`${RouteParamtypes.QUERY}:1`]).toEqual({ index: 1, data: undefined, pipes: [] });
    expect(args[`${RouteParamtypes.RESPONSE}:2`]).toEqual({ index: 2, data: undefined, pipes: [] });

    // and RegionalSruRoute does the same: the catalogue's limit, the whole query untyped, the region through RegionCodePipe
    const { route } = new RegionalSruRoute({} as never, {} as never, {} as never, {} as never);
    expect({ limited: route.limited, query: route.query, front: route.front }).toEqual({ limited: true, query: Object, front: undefined });
    expect(route.params?.map((p) => ({ name: p.name, pipe: p.pipe?.constructor }))).toEqual([{ name: 'region', pipe: RegionCodePipe }]);
  });
});
