import 'reflect-metadata';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ACCESS_KEY } from '../../../engine/auth/auth.decorators';
import { PublicCatalogueRateLimit } from '../../../engine/http/public-catalogue';
import { NO_TENANT_TRANSACTION } from '../../../engine/tenancy/tenant-transaction.interceptor';
import { SuggestQueryDto } from '../dto/search.dto';
import { OpacController } from '../opac.controller';
import { SuggestRoute } from './suggest-route';

/**
 * SuggestRoute answers GET suggest in place of Nest's pipeline, doing what the route's
 * decorators ask for. Should they change, SuggestRoute must change with them: this fails first.
 */
describe('SuggestRoute stands in for the documented suggest route', () => {
  it('the route asks for what SuggestRoute does (public, no transaction, the catalogue limit, SuggestQueryDto) and nothing more', () => {
    const handler = OpacController.prototype.suggest;
    expect(Reflect.getMetadata(ACCESS_KEY, handler)).toEqual({ who: 'public' });
    expect(Reflect.getMetadata(NO_TENANT_TRANSACTION, handler)).toBe(true);
    expect(Reflect.getMetadata(GUARDS_METADATA, OpacController)).toEqual([PublicCatalogueRateLimit]);
    for (const key of [GUARDS_METADATA, INTERCEPTORS_METADATA, PIPES_METADATA]) {
      expect({ key, onRoute: Reflect.getMetadata(key, handler) }).toEqual({ key, onRoute: undefined });
    }
    expect(Reflect.getMetadata(INTERCEPTORS_METADATA, OpacController)).toBeUndefined();
    expect(Reflect.getMetadata(PIPES_METADATA, OpacController)).toBeUndefined();
    // the parameters: the query as SuggestQueryDto, the response
    expect(Reflect.getMetadata('design:paramtypes', OpacController.prototype, 'suggest')).toEqual([SuggestQueryDto, Object]);
    const args = Reflect.getMetadata(ROUTE_ARGS_METADATA, OpacController, 'suggest') as Record<string, { index: number; data?: unknown; pipes: unknown[] }>;
    expect(Object.keys(args).sort()).toEqual([`${RouteParamtypes.RESPONSE}:1`, `${RouteParamtypes.QUERY}:0`].sort());
    for (const arg of Object.values(args)) expect(arg).toEqual({ index: arg.index, data: undefined, pipes: [] });

    // and SuggestRoute does the same: the catalogue's limit, the same DTO, no path parameters
    const { route } = new SuggestRoute({} as never, {} as never);
    expect({ limited: route.limited, query: route.query, params: route.params, front: route.front }).toEqual({ limited: true, query: SuggestQueryDto, params: undefined, front: undefined });
  });
});
